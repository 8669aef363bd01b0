package vn.thanhhoa.cds.query.reference;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.*;

import java.time.LocalDate;
import java.util.List;

/** The map over time: units in force on a day, a code's meanings, a unit's lineage. */
@RestController
@RequestMapping("/api")
@Tag(name = "Bảng điều khiển (truy vấn) — dashboards and cards")
public class MapController {
    private final MapQueries queries;

    public MapController(MapQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/map")
    @Operation(summary = "Bản đồ hành chính tại một ngày — the map in force on a date")
    public MapViews.MapView map(@RequestParam LocalDate date) {
        return queries.map(date);
    }

    @GetMapping("/codes/{code}")
    @Operation(summary = "Các đơn vị từng mang một mã — a code's meanings over time")
    public java.util.List<MapViews.MapUnit> codeMeanings(@PathVariable String code) {
        return queries.codeMeanings(code);
    }

    @GetMapping("/units/{unitId}/lineage")
    @Operation(summary = "Đơn vị tiền thân và kế thừa — a unit's predecessors and successors (unitId like 14923@2020-01-01)")
    public MapViews.LineageView lineage(@PathVariable String unitId) {
        return queries.lineage(unitId);
    }
}
