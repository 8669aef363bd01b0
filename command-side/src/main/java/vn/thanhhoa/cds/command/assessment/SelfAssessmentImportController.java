package vn.thanhhoa.cds.command.assessment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Validator;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.thanhhoa.cds.command.assessment.AssessmentCommands.ImportReport;
import vn.thanhhoa.cds.command.assessment.AssessmentCommands.ImportSelfAssessment;
import vn.thanhhoa.cds.command.assessment.AssessmentCommands.ImportedRow;
import vn.thanhhoa.cds.command.assessment.AssessmentCommands.RowError;
import vn.thanhhoa.cds.command.assessment.SelfAssessmentWorkbook.CellError;
import vn.thanhhoa.cds.command.authority.Authority;
import vn.thanhhoa.cds.events.assessment.AssessmentId;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.common.Rejection;
import vn.thanhhoa.cds.events.criteria.IndicatorValue;
import vn.thanhhoa.cds.infra.actor.Actor;
import vn.thanhhoa.cds.infra.actor.CommandDispatcher;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;
import vn.thanhhoa.cds.infra.validation.Bounded;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

import static vn.thanhhoa.cds.events.common.Bound.YEAR;
import static vn.thanhhoa.cds.infra.files.SelfAssessmentSheet.*;

/**
 * A commune's self-assessment imported from the province's Excel table (the template of
 * {@code GET …/{year}/template.xlsx}, filled in): the workbook is the request's body. A dry run answers, row by row,
 * what would change and every error with its cell; without it the sheet is recorded whole — one
 * {@code IndicatorValueReported} per changed indicator through {@link ImportSelfAssessment} — or, with one error,
 * not at all. The same sheet again changes nothing.
 */
@RestController
@RequestMapping("/api/communes/{code}/assessments")
@Tag(name = "Đánh giá xã (lệnh) — assessment commands")
public class SelfAssessmentImportController {
    private final CommandDispatcher commands;
    private final AssessmentsByCode assessments;
    private final MapFacts map;
    private final SelfAssessmentWorkbook workbooks;
    /** Workbooks read at once on this node: each is unpacked in memory (a few megabytes at most). */
    private final Semaphore reading = new Semaphore(4);

    public SelfAssessmentImportController(CommandDispatcher commands, AssessmentsByCode assessments, MapFacts map, Validator validator) {
        this.commands = commands;
        this.assessments = assessments;
        this.map = map;
        this.workbooks = new SelfAssessmentWorkbook(validator);
    }

    public record Change(int row, String indicatorCode, IndicatorValue from, IndicatorValue to, List<DocumentRef> evidence) {
    }

    /**
     * @param recorded whether the changes were recorded (never on a dry run, nor with an error)
     * @param sha256   the workbook's content hash
     */
    public record Answer(boolean dryRun, boolean recorded, String sha256, String frameworkId, List<Change> changes,
                         int unchanged, List<CellError> errors) {
    }

