package vn.thanhhoa.cds.query.dashboard;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.thanhhoa.cds.events.common.ProvinceTime;
import vn.thanhhoa.cds.infra.actor.Actor;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;
import vn.thanhhoa.cds.infra.validation.Bounded;
import vn.thanhhoa.cds.infra.work.BoundedWork;
import vn.thanhhoa.cds.query.card.CommuneResults;
import vn.thanhhoa.cds.query.common.ReadScope;
import vn.thanhhoa.cds.query.common.SpreadsheetCells;
import vn.thanhhoa.cds.query.common.VietnameseFormat;
import vn.thanhhoa.cds.query.reference.Mandates;
import vn.thanhhoa.cds.query.reference.MapReader;
import vn.thanhhoa.cds.query.reference.MapSnapshot;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;

import static vn.thanhhoa.cds.events.common.Bound.CODE;
import static vn.thanhhoa.cds.events.common.Bound.YEAR;

/**
 * The formats the committee and the public already use (issue 29): the dashboards as Excel files with figures as
 * numbers, and the recognised list as open data (CSV for Excel, JSON), with the GSO codes and the units' identities
 * over time; a cell a spreadsheet would run as a formula is neutralised. And the committee's meeting report as PDF,
 * from the same view objects as the dashboards' JSON.
 */
@RestController
@RequestMapping("/api")
@Tag(name = "Bảng điều khiển (truy vấn) — dashboards and cards")
public class ExportController {
    private final ProvinceDashboards provinces;
    private final DistrictDashboards districts;
    private final CommuneResults results;
    private final MapReader maps;
    private final Mandates mandates;
    private final DashboardAnswers answers;
    private final MeetingReports reports;
    private final BoundedWork work;
    private final Clock clock;

    public ExportController(ProvinceDashboards provinces, DistrictDashboards districts, CommuneResults results,
                            MapReader maps, Mandates mandates, DashboardAnswers answers, MeetingReports reports,
                            BoundedWork work, Clock clock) {
        this.provinces = provinces;
        this.districts = districts;
        this.results = results;
        this.maps = maps;
        this.mandates = mandates;
        this.answers = answers;
        this.reports = reports;
        this.work = work;
        this.clock = clock;
    }

    @GetMapping("/province/dashboard.xlsx")
    @Operation(summary = "Xuất Excel bảng điều khiển tỉnh — the province dashboard and the recognised list as .xlsx "
            + "(numbers as numbers, decisions with their dates, the time computed); inForceOn as for the dashboard")
    public void province(@RequestParam @Bounded(YEAR) int year, @RequestParam(required = false) LocalDate inForceOn,
                         Actor actor, HttpServletResponse response) throws IOException {
        ReadScope.province(actor);
        DashboardViews.ProvinceDashboard dashboard = provinces.province(year, null, false, inForceOn);
        List<DashboardExports.Recognised> recognised = recognised(year);
        attachment(response, DashboardExports.XLSX, "bang-dieu-khien-tinh-" + year + ".xlsx");
        DashboardExports.province(dashboard, recognised, now(), response.getOutputStream());
    }

    @GetMapping("/districts/{code}/dashboard.xlsx")
    @Operation(summary = "Xuất Excel bảng điều khiển huyện — a district's communes as .xlsx")
    public void district(@PathVariable @Bounded(CODE) String code, @RequestParam @Bounded(YEAR) int year, Actor actor,
                         HttpServletResponse response) throws IOException {
        ReadScope.someDistrict(actor);
        ReadScope.district(actor, mandates.of(actor), districts.districtUnitId(code, year));
        DashboardViews.DistrictDashboard dashboard = districts.district(code, year, null);
        attachment(response, DashboardExports.XLSX, "bang-dieu-khien-huyen-" + code + "-" + year + ".xlsx");
        DashboardExports.district(dashboard, now(), response.getOutputStream());
    }

