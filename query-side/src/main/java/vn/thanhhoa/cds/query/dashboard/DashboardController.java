package vn.thanhhoa.cds.query.dashboard;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;
import vn.thanhhoa.cds.infra.actor.Actor;
import vn.thanhhoa.cds.infra.validation.Bounded;
import vn.thanhhoa.cds.query.common.DashboardCache;
import vn.thanhhoa.cds.query.reference.Mandates;
import vn.thanhhoa.cds.query.common.ReadScope;
import vn.thanhhoa.cds.query.timetravel.KnownAt;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import static vn.thanhhoa.cds.events.common.Bound.YEAR;

/** The district and province dashboards and the heat map: shared answers kept per change (DashboardCache) and followed by live pages (X-Live-Stream), or for a day, for the decisions in force on a day, or as known at an instant. */
@RestController
@RequestMapping("/api")
@Tag(name = "Bảng điều khiển (truy vấn) — dashboards and cards")
public class DashboardController {
    private final DistrictDashboards districts;
    private final ProvinceDashboards provinces;
    private final DashboardAnswers answers;
    private final Heatmaps heatmaps;
    private final Mandates mandates;
    private final DashboardCache cache;
    private final KnownAt knownAt;
    private final Clock clock;

    public DashboardController(DistrictDashboards districts, ProvinceDashboards provinces, DashboardAnswers answers,
                               Heatmaps heatmaps, Mandates mandates, DashboardCache cache, KnownAt knownAt, Clock clock) {
        this.districts = districts;
        this.provinces = provinces;
        this.answers = answers;
        this.heatmaps = heatmaps;
        this.mandates = mandates;
        this.cache = cache;
        this.knownAt = knownAt;
        this.clock = clock;
    }

    @GetMapping("/districts/{code}/dashboard")
    @Operation(summary = "Bảng điều khiển huyện — a district's communes by stage, recognised vs target, scores; asOf: the map of a "
            + "day; inForceOn: the decisions in force on a day, as known now; knownAt: as the platform showed it at an instant",
            responses = @ApiResponse(responseCode = "200", description = "OK (ETag; 304 when unchanged)",
                    content = @Content(schema = @Schema(implementation = DashboardViews.DistrictDashboard.class))))
    public ResponseEntity<?> district(@PathVariable String code, @RequestParam @Bounded(YEAR) int year,
                                      @RequestParam(required = false) LocalDate asOf, Actor actor, @RequestParam(required = false) LocalDate inForceOn,
                                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime knownAt,
                                      @RequestHeader(name = DashboardCache.AT_LEAST, required = false) Long atLeast,
                                      @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch,
                                      @RequestHeader(name = DashboardCache.STREAM, required = false) String stream) {
        if (knownAt != null || asOf != null || inForceOn != null) {
            return ResponseEntity.ok(answers.district(actor, code, year, asOf, inForceOn, knownAt));
        }
        ReadScope.someDistrict(actor); // refused before any work when the person reads no district at all
        if (!actor.readsEverything()) {
            // the scope is checked on the district the code names, before the shared answer is served
            ReadScope.district(actor, mandates.of(actor), districts.districtUnitId(code, year));
        }
        return cache.serve(List.of("district", code, year), atLeast, ifNoneMatch, stream, actor.subject(), () -> districts.scopedDistrict(code, year));
    }

    @GetMapping("/province/dashboard")
    @Operation(summary = "Bảng điều khiển tỉnh — communes recognised / the year's target, per district; asOf, inForceOn, "
            + "knownAt as for a district",
            responses = @ApiResponse(responseCode = "200", description = "OK (ETag; 304 when unchanged)",
                    content = @Content(schema = @Schema(implementation = DashboardViews.ProvinceDashboard.class))))
    public ResponseEntity<?> province(@RequestParam @Bounded(YEAR) int year, @RequestParam(required = false) LocalDate asOf,
                                      @RequestParam(defaultValue = "as-it-was") String view, Actor actor, @RequestParam(required = false) LocalDate inForceOn,
                                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime knownAt,
                                      @RequestHeader(name = DashboardCache.AT_LEAST, required = false) Long atLeast,
                                      @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch,
                                      @RequestHeader(name = DashboardCache.STREAM, required = false) String stream) {
        ReadScope.province(actor);
        boolean restated = DashboardAnswers.restated(view);
        return knownAt != null || asOf != null || inForceOn != null
                ? ResponseEntity.ok(answers.province(year, asOf, restated, inForceOn, knownAt))
                : cache.serve(List.of("province", year, restated), atLeast, ifNoneMatch, stream, actor.subject(), () -> provinces.province(year, null, restated));
    }

    @GetMapping("/province/heatmap")
    @Operation(summary = "Bản đồ nhiệt chỉ tiêu × huyện — share of registered communes meeting each indicator, per district",
            responses = @ApiResponse(responseCode = "200", description = "OK (ETag; 304 when unchanged)",
                    content = @Content(schema = @Schema(implementation = DashboardViews.Heatmap.class))))
    public ResponseEntity<?> heatmap(@RequestParam @Bounded(YEAR) int year, @RequestParam(required = false) LocalDate asOf,
                                     Actor actor, @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime knownAt,
                                     @RequestHeader(name = DashboardCache.AT_LEAST, required = false) Long atLeast,
                                     @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch,
                                     @RequestHeader(name = DashboardCache.STREAM, required = false) String stream) {
        ReadScope.province(actor);
        if (knownAt != null) {
            KnownAt.check(knownAt.toInstant(), clock);
            return ResponseEntity.ok(this.knownAt.dashboard(year, knownAt.toInstant(),
                    then -> null, then -> heatmaps.over(then).heatmap(year, asOf)));
        }
        return asOf != null ? ResponseEntity.ok(heatmaps.heatmap(year, asOf))
                : cache.serve(List.of("heatmap", year), atLeast, ifNoneMatch, stream, actor.subject(), () -> heatmaps.heatmap(year, null));
    }
}
