package vn.thanhhoa.cds.query.history;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.thanhhoa.cds.infra.actor.Actor;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;
import vn.thanhhoa.cds.infra.validation.Bounded;
import vn.thanhhoa.cds.query.card.CardViews;
import vn.thanhhoa.cds.query.card.CommuneCards;
import vn.thanhhoa.cds.query.common.VietnameseFormat;
import vn.thanhhoa.cds.query.reference.MapReader;
import vn.thanhhoa.cds.query.timetravel.KnownAt;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static vn.thanhhoa.cds.events.common.Bound.CODE;
import static vn.thanhhoa.cds.events.common.Bound.DATE;
import static vn.thanhhoa.cds.events.common.Bound.IDENTIFIER;
import static vn.thanhhoa.cds.events.common.Bound.TITLE;
import static vn.thanhhoa.cds.events.common.Bound.YEAR;

/**
 * The auditors' history (thanh tra, kiểm toán; the province too): every recorded event, filtered by commune and year,
 * person, unit, event type and time range, in the order recorded; paged as JSON, or whole as CSV or Excel.
 */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "Lịch sử cho thanh tra — the auditors' history")
public class AuditController {
    private static final ZoneId VIETNAM = vn.thanhhoa.cds.events.common.ProvinceTime.ZONE;
    /** An export holds at most this many rows; narrower filters export the rest. */
    /** An export reads the history this many rows at a time ({@code cds.audit.export-page}). */
    private final int exportPage;
    private static final String[] HEADER = {"Thứ tự / #", "Thời điểm / at", "Sự kiện / event", "Hồ sơ / assessment",
            "Người / subject", "Vai trò / role", "Đơn vị / unit", "Chỉ tiêu / indicator", "Trước / before", "Sau / after",
            "Văn bản / document", "Điểm tự đánh giá trước / self-assessment points before",
            "Điểm tự đánh giá sau / self-assessment points after", "Điểm thẩm định trước / appraisal points before",
            "Điểm thẩm định sau / appraisal points after", "Chỉ tiêu đạt trước / indicators met before",
            "Chỉ tiêu đạt sau / indicators met after"};

    private final JdbcClient jdbc;
    private final MapReader maps;
    private final CommuneCards cards;
    private final KnownAt knownAt;

    private final vn.thanhhoa.cds.infra.work.BoundedWork work;

    public AuditController(JdbcClient jdbc, MapReader maps, CommuneCards cards, KnownAt knownAt,
                           vn.thanhhoa.cds.infra.work.BoundedWork work,
                           @org.springframework.beans.factory.annotation.Value("${cds.audit.export-page:1000}") int exportPage) {
        this.work = work;
        this.exportPage = Math.max(1, exportPage);
        this.jdbc = jdbc;
        this.maps = maps;
        this.cards = cards;
        this.knownAt = knownAt;
    }

    /**
     * One event of the history. The points and the indicators met (the self-assessment's; a framework scored by
     * count, as 2022's, has no points) are the assessment's just before and just after the event, as the dashboards
     * showed them (null for an event of no assessment, or one the dashboards have not applied yet).
     */
    public record Entry(long globalIndex, Instant at, String atDisplay, String event, String assessmentId, String subject,
                        String role, String unit, String indicatorCode, String before, String after, String document,
                        BigDecimal selfPointsBefore, BigDecimal selfPointsAfter, BigDecimal appraisedPointsBefore,
                        BigDecimal appraisedPointsAfter, Integer selfMetBefore, Integer selfMetAfter) {
    }

    public record Page(int page, int size, long total, List<Entry> entries) {
    }

    /** One step of a commune's year: the event, what it changed, and the card just before and just after it. */
    public record Step(String assessmentId, int step, int steps, Entry event, List<CardChanges.Change> changes,
                       CardViews.CommuneCard before, CardViews.CommuneCard after) {
    }