    @GetMapping("/province/dashboard.pdf")
    @Operation(summary = "Báo cáo giao ban (PDF) toàn tỉnh — the steering committee's meeting report, A4: the headline, the "
            + "table per district (or former district), recognitions against the target by month, the weakest indicators, "
            + "the steps after appraisal; the same view object as GET /api/province/dashboard with the same parameters "
            + "(asOf, view, inForceOn, knownAt); one report at a time per node, else 429")
    public void provinceReport(@RequestParam @Bounded(YEAR) int year, @RequestParam(required = false) LocalDate asOf,
                               @RequestParam(defaultValue = "as-it-was") String view, Actor actor,
                               @RequestParam(required = false) LocalDate inForceOn,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime knownAt,
                               HttpServletResponse response) throws IOException {
        ReadScope.province(actor);
        boolean restated = DashboardAnswers.restated(view);
        try (BoundedWork.Held held = work.hold(BoundedWork.Kind.REPORT)) {
            DashboardViews.ProvinceDashboard dashboard = answers.province(year, asOf, restated, inForceOn, knownAt);
            attachment(response, MeetingReports.PDF, "bao-cao-giao-ban-tinh-" + year + ".pdf");
            reports.province(dashboard, new MeetingReports.Asked(asOf, inForceOn, knownAt, restated), clock.instant(),
                    response.getOutputStream());
        }
    }

    @GetMapping("/districts/{code}/dashboard.pdf")
    @Operation(summary = "Báo cáo giao ban (PDF) của huyện — a district's (or former district's) meeting report, A4: the "
            + "same view object as GET /api/districts/{code}/dashboard with the same parameters; one at a time per node")
    public void districtReport(@PathVariable @Bounded(CODE) String code, @RequestParam @Bounded(YEAR) int year,
                               @RequestParam(required = false) LocalDate asOf, Actor actor,
                               @RequestParam(required = false) LocalDate inForceOn,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime knownAt,
                               HttpServletResponse response) throws IOException {
        ReadScope.someDistrict(actor); // refused before waiting for a place
        try (BoundedWork.Held held = work.hold(BoundedWork.Kind.REPORT)) {
            DashboardViews.DistrictDashboard dashboard = answers.district(actor, code, year, asOf, inForceOn, knownAt);
            attachment(response, MeetingReports.PDF, "bao-cao-giao-ban-huyen-" + code + "-" + year + ".pdf");
            reports.district(dashboard, new MeetingReports.Asked(asOf, inForceOn, knownAt, false), clock.instant(),
                    response.getOutputStream());
        }
    }

    /** One recognised commune as open data. */
    public record OpenRecognition(String code, String unitId, String name, String district, String decision,
                                  LocalDate decisionDate, BigDecimal appraisedPoints) {
    }

    @GetMapping("/open-data/recognised")
    @Operation(summary = "Dữ liệu mở: xã được công nhận — the year's recognised communes with their GSO codes, units over "
            + "time, decisions and appraised points; format=json or csv (UTF-8 with BOM, formula-like cells neutralised)")
    public Object openRecognised(@RequestParam @Bounded(YEAR) int year, @RequestParam(defaultValue = "json") String format,
                                 HttpServletResponse response) throws IOException {
        List<OpenRecognition> rows = recognised(year).stream().map(r -> new OpenRecognition(r.recognition().communeCode(),
                r.recognition().communeId(), r.name(), r.district(), r.recognition().decision(),
                r.recognition().decisionDate(), r.recognition().appraisedPoints())).toList();
        if (format.equals("json")) {
            return rows;
        }
        requireCsv(format);
        attachment(response, "text/csv;charset=UTF-8", "xa-duoc-cong-nhan-" + year + ".csv");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        out.write("\uFEFF"); // Excel reads the Vietnamese letters as UTF-8
        out.write(line(Stream.of("Mã xã (GSO)", "Đơn vị theo thời gian", "Xã", "Huyện", "Số quyết định",
                "Ngày quyết định", "Điểm thẩm định")));
        for (OpenRecognition r : rows) {
            out.write(line(Stream.of(r.code(), r.unitId(), r.name(), r.district(), r.decision(),
                    VietnameseFormat.date(r.decisionDate()), plain(r.appraisedPoints()))));
        }
        out.flush();
        return null;
    }

