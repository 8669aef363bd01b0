package vn.thanhhoa.cds.command.assessment;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import vn.thanhhoa.cds.infra.validation.Bounded;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;
import vn.thanhhoa.cds.command.assessment.AssessmentCommands.*;
import vn.thanhhoa.cds.command.assessment.AssessmentRequests.*;
import vn.thanhhoa.cds.command.map.UnitDirectory;
import vn.thanhhoa.cds.events.assessment.AssessmentId;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.map.UnitLevel;
import vn.thanhhoa.cds.infra.actor.Actor;
import vn.thanhhoa.cds.infra.actor.CommandDispatcher;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import static vn.thanhhoa.cds.infra.validation.Bound.YEAR;

/** Commands on a commune's yearly assessment. Every path honours the Idempotency-Key header. */
@RestController
@RequestMapping("/api/communes/{code}/assessments")
@Tag(name = "Đánh giá xã (lệnh) — assessment commands")
public class AssessmentCommandController {
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final CommandDispatcher commands;
    private final UnitDirectory units;
    private final AssessmentDirectory assessments;
    private final Clock clock;

    public AssessmentCommandController(CommandDispatcher commands, UnitDirectory units,
                                       AssessmentDirectory assessments, Clock clock) {
        this.commands = commands;
        this.units = units;
        this.assessments = assessments;
        this.clock = clock;
    }

    @PostMapping
    @Operation(summary = "Đăng ký đánh giá năm — register the commune for a year (under the framework the province assigned to it)")
    public ResponseEntity<Map<String, Object>> register(@PathVariable String code, @Valid @RequestBody Register body, Actor actor,
                                                        @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        if (body.year() == null) {
            throw new ProblemException(ProblemKind.INVALID, "INVALID_YEAR", "year", "Năm không hợp lệ.", "The year is invalid.");
        }
        LocalDate onDate = body.asOf() != null ? body.asOf() : mapDate(body.year());
        UnitDirectory.KnownUnit commune = commune(code, onDate);
        AssessmentId id = new AssessmentId(commune.unitId(), body.year());
        String frameworkId = body.frameworkId() == null || body.frameworkId().isBlank() ? null : body.frameworkId().trim();
        commands.send(new RegisterAssessment(id, frameworkId, commands.actedBy(actor)),
                actor, key, Map.of("path", "register/" + code, "body", body));
        return ResponseEntity.created(URI.create("/api/communes/" + code + "/assessments/" + body.year()))
                .body(Map.of("assessmentId", id.toString()));
    }

