package vn.thanhhoa.cds.query.reference;

import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.events.map.Share;
import vn.thanhhoa.cds.events.map.Succession;
import vn.thanhhoa.cds.events.map.UnitId;
import vn.thanhhoa.cds.infra.actor.Actor;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The units a person's unit claim may read for today, by the rule the command side writes by ({@link Succession}),
 * over the read side's own copy of the map: the unit bearing the claimed code today and the predecessors it stepped
 * in for — so Xã Bá Thước (14923 since 01/07/2025) reads Thị trấn Cành Nàng's records, which it succeeded, but Xã
 * Hà Trung (15271) does not read Thị trấn Hà Trung's (15271), of which it took only a part.
 */
@Component
public class Mandates implements Succession.UnitsOverTime {
    private final MapReader maps;
    private final Clock clock;

    public Mandates(MapReader maps, Clock clock) {
        this.maps = maps;
        this.clock = clock;
    }

    /** Unit ids like {@code 14923@2025-07-01}; empty for a person without a unit. */
    public Set<String> of(Actor actor) {
        if (actor.unit() == null || actor.unit().isBlank()) {
            return Set.of();
        }
        return Succession.mandate(actor.unit(), LocalDate.now(clock), this).stream().map(UnitId::toString)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** From the map the queries hold in memory: a request reads no table for its scope. */
    @Override
    public Map<UnitId, LocalDate> unitsCoded(String code) {
        Map<UnitId, LocalDate> units = new HashMap<>();
        maps.current().meanings(code).forEach(unit -> units.put(UnitId.parse(unit.unitId()), unit.to()));
        return units;
    }

    @Override
    public Map<UnitId, Share> predecessorsOf(UnitId successor) {
        Map<UnitId, Share> predecessors = new HashMap<>();
        maps.current().predecessors(successor.toString())
                .forEach(link -> predecessors.put(UnitId.parse(link.predecessorId()), Share.valueOf(link.share())));
        return predecessors;
    }
}