    @GetMapping("/communes/{code}/assessments/{year}/steps")
    @Operation(summary = "Từng bước — one event of a commune's year (by default the last) with the card as it stood just "
            + "before and just after it, replayed by the live projections, and what changed (before → after)")
    public Step step(@PathVariable @Bounded(CODE) String code, @PathVariable @Bounded(YEAR) int year,
                     @RequestParam(required = false) Integer step, Actor actor) {
        auditorsOnly(actor);
        CardViews.CommuneCard now = cards.communeCard(code, year, null);
        // the assessment's own events, and the amendments of its framework once it was registered: each moves its card
        String where = " where aggregate_id = :assessment or (aggregate_id = :framework and global_index >"
                + " (select min(global_index) from q_audit where aggregate_id = :assessment))";
        Map<String, Object> params = Map.of("assessment", now.assessmentId(), "framework", now.frameworkId());
        int steps = jdbc.sql("select count(*) from q_audit" + where).params(params).query(Integer.class).single();
        int n = step == null ? steps : step;
        if (n < 1 || n > steps) {
            throw new ProblemException(ProblemKind.NOT_FOUND, "NO_SUCH_STEP", "step",
                    "Hồ sơ có " + steps + " bước trong lịch sử; bước từ 1 đến " + steps + ".",
                    "The assessment's history has " + steps + " steps; a step is 1 to " + steps + ".");
        }
        Entry event = entries(jdbc, where, params, 1, n - 1).get(0);
        KnownAt.Around<CardViews.CommuneCard> around = knownAt.aroundEvent(now.assessmentId(), event.globalIndex(),
                then -> cards.knownAtIfAny(then, code, year));
        return new Step(now.assessmentId(), n, steps, event, CardChanges.between(around.before(), around.after()),
                around.before(), around.after());
    }

    private static void auditorsOnly(Actor actor) {
        if (!actor.reviewsTheRecord()) {
            throw new ProblemException(ProblemKind.FORBIDDEN, "AUDITORS_ONLY", "actor",
                    "Lịch sử sự kiện dành cho thanh tra, kiểm toán và cấp tỉnh.",
                    "The history is for auditors and the province.");
        }
    }

    @GetMapping("/events")
    @Operation(summary = "Lịch sử sự kiện — every event: who, when, what changed (before → after), the document; "
            + "format=json (paged), csv or xlsx")
    public ResponseEntity<?> events(@RequestParam(required = false) @Bounded(CODE) String commune,
                                    @RequestParam(required = false) @Bounded(YEAR) Integer year,
                                    @RequestParam(required = false) @Bounded(TITLE) String subject,
                                    @RequestParam(required = false) @Bounded(CODE) String unit,
                                    @RequestParam(required = false) @Bounded(IDENTIFIER) String type,
                                    @RequestParam(required = false) @Bounded(DATE) LocalDate from,
                                    @RequestParam(required = false) @Bounded(DATE) LocalDate to,
                                    @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
                                    @RequestParam(defaultValue = "json") String format, Actor actor,
                                    jakarta.servlet.http.HttpServletResponse response) throws IOException {
        auditorsOnly(actor);
        if (page < 0 || size < 1 || size > 500) {
            throw new ProblemException(ProblemKind.INVALID, "INVALID_PAGE", "size",
                    "Trang từ 0, cỡ trang từ 1 đến 500.", "page from 0, size from 1 to 500.");
        }
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (commune != null) {
            // a code names every unit that bore it: the history of each of them (the unit ids tell them apart)
            List<String> units = maps.current().meanings(commune).stream().map(u -> u.unitId()).toList();
            where.append(" and commune_id in (:communes)");
            params.put("communes", units.isEmpty() ? List.of("-") : units);
        }
        filter(where, params, "year", year);
        filter(where, params, "subject", subject);
        filter(where, params, "unit", unit);
        filter(where, params, "event_type", type);
        if (from != null) {
            where.append(" and occurred_at >= :from");
            params.put("from", from.atStartOfDay(VIETNAM).toOffsetDateTime());
        }
        if (to != null) {
            where.append(" and occurred_at < :to");
            params.put("to", to.plusDays(1).atStartOfDay(VIETNAM).toOffsetDateTime());
        }
        boolean export = !format.equals("json");
        if (export && !format.equals("csv") && !format.equals("xlsx")) {
            throw new ProblemException(ProblemKind.INVALID, "INVALID_FORMAT", "format",
                    "Định dạng: json, csv hoặc xlsx.", "format is json, csv or xlsx.");
        }
        if (!export) {
            var count = jdbc.sql("select count(*) from q_audit" + where);
            for (Map.Entry<String, Object> p : params.entrySet()) {
                count = count.param(p.getKey(), p.getValue());
            }
            long total = count.query(Long.class).single();
            return ResponseEntity.ok(new Page(page, size, total, entries(jdbc, where.toString(), params, size, (long) page * size)));
        }
        // an export is written as it is read, a page of rows at a time (bounded memory however long the history),
        // holding its place among the few that run at once until the last byte is written
        try (var held = work.hold(vn.thanhhoa.cds.infra.work.BoundedWork.Kind.EXPORT)) {
            boolean csv = format.equals("csv");
            response.setContentType(csv ? "text/csv;charset=UTF-8"
                    : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment().filename(csv ? "lich-su.csv" : "lich-su.xlsx").build().toString());
            Iterable<List<Entry>> pages = () -> pages(where.toString(), params);
            if (csv) {
                csv(pages, response.getOutputStream());
            } else {
                xlsx(pages, response.getOutputStream());
            }
            return null; // written: the response is handled
        }
    }