    @PutMapping("/{year}/indicators/{indicatorCode}")
    @Operation(summary = "Cập nhật giá trị chỉ tiêu — report an indicator value with evidence")
    public ResponseEntity<Void> report(@PathVariable String code, @PathVariable @Bounded(YEAR) int year, @RequestParam(required = false) LocalDate asOf, @PathVariable String indicatorCode,
                                       @Valid @RequestBody Value body, Actor actor,
                                       @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        AssessmentId id = assessment(code, year, asOf);
        commands.send(new ReportIndicatorValue(id, indicatorCode, body.toValue(), body.evidenceRefs(), commands.actedBy(actor)),
                actor, key, Map.of("path", "report/" + id + "/" + indicatorCode, "body", body));
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/{year}/indicators/{indicatorCode}/comment")
    @Operation(summary = "Ghi chú chỉ tiêu — the commune's comment on an indicator (empty: cleared)")
    public ResponseEntity<Void> comment(@PathVariable String code, @PathVariable @Bounded(YEAR) int year, @RequestParam(required = false) LocalDate asOf, @PathVariable String indicatorCode,
                                        @Valid @RequestBody Comment body, Actor actor,
                                        @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        AssessmentId id = assessment(code, year, asOf);
        commands.send(new CommentOnIndicator(id, indicatorCode, body.comment(), commands.actedBy(actor)),
                actor, key, Map.of("path", "comment/" + id + "/" + indicatorCode, "body", body));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{year}/submission")
    @Operation(summary = "Nộp báo cáo tự đánh giá — submit the self-assessment report")
    public ResponseEntity<Void> submit(@PathVariable String code, @PathVariable @Bounded(YEAR) int year, @RequestParam(required = false) LocalDate asOf, @Valid @RequestBody Submit body,
                                       Actor actor, @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        AssessmentId id = assessment(code, year, asOf);
        DocumentRef report = new Document(body.reportNumber(), body.reportDate(), body.title()).toRef("report");
        commands.send(new SubmitSelfAssessment(id, report, commands.actedBy(actor)), actor, key,
                Map.of("path", "submit/" + id, "body", body));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{year}/appraisal")
    @Operation(summary = "Bắt đầu thẩm định — start the appraisal")
    public ResponseEntity<Void> startAppraisal(@PathVariable String code, @PathVariable @Bounded(YEAR) int year, @RequestParam(required = false) LocalDate asOf, Actor actor,
                                               @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        AssessmentId id = assessment(code, year, asOf);
        commands.send(new StartAppraisal(id, commands.actedBy(actor)), actor, key, Map.of("path", "appraise/" + id));
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/{year}/appraisal/indicators/{indicatorCode}")
    @Operation(summary = "Thẩm định chỉ tiêu — set the appraised value of an indicator")
    public ResponseEntity<Void> appraise(@PathVariable String code, @PathVariable @Bounded(YEAR) int year, @RequestParam(required = false) LocalDate asOf, @PathVariable String indicatorCode,
                                         @Valid @RequestBody Value body, Actor actor,
                                         @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        AssessmentId id = assessment(code, year, asOf);
        commands.send(new AppraiseIndicator(id, indicatorCode, body.toValue(), body.note(), commands.actedBy(actor)),
                actor, key, Map.of("path", "appraise/" + id + "/" + indicatorCode, "body", body));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{year}/appraisal/conclusion")
    @Operation(summary = "Kết luận thẩm định — conclude the appraisal (the verdict and score are computed)")
    public ResponseEntity<Void> conclude(@PathVariable String code, @PathVariable @Bounded(YEAR) int year, @RequestParam(required = false) LocalDate asOf, @Valid @RequestBody Decision body,
                                         Actor actor, @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        AssessmentId id = assessment(code, year, asOf);
        commands.send(new ConcludeAppraisal(id, Document.toRef(body.document(), "document"), commands.actedBy(actor)),
                actor, key, Map.of("path", "conclude/" + id, "body", body));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{year}/return")
    @Operation(summary = "Trả lại hồ sơ để bổ sung — return for revision")
    public ResponseEntity<Void> returnForRevision(@PathVariable String code, @PathVariable @Bounded(YEAR) int year, @RequestParam(required = false) LocalDate asOf, @Valid @RequestBody Decision body,
                                                  Actor actor, @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        AssessmentId id = assessment(code, year, asOf);
        DocumentRef document = body.document() == null ? null : body.document().toRef("document");
        commands.send(new ReturnForRevision(id, body.reason(), body.indicatorReasons(), document, commands.actedBy(actor)),
                actor, key, Map.of("path", "return/" + id, "body", body));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{year}/withdrawal")
    @Operation(summary = "Rút lại báo cáo đã nộp — withdraw the submission to correct it, before the appraisal starts")
    public ResponseEntity<Void> withdraw(@PathVariable String code, @PathVariable @Bounded(YEAR) int year, @RequestParam(required = false) LocalDate asOf,
                                         @Valid @RequestBody Withdrawal body, Actor actor,
                                         @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        AssessmentId id = assessment(code, year, asOf);
        commands.send(new WithdrawSubmission(id, body.reason(), commands.actedBy(actor)), actor, key,
                Map.of("path", "withdraw/" + id, "body", body));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{year}/return/answers")
    @Operation(summary = "Giải trình lý do trả lại — answer one reason of the latest return (no indicatorCode: the general reason)")
    public ResponseEntity<Void> answerReturn(@PathVariable String code, @PathVariable @Bounded(YEAR) int year, @RequestParam(required = false) LocalDate asOf,
                                             @Valid @RequestBody Answer body, Actor actor,
                                             @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        AssessmentId id = assessment(code, year, asOf);
        commands.send(new AnswerReturn(id, body.indicatorCode(), body.answer(), commands.actedBy(actor)), actor, key,
                Map.of("path", "answer/" + id, "body", body));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{year}/recognition")
    @Operation(summary = "Công nhận xã đạt chuẩn chuyển đổi số — recognise by decision")
    public ResponseEntity<Void> recognise(@PathVariable String code, @PathVariable @Bounded(YEAR) int year, @RequestParam(required = false) LocalDate asOf, @Valid @RequestBody Decision body,
                                          Actor actor, @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        AssessmentId id = assessment(code, year, asOf);
        commands.send(new RecogniseCommune(id, Document.toRef(body.document(), "document"), commands.actedBy(actor)),
                actor, key, Map.of("path", "recognise/" + id, "body", body));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{year}/recognition/confirmation")
    @Operation(summary = "Giữ công nhận sau đính chính điểm — keep, by decision, a recognition an amendment of the points put in question")
    public ResponseEntity<Void> confirmRecognition(@PathVariable String code, @PathVariable @Bounded(YEAR) int year,
                                                   @RequestParam(required = false) LocalDate asOf, @Valid @RequestBody Decision body,
                                                   Actor actor, @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        AssessmentId id = assessment(code, year, asOf);
        commands.send(new ConfirmRecognition(id, Document.toRef(body.document(), "document"), commands.actedBy(actor)),
                actor, key, Map.of("path", "confirm-recognition/" + id, "body", body));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{year}/revocation")
    @Operation(summary = "Thu hồi công nhận — revoke a recognition by decision")
    public ResponseEntity<Void> revoke(@PathVariable String code, @PathVariable @Bounded(YEAR) int year, @RequestParam(required = false) LocalDate asOf, @Valid @RequestBody Decision body,
                                       Actor actor, @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        AssessmentId id = assessment(code, year, asOf);
        commands.send(new RevokeRecognition(id, Document.toRef(body.document(), "document"), body.reason(),
                commands.actedBy(actor)), actor, key, Map.of("path", "revoke/" + id, "body", body));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{year}/transfer")
    @Operation(summary = "Chuyển hồ sơ sang đơn vị kế thừa — carry an open assessment to a successor (province)")
    public ResponseEntity<Void> transfer(@PathVariable String code, @PathVariable @Bounded(YEAR) int year, @RequestParam(required = false) LocalDate asOf,
                                         @Valid @RequestBody Transfer body, Actor actor,
                                         @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        AssessmentId id = assessment(code, year, asOf);
        if (body.toCommuneCode() == null || body.toCommuneCode().isBlank()) {
            throw new ProblemException(ProblemKind.INVALID, "MISSING_SUCCESSOR", "toCommuneCode",
                    "Cần mã xã kế thừa.", "toCommuneCode is required.");
        }
        LocalDate successorDate = body.asOf() != null ? body.asOf() : LocalDate.now(clock);
        UnitDirectory.KnownUnit successor = commune(body.toCommuneCode(), successorDate);
        commands.send(new TransferAssessment(id, successor.unitId(), successorDate, Document.toRef(body.decision(), "decision"),
                commands.actedBy(actor)), actor, key, Map.of("path", "transfer/" + id, "body", body));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{year}/closure")
    @Operation(summary = "Đóng hồ sơ do sắp xếp đơn vị hành chính — close as superseded (province)")
    public ResponseEntity<Void> close(@PathVariable String code, @PathVariable @Bounded(YEAR) int year, @RequestParam(required = false) LocalDate asOf,
                                      @Valid @RequestBody Decision body, Actor actor,
                                      @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        AssessmentId id = assessment(code, year, asOf);
        commands.send(new CloseAsSuperseded(id, Document.toRef(body.document(), "document"), body.reason(),
                commands.actedBy(actor)), actor, key, Map.of("path", "close/" + id, "body", body));
        return ResponseEntity.noContent().build();
    }

    /** The day whose map a year's requests name communes on: the year's last day, or today for the current year. */
    private LocalDate mapDate(int year) {
        LocalDate yearEnd = LocalDate.of(year, 12, 31);
        LocalDate today = LocalDate.now(clock);
        return today.isBefore(yearEnd) ? today : yearEnd;
    }

    private UnitDirectory.KnownUnit commune(String code, LocalDate onDate) {
        return units.inForce(code, onDate).filter(u -> u.level() == UnitLevel.COMMUNE).orElseThrow(() -> unknownCommune(code));
    }

    /** A code names a unit only together with a date: by default the year's map (see {@link #mapDate}). */
    private AssessmentId assessment(String code, int year, LocalDate asOf) {
        UnitDirectory.KnownUnit commune = commune(code, asOf != null ? asOf : mapDate(year));
        return assessments.find(commune.unitId(), year).orElseThrow(() -> new ProblemException(ProblemKind.NOT_FOUND,
                "ASSESSMENT_NOT_FOUND", "year", commune.name() + " (" + code + ") chưa đăng ký đánh giá năm " + year + ".",
                "Commune " + code + " has no assessment for " + year + "."));
    }

    private static ProblemException unknownCommune(String code) {
        return new ProblemException(ProblemKind.NOT_FOUND, "UNKNOWN_COMMUNE", "code",
                "Không có xã/phường/thị trấn mã " + code + ".", "No commune with code " + code + ".");
    }
}