    @PostMapping("/{year}/self-assessment-import")
    @Operation(summary = "Nhập tự đánh giá từ Excel — import the filled-in template (.xlsx as the body); dryRun=true "
            + "checks it whole and answers what would change and every error with its cell, recording nothing")
    public Answer importSheet(@PathVariable String code, @PathVariable @Bounded(YEAR) int year,
                              @RequestParam(required = false) LocalDate asOf, @RequestParam(defaultValue = "false") boolean dryRun,
                              @RequestBody(required = false) byte[] file, Actor actor,
                              @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        AssessmentId id = assessments.assessment(code, year, asOf, "code");
        ActedBy actedBy = commands.actedBy(actor);
        // before the workbook is unpacked: a commune imports only its own table
        Authority.requireCommuneItself(actedBy, id.commune(), map);
        if (!reading.tryAcquire()) {
            throw new ProblemException(ProblemKind.TOO_MANY, "BUSY", "file",
                    "Máy chủ đang đọc nhiều bảng tính; vui lòng thử lại sau ít phút.", "Too many workbooks at once; try again shortly.");
        }
        SelfAssessmentWorkbook.Read sheet;
        try {
            sheet = workbooks.read(file);
        } finally {
            reading.release();
        }
        String frameworkId = requireTemplateOf(sheet.facts(), id, code);
        String sha256 = sha256(file);
        // a sheet with an error in a cell is still checked whole by the assessment, to list every error at once
        boolean recording = !dryRun && sheet.errors().isEmpty();
        ImportReport report;
        try {
            report = commands.send(new ImportSelfAssessment(id, frameworkId, sheet.rows(), !recording, actedBy), actor,
                    recording ? key : null, Map.of("path", "import/" + id, "sha256", sha256),
                    Map.of(ImportedFrom.KEY, ImportedFrom.of(sha256)));
        } catch (Rejection refused) {
            if ("IMPORT_INVALID".equals(refused.code()) && refused.details().get("errors") instanceof List<?> errors) {
                throw refused(cellErrors(errors.stream().map(RowError.class::cast).toList(), sheet.rows()));
            }
            throw refused;
        }
        List<CellError> errors = Stream.concat(sheet.errors().stream(), cellErrors(report.errors(), sheet.rows()).stream())
                .sorted(Comparator.comparingInt(CellError::row).thenComparing(CellError::column)).toList();
        if (!dryRun && !errors.isEmpty()) {
            throw refused(errors);
        }
        List<Change> changes = report.changes().stream()
                .map(c -> new Change(c.row(), c.indicatorCode(), c.from(), c.to(), c.evidence())).toList();
        return new Answer(dryRun, !dryRun && !changes.isEmpty(), sha256, frameworkId, changes, report.unchanged(), errors);
    }

    /** The hidden sheet names this commune's assessment of this year; the framework is checked by the assessment. */
    private static String requireTemplateOf(Map<String, String> facts, AssessmentId id, String code) {
        if (!id.toString().equals(facts.get(ASSESSMENT_ID))) {
            String named = facts.get(COMMUNE_CODE) == null ? "?" : facts.get(COMMUNE_CODE);
            throw new ProblemException(ProblemKind.INVALID, "TEMPLATE_OTHER_ASSESSMENT", "file",
                    "Mẫu này lập cho xã " + named + " năm " + facts.getOrDefault(YEAR, "?") + ", không phải hồ sơ của xã "
                            + code + " năm " + id.year() + ". Hãy tải mẫu Excel của hồ sơ này.",
                    "The template is for commune " + named + ", year " + facts.getOrDefault(YEAR, "?") + ", not this assessment.",
                    Map.of("templateCommune", named, "templateYear", facts.getOrDefault(YEAR, "?")));
        }
        return Objects.requireNonNullElse(facts.get(FRAMEWORK_ID), "");
    }

    private static ProblemException refused(List<CellError> errors) {
        return new ProblemException(ProblemKind.INVALID, "IMPORT_INVALID", "file",
                "Tệp có " + errors.size() + " lỗi; chưa ghi giá trị nào. Sửa các ô được nêu rồi nhập lại.",
                "The file has " + errors.size() + " error(s); nothing was recorded.", Map.of("errors", errors));
    }

    /** The domain's refusals, at the cells they concern (a wrong measure at the cell that was typed). */
    private static List<CellError> cellErrors(List<RowError> errors, List<ImportedRow> rows) {
        List<CellError> cells = new ArrayList<>();
        for (RowError error : errors) {
            int column = SelfAssessmentWorkbook.columnOf(error.field());
            boolean yesNo = rows.stream().anyMatch(r -> r.row() == error.row() && r.value() instanceof IndicatorValue.YesNo);
            if (error.field().startsWith("value") && !error.field().contains("numerator") && !error.field().contains("denominator")) {
                column = yesNo ? YES_NO : NUMERATOR;
            }
            cells.add(CellError.at(error.row(), column, error.indicatorCode(), error.code(), error.messageVi(), error.messageEn()));
        }
        return cells;
    }

    private static String sha256(byte[] file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