    /** The history's rows under a {@code where} clause, a page at a time, in the order recorded. */
    private java.util.Iterator<List<Entry>> pages(String where, Map<String, Object> params) {
        return new java.util.Iterator<>() {
            private long after = Long.MIN_VALUE;
            private List<Entry> next = read();

            private List<Entry> read() {
                Map<String, Object> page = new LinkedHashMap<>(params);
                page.put("after", after);
                List<Entry> rows = entries(jdbc, where + " and global_index > :after", page, exportPage, 0);
                if (!rows.isEmpty()) {
                    after = rows.get(rows.size() - 1).globalIndex();
                }
                return rows;
            }

            @Override
            public boolean hasNext() {
                return !next.isEmpty();
            }

            @Override
            public List<Entry> next() {
                List<Entry> page = next;
                next = page.size() < exportPage ? List.of() : read();
                return page;
            }
        };
    }

    /** The history's rows under a {@code where} clause, in the order recorded. */
    public static List<Entry> entries(JdbcClient jdbc, String where, Map<String, Object> params, int limit, long offset) {
        // the page first, on the history alone; then each row's assessment as the event left it, and the version before
        var select = jdbc.sql("""
                select a.global_index, a.occurred_at, a.event_type, a.aggregate_id, a.subject, a.role, a.unit,
                       a.indicator_code, a.value_before, a.value_after, a.document_number,
                       p.self_points, k.self_points, p.appraised_points, k.appraised_points, p.self_met, k.self_met
                from (select * from q_audit""" + where + """
                       order by global_index limit :limit offset :offset) a
                left join q_assessment_known k on k.event_id = a.event_id and k.assessment_id = a.aggregate_id
                left join q_assessment_known p on p.version = (select max(q.version) from q_assessment_known q
                                                               where q.assessment_id = k.assessment_id and q.version < k.version)
                order by a.global_index""");
        for (Map.Entry<String, Object> p : params.entrySet()) {
            select = select.param(p.getKey(), p.getValue());
        }
        return select.param("limit", limit).param("offset", offset)
                .query((rs, n) -> {
                    Instant at = rs.getObject(2, OffsetDateTime.class).toInstant();
                    return new Entry(rs.getLong(1), at, VietnameseFormat.dateTime(at), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getString(10), rs.getString(11), rs.getBigDecimal(12), rs.getBigDecimal(13),
                            rs.getBigDecimal(14), rs.getBigDecimal(15), rs.getObject(16, Integer.class),
                            rs.getObject(17, Integer.class));
                }).list();
    }

