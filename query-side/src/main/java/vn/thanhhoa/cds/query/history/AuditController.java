package vn.thanhhoa.cds.query.history;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.thanhhoa.cds.infra.actor.Actor;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;
import vn.thanhhoa.cds.infra.validation.Bounded;
import vn.thanhhoa.cds.infra.work.BoundedWork;
import vn.thanhhoa.cds.query.reference.MapReader;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

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
    private final JdbcClient jdbc;
    private final MapReader maps;
    private final BoundedWork work;
    /** An export reads the history this many rows at a time ({@code cds.audit.export-page}). */
    private final int exportPage;

    public AuditController(JdbcClient jdbc, MapReader maps, BoundedWork work,
                           @Value("${cds.audit.export-page:1000}") int exportPage) {
        this.jdbc = jdbc;
        this.maps = maps;
        this.work = work;
        this.exportPage = Math.max(1, exportPage);
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
                                    HttpServletResponse response) throws IOException {
        Auditors.only(actor);
        if (page < 0 || size < 1 || size > 500) {
            throw new ProblemException(ProblemKind.INVALID, "INVALID_PAGE", "size",
                    "Trang từ 0, cỡ trang từ 1 đến 500.", "page from 0, size from 1 to 500.");
        }
        // a code names every unit that bore it: the history of each of them (the unit ids tell them apart)
        List<String> communeUnits = commune == null ? null
                : maps.current().meanings(commune).stream().map(u -> u.unitId()).toList();
        HistoryEntries.Where where = HistoryEntries.filtered(communeUnits, year, subject, unit, type, from, to);
        boolean export = !format.equals("json");
        if (export && !format.equals("csv") && !format.equals("xlsx")) {
            throw new ProblemException(ProblemKind.INVALID, "INVALID_FORMAT", "format",
                    "Định dạng: json, csv hoặc xlsx.", "format is json, csv or xlsx.");
        }
        if (!export) {
            return ResponseEntity.ok(new HistoryEntries.Page(page, size, where.count(jdbc),
                    where.entries(jdbc, size, (long) page * size)));
        }
        // an export is written as it is read, a page of rows at a time (bounded memory however long the history),
        // holding its place among the few that run at once until the last byte is written
        try (var held = work.hold(BoundedWork.Kind.EXPORT)) {
            HistoryExports.Format as = format.equals("csv") ? HistoryExports.Format.CSV : HistoryExports.Format.XLSX;
            response.setContentType(as.contentType);
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment().filename(as.fileName).build().toString());
            HistoryExports.write(as, where.pages(jdbc, exportPage), response.getOutputStream());
            return null; // written: the response is handled
        }
    }
}