    /** One registered commune's result as open data. */
    public record OpenScore(String code, String unitId, String name, String district, String stage, String stageVi,
                            BigDecimal selfPoints, int selfMet, BigDecimal appraisedPoints) {
    }

    @GetMapping("/open-data/scores")
    @Operation(summary = "Dữ liệu mở: điểm của từng xã — every registered commune's stage and scores for a year, with its "
            + "GSO code and unit over time; format=json or csv (UTF-8 with BOM, formula-like cells neutralised)")
    public Object openScores(@RequestParam @Bounded(YEAR) int year, @RequestParam(defaultValue = "json") String format,
                             HttpServletResponse response) throws IOException {
        MapSnapshot map = maps.current();
        LocalDate day = ProvinceTime.mapDay(year, LocalDate.now(clock.withZone(ProvinceTime.ZONE)));
        List<OpenScore> rows = results.ofYear(year, null).stream()
                .sorted(java.util.Comparator.comparing(CommuneResults.CommuneResult::communeCode)
                        .thenComparing(CommuneResults.CommuneResult::communeId))
                .map(r -> new OpenScore(r.communeCode(), r.communeId(), map.name(r.communeId(), day), districtName(map, r.communeId(), day),
                        r.stage(), vn.thanhhoa.cds.events.assessment.Stage.valueOf(r.stage()).vi(), r.selfPoints(), r.selfMet(),
                        r.appraisedPoints())).toList();
        if (format.equals("json")) {
            return rows;
        }
        requireCsv(format);
        attachment(response, "text/csv;charset=UTF-8", "diem-cac-xa-" + year + ".csv");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        out.write("\uFEFF");
        out.write(line(Stream.of("Mã xã (GSO)", "Đơn vị theo thời gian", "Xã", "Huyện", "Giai đoạn", "Điểm tự đánh giá",
                "Chỉ tiêu đạt", "Điểm thẩm định")));
        for (OpenScore r : rows) {
            out.write(line(Stream.of(r.code(), r.unitId(), r.name(), r.district(), r.stageVi(), plain(r.selfPoints()),
                    Integer.toString(r.selfMet()), plain(r.appraisedPoints()))));
        }
        out.flush();
        return null;
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    private static void requireCsv(String format) {
        if (!format.equals("csv")) {
            throw new ProblemException(ProblemKind.INVALID, "INVALID_FORMAT", "format", "Định dạng: json hoặc csv.",
                    "format is json or csv.");
        }
    }

    private static String districtName(MapSnapshot map, String communeId, LocalDate day) {
        String district = map.formerDistrict(communeId).orElseGet(() -> map.parent(communeId, day));
        return district == null ? "" : map.name(district, day);
    }

    /** The year's recognised communes with their names and districts on the year's map. */
    private List<DashboardExports.Recognised> recognised(int year) {
        MapSnapshot map = maps.current();
        LocalDate day = ProvinceTime.mapDay(year, LocalDate.now(clock.withZone(ProvinceTime.ZONE)));
        return results.recognitions(year).stream().map(r -> new DashboardExports.Recognised(r, map.name(r.communeId(), day),
                districtName(map, r.communeId(), day))).toList();
    }

    private static String line(Stream<String> cells) {
        return String.join(",", cells.map(SpreadsheetCells::csv).toList()) + "\r\n";
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ProvinceTime.ZONE));
    }

    private static void attachment(HttpServletResponse response, String type, String name) {
        response.setContentType(type);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString());
        response.setHeader("X-Content-Type-Options", "nosniff");
    }
}
