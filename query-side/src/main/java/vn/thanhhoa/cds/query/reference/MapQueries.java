package vn.thanhhoa.cds.query.reference;

import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;
import vn.thanhhoa.cds.query.common.VietnameseFormat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The map over time: the units in force on a day, a code's meanings, a unit's lineage. Read from memory (MapReader). */
@Component
public class MapQueries {
    private final MapReader maps;
    private final Clock clock;

    public MapQueries(MapReader maps, Clock clock) {
        this.maps = maps;
        this.clock = clock;
    }

    /** The map in force on a day. */
    public MapViews.MapView map(LocalDate day) {
        MapSnapshot map = maps.current();
        List<MapViews.MapUnit> units = new ArrayList<>();
        for (String level : List.of("PROVINCE", "DISTRICT", "COMMUNE")) {
            map.inForce(level, day).forEach(u -> units.add(mapUnit(map, u, day)));
        }
        return new MapViews.MapView(VietnameseFormat.date(day), map.inForce("DISTRICT", day).size(),
                map.inForce("COMMUNE", day).size(), units);
    }

    /** Every unit a code has named, with the period it was in force: a code is not an identity. */
    public List<MapViews.MapUnit> codeMeanings(String code) {
        MapSnapshot map = maps.current();
        List<MapViews.MapUnit> meanings = map.meanings(code).stream().map(u -> mapUnit(map, u, u.lastDayOr(LocalDate.now(clock)))).toList();
        if (meanings.isEmpty()) {
            throw new ProblemException(ProblemKind.NOT_FOUND, "UNKNOWN_CODE", "code", "Không có đơn vị nào mang mã " + code + ".",
                    "No unit has ever had code " + code + ".");
        }
        return meanings;
    }

    /** A unit's predecessors and successors, with the share of territory and the legal basis. */
    public MapViews.LineageView lineage(String unitId) {
        MapSnapshot map = maps.current();
        MapSnapshot.Unit unit = map.unit(unitId).orElseThrow(() -> new ProblemException(ProblemKind.NOT_FOUND, "UNKNOWN_UNIT",
                "unitId", "Không có đơn vị " + unitId + ".", "No unit " + unitId + "."));
        LocalDate day = unit.lastDayOr(LocalDate.now(clock));
        return new MapViews.LineageView(mapUnit(map, unit, day),
                map.predecessors(unitId).stream().map(l -> link(map, l.predecessorId(), l)).toList(),
                map.successors(unitId).stream().map(l -> link(map, l.successorId(), l)).toList());
    }

    private MapViews.LineageLink link(MapSnapshot map, String other, MapSnapshot.Link link) {
        MapSnapshot.Unit unit = map.unit(other).orElseThrow();
        return new MapViews.LineageLink(other, unit.code(), map.name(other, unit.lastDayOr(LocalDate.now(clock))), link.share(),
                VietnameseFormat.date(link.date()), link.basis());
    }

    private static MapViews.MapUnit mapUnit(MapSnapshot map, MapSnapshot.Unit u, LocalDate day) {
        return new MapViews.MapUnit(u.unitId(), u.code(), map.name(u.unitId(), day), u.level(), u.kind(), map.parent(u.unitId(), day),
                VietnameseFormat.date(u.from()), u.to() == null ? null : VietnameseFormat.date(u.to().minusDays(1)));
    }
}
