package vn.thanhhoa.cds.query.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.*;

/** The read side's REST API: the commune card, the district dashboard, the province dashboard. */
@RestController
@RequestMapping("/api")
@Tag(name = "Bảng điều khiển (truy vấn) — dashboards and cards")
public class QueryController {
    private final DashboardQueries queries;

    public QueryController(DashboardQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/communes/{code}/assessments/{year}")
    @Operation(summary = "Thẻ xã — a commune's assessment for a year: stage, scores, pillars, indicators, evidence")
    public Views.CommuneCard communeCard(@PathVariable String code, @PathVariable int year) {
        return queries.communeCard(code, year);
    }

    @GetMapping("/districts/{code}/dashboard")
    @Operation(summary = "Bảng điều khiển huyện — a district's communes by stage, recognised vs target, scores")
    public Views.DistrictDashboard district(@PathVariable String code, @RequestParam int year) {
        return queries.district(code, year);
    }

    @GetMapping("/province/dashboard")
    @Operation(summary = "Bảng điều khiển tỉnh — communes recognised / the year's target, per district")
    public Views.ProvinceDashboard province(@RequestParam int year) {
        return queries.province(year);
    }
}
