package vn.thanhhoa.cds.query.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import vn.thanhhoa.cds.infra.validation.Bounded;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import vn.thanhhoa.cds.infra.actor.Actor;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;
import vn.thanhhoa.cds.query.live.LiveUpdates;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import static vn.thanhhoa.cds.infra.validation.Bound.YEAR;

/** The read side's REST API: the commune card, the district dashboard, the province dashboard. */
@RestController
@RequestMapping("/api")
@Tag(name = "Bảng điều khiển (truy vấn) — dashboards and cards")
public class QueryController {
    private final DashboardQueries queries;
    private final LiveUpdates live;
    private final Mandates mandates;
    private final DashboardCache cache;
    private final KnownAt knownAt;
    private final java.time.Clock clock;

    public QueryController(DashboardQueries queries, LiveUpdates live, Mandates mandates, DashboardCache cache,
                           KnownAt knownAt, java.time.Clock clock) {
        this.queries = queries;
        this.live = live;
        this.mandates = mandates;
        this.cache = cache;
        this.knownAt = knownAt;
        this.clock = clock;
    }

    @GetMapping("/communes/{code}/assessments/{year}")
    @Operation(summary = "Thẻ xã — a commune's assessment for a year: stage, scores, pillars, indicators, evidence")
    public Views.CommuneCard communeCard(@PathVariable String code, @PathVariable @Bounded(YEAR) int year,
                                         @RequestParam(required = false) LocalDate asOf,
                                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime knownAt,
                                         Actor actor) {
        if (knownAt != null) {
            KnownAt.check(knownAt.toInstant(), clock);
        }
        Views.CommuneCard card = queries.communeCard(code, year, asOf);
        ReadScope.card(actor, mandates.of(actor), card);
        // as the platform showed it then: the same projections and queries over the events recorded up to that instant
        return knownAt == null ? card : knownAt(card, code, year, asOf, knownAt.toInstant());
    }

    private Views.CommuneCard knownAt(Views.CommuneCard now, String code, int year, LocalDate asOf, java.time.Instant at) {
        return this.knownAt.communeCard(now.assessmentId(), code, year, asOf, at);
    }

    @GetMapping("/districts/{code}/dashboard")
    @Operation(summary = "Bảng điều khiển huyện — a district's communes by stage, recognised vs target, scores; asOf: the map of a "
            + "day; inForceOn: the decisions in force on a day, as known now; knownAt: as the platform showed it at an instant",
            responses = @ApiResponse(responseCode = "200", description = "OK (ETag; 304 when unchanged)",
                    content = @Content(schema = @Schema(implementation = Views.DistrictDashboard.class))))
    public ResponseEntity<?> district(@PathVariable String code, @RequestParam @Bounded(YEAR) int year,
                                      @RequestParam(required = false) LocalDate asOf, Actor actor, @RequestParam(required = false) LocalDate inForceOn,
                                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime knownAt,
                                      @RequestHeader(name = DashboardCache.AT_LEAST, required = false) Long atLeast,
                                      @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch) {
        ReadScope.someDistrict(actor); // refused before any work when the person reads no district at all
        if (knownAt != null) {
            KnownAt.check(knownAt.toInstant(), clock);
            ReadScope.district(actor, mandates.of(actor), queries.districtUnitId(code, year));
            return ResponseEntity.ok(this.knownAt.district(code, year, asOf, inForceOn, knownAt.toInstant()));
        }
        if (asOf != null || inForceOn != null) {
            Views.DistrictDashboard dashboard = queries.district(code, year, asOf, inForceOn);
            ReadScope.district(actor, mandates.of(actor), dashboard.district().unitId());
            return ResponseEntity.ok(dashboard);
        }
        if (!actor.readsEverything()) {
            // the scope is checked on the district the code names, before the shared answer is served
            ReadScope.district(actor, mandates.of(actor), queries.districtUnitId(code, year));
        }
        return cache.serve(List.of("district", code, year), atLeast, ifNoneMatch, () -> queries.district(code, year, null));
    }