    /** Vietnamese typed in decomposed form (NFD) finds what was stored composed (NFC), as the people reading it see it. */
    private static void filter(StringBuilder where, Map<String, Object> params, String column, Object value) {
        if (value != null) {
            where.append(" and ").append(column).append(" = :").append(column);
            params.put(column, value instanceof String text ? java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC) : value);
        }
    }

    private static List<String> cells(Entry e) {
        List<String> cells = new ArrayList<>();
        cells.add(Long.toString(e.globalIndex()));
        cells.add(e.atDisplay());
        cells.add(e.event());
        cells.add(e.assessmentId());
        cells.add(e.subject());
        cells.add(e.role());
        cells.add(e.unit());
        cells.add(e.indicatorCode());
        cells.add(e.before());
        cells.add(e.after());
        cells.add(e.document());
        for (BigDecimal points : new BigDecimal[]{e.selfPointsBefore(), e.selfPointsAfter(), e.appraisedPointsBefore(),
                e.appraisedPointsAfter()}) {
            cells.add(points == null ? null : VietnameseFormat.points(points));
        }
        cells.add(e.selfMetBefore() == null ? null : e.selfMetBefore().toString());
        cells.add(e.selfMetAfter() == null ? null : e.selfMetAfter().toString());
        return cells;
    }

    /** RFC 4180, with a byte-order mark so that Excel reads the Vietnamese letters as UTF-8. */
    private static void csv(Iterable<List<Entry>> pages, java.io.OutputStream stream) throws IOException {
        java.io.Writer out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8));
        out.write("\uFEFF");
        out.write(String.join(",", List.of(HEADER).stream().map(AuditController::quoted).toList()) + "\r\n");
        for (List<Entry> page : pages) {
            for (Entry e : page) {
                out.write(String.join(",", cells(e).stream().map(AuditController::quoted).toList()) + "\r\n");
            }
        }
        out.flush();
    }

    /** Quoted, and a cell that a spreadsheet would run as a formula is prefixed with an apostrophe. */
    private static String quoted(String value) {
        if (value == null) {
            return "";
        }
        String safe = formulaLike(value) ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }

    /**
     * Whether a spreadsheet would read the cell as a formula: it begins with = + - @ (or a tab or carriage return),
     * also after spaces, and also in their full-width forms (＝ ＋ － ＠), which spreadsheets read as the ASCII ones.
     */
    static boolean formulaLike(String value) {
        if (!value.isEmpty() && (value.charAt(0) == '\t' || value.charAt(0) == '\r')) {
            return true;
        }
        String folded = java.text.Normalizer.normalize(value, java.text.Normalizer.Form.NFKC).stripLeading();
        return !folded.isEmpty() && "=+-@".indexOf(folded.charAt(0)) >= 0;
    }

    /** Streamed (SXSSF): the rows go to a temporary file 500 at a time, and the workbook is written out from it. */
    private static void xlsx(Iterable<List<Entry>> pages, java.io.OutputStream out) throws IOException {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(500)) {
            Sheet sheet = workbook.createSheet("Lịch sử");
            Row header = sheet.createRow(0);
            for (int c = 0; c < HEADER.length; c++) {
                header.createCell(c).setCellValue(HEADER[c]);
            }
            int r = 1;
            for (List<Entry> page : pages) {
                for (Entry e : page) {
                    Row row = sheet.createRow(r++);
                    List<String> cells = cells(e);
                    row.createCell(0).setCellValue(e.globalIndex());
                    for (int c = 1; c < cells.size(); c++) {
                        row.createCell(c).setCellValue(cells.get(c) == null ? "" : cells.get(c));
                    }
                }
            }
            workbook.write(out);
            workbook.dispose();
        }
    }

}