    @GetMapping("/province/dashboard")
    @Operation(summary = "Bảng điều khiển tỉnh — communes recognised / the year's target, per district; asOf, inForceOn, "
            + "knownAt as for a district",
            responses = @ApiResponse(responseCode = "200", description = "OK (ETag; 304 when unchanged)",
                    content = @Content(schema = @Schema(implementation = Views.ProvinceDashboard.class))))
    public ResponseEntity<?> province(@RequestParam @Bounded(YEAR) int year, @RequestParam(required = false) LocalDate asOf,
                                      @RequestParam(defaultValue = "as-it-was") String view, Actor actor, @RequestParam(required = false) LocalDate inForceOn,
                                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime knownAt,
                                      @RequestHeader(name = DashboardCache.AT_LEAST, required = false) Long atLeast,
                                      @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch) {
        ReadScope.province(actor);
        if (!view.equals("as-it-was") && !view.equals("restated")) {
            throw new ProblemException(ProblemKind.INVALID, "INVALID_VIEW", "view",
                    "Cách xem không hợp lệ: as-it-was (theo bản đồ năm đó) hoặc restated (quy về đơn vị hiện nay).",
                    "view is as-it-was or restated.");
        }
        boolean restated = view.equals("restated");
        if (knownAt != null) {
            KnownAt.check(knownAt.toInstant(), clock);
            return ResponseEntity.ok(this.knownAt.province(year, asOf, restated, inForceOn, knownAt.toInstant()));
        }
        return asOf != null || inForceOn != null ? ResponseEntity.ok(queries.province(year, asOf, restated, inForceOn))
                : cache.serve(List.of("province", year, restated), atLeast, ifNoneMatch, () -> queries.province(year, null, restated));
    }

    @GetMapping("/province/heatmap")
    @Operation(summary = "Bản đồ nhiệt chỉ tiêu × huyện — share of registered communes meeting each indicator, per district",
            responses = @ApiResponse(responseCode = "200", description = "OK (ETag; 304 when unchanged)",
                    content = @Content(schema = @Schema(implementation = Views.Heatmap.class))))
    public ResponseEntity<?> heatmap(@RequestParam @Bounded(YEAR) int year, @RequestParam(required = false) LocalDate asOf,
                                     Actor actor, @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime knownAt,
                                     @RequestHeader(name = DashboardCache.AT_LEAST, required = false) Long atLeast,
                                     @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch) {
        ReadScope.province(actor);
        if (knownAt != null) {
            KnownAt.check(knownAt.toInstant(), clock);
            return ResponseEntity.ok(this.knownAt.heatmap(year, asOf, knownAt.toInstant()));
        }
        return asOf != null ? ResponseEntity.ok(queries.heatmap(year, asOf))
                : cache.serve(List.of("heatmap", year), atLeast, ifNoneMatch, () -> queries.heatmap(year, null));
    }

    @GetMapping(path = "/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Cập nhật trực tiếp (SSE) — a 'change' event after each event the dashboards apply; "
            + "429 with Retry-After beyond cds.live.max-streams-per-person or cds.live.max-streams")
    public SseEmitter live(Actor actor, HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        // beyond a cap: 429, with Retry-After from the refusal's retryAfterSeconds (ProblemAdvice)
        // a stream opened with a bearer token ends when the token does: the client comes back with a valid one
        java.time.Instant until = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication()
                instanceof org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken jwt
                ? jwt.getToken().getExpiresAt() : null;
        SseEmitter emitter = live.subscribe(actor, mandates.of(actor), session == null ? null : session.getId(), until);
        // a reverse proxy (nginx) passes each event on at once instead of buffering the stream
        response.setHeader("X-Accel-Buffering", "no");
        return emitter;
    }

    /**
     * HEAD answers the stream's headers without opening one: Spring MVC would otherwise run the GET handler, and a
     * HEAD, which reads no body, would leave a stream registered for half an hour. Not an operation of its own in the
     * API document: HEAD belongs to the GET.
     */
    @RequestMapping(path = "/live", method = RequestMethod.HEAD)
    @Operation(hidden = true)
    public ResponseEntity<Void> liveHead() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).cacheControl(CacheControl.noStore()).build();
    }

    @GetMapping("/me")
    @Operation(summary = "Người dùng hiện tại — who is signed in, with roles and unit")
    public Actor me(Actor actor) {
        return actor;
    }

    @GetMapping("/map")
    @Operation(summary = "Bản đồ hành chính tại một ngày — the map in force on a date")
    public Views.MapView map(@RequestParam LocalDate date) {
        return queries.map(date);
    }

    @GetMapping("/codes/{code}")
    @Operation(summary = "Các đơn vị từng mang một mã — a code's meanings over time")
    public java.util.List<Views.MapUnit> codeMeanings(@PathVariable String code) {
        return queries.codeMeanings(code);
    }

    @GetMapping("/units/{unitId}/lineage")
    @Operation(summary = "Đơn vị tiền thân và kế thừa — a unit's predecessors and successors (unitId like 14923@2020-01-01)")
    public Views.LineageView lineage(@PathVariable String unitId) {
        return queries.lineage(unitId);
    }
}
