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
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.infra.actor.Actor;
import vn.thanhhoa.cds.infra.actor.CommandDispatcher;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import static vn.thanhhoa.cds.events.common.Bound.YEAR;

/** Commands on a commune's yearly assessment. Every path honours the Idempotency-Key header. */
@RestController
@RequestMapping("/api/communes/{code}/assessments")
@Tag(name = "Đánh giá xã (lệnh) — assessment commands")
public class AssessmentCommandController {
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final CommandDispatcher commands;
    private final AssessmentsByCode assessments;
    private final Clock clock;

    public AssessmentCommandController(CommandDispatcher commands, AssessmentsByCode assessments, Clock clock) {
        this.commands = commands;
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
        LocalDate onDate = body.asOf() != null ? body.asOf() : assessments.mapDate(body.year());
        UnitDirectory.KnownUnit commune = assessments.commune(code, onDate, "code");
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
        return dispatch(code, year, asOf, actor, key, body, id -> "report/" + id + "/" + indicatorCode,
                (id, by) -> new ReportIndicatorValue(id, indicatorCode, body.toValue(), body.evidenceRefs(), by));
    }

    @PutMapping("/{year}/indicators/{indicatorCode}/comment")
    @Operation(summary = "Ghi chú chỉ tiêu — the commune's comment on an indicator (empty: cleared)")
    public ResponseEntity<Void> comment(@PathVariable String code, @PathVariable @Bounded(YEAR) int year, @RequestParam(required = false) LocalDate asOf, @PathVariable String indicatorCode,
                                        @Valid @RequestBody Comment body, Actor actor,
                                        @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        return dispatch(code, year, asOf, actor, key, body, id -> "comment/" + id + "/" + indicatorCode,
                (id, by) -> new CommentOnIndicator(id, indicatorCode, body.comment(), by));
    }

    @PostMapping("/{year}/submission")
    @Operation(summary = "Nộp báo cáo tự đánh giá — submit the self-assessment report")
    public ResponseEntity<Void> submit(@PathVariable String code, @PathVariable @Bounded(YEAR) int year, @RequestParam(required = false) LocalDate asOf, @Valid @RequestBody Submit body,
                                       Actor actor, @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        DocumentRef report = new Document(body.reportNumber(), body.reportDate(), body.title()).toRef("report");
        return dispatch(code, year, asOf, actor, key, body, id -> "submit/" + id,
                (id, by) -> new SubmitSelfAssessment(id, report, by));
    }

    @PostMapping("/{year}/appraisal")
    @Operation(summary = "Bắt đầu thẩm định — start the appraisal")
    public ResponseEntity<Void> startAppraisal(@PathVariable String code, @PathVariable @Bounded(YEAR) int year, @RequestParam(required = false) LocalDate asOf, Actor actor,
                                               @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        return dispatch(code, year, asOf, actor, key, null, id -> "appraise/" + id, StartAppraisal::new);
    }

    @PutMapping("/{year}/appraisal/indicators/{indicatorCode}")
    @Operation(summary = "Thẩm định chỉ tiêu — set the appraised value of an indicator")
    public ResponseEntity<Void> appraise(@PathVariable String code, @PathVariable @Bounded(YEAR) int year, @RequestParam(required = false) LocalDate asOf, @PathVariable String indicatorCode,
                                         @Valid @RequestBody Value body, Actor actor,
                                         @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        return dispatch(code, year, asOf, actor, key, body, id -> "appraise/" + id + "/" + indicatorCode,
                (id, by) -> new AppraiseIndicator(id, indicatorCode, body.toValue(), body.note(), by));
    }

    @PutMapping("/{year}/appraisal/council")
    @Operation(summary = "Giao hội đồng thẩm định — the appraising unit assigns a council: each member appraises only "
            + "their pillars, the lead alone concludes or returns")
    public ResponseEntity<Void> assignCouncil(@PathVariable String code, @PathVariable @Bounded(YEAR) int year,
                                              @RequestParam(required = false) LocalDate asOf, @Valid @RequestBody Council body,
                                              Actor actor, @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        DocumentRef document = body.document() == null ? null : body.document().toRef("document");
        return dispatch(code, year, asOf, actor, key, body, id -> "council/" + id,
                (id, by) -> new AssignAppraisalCouncil(id, body.lead(), body.assigned(), document, by));
    }

    @PostMapping("/{year}/appraisal/conclusion")
    @Operation(summary = "Kết luận thẩm định — conclude the appraisal (the verdict and score are computed)")
    public ResponseEntity<Void> conclude(@PathVariable String code, @PathVariable @Bounded(YEAR) int year, @RequestParam(required = false) LocalDate asOf, @Valid @RequestBody Decision body,
                                         Actor actor, @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        return dispatch(code, year, asOf, actor, key, body, id -> "conclude/" + id,
                (id, by) -> new ConcludeAppraisal(id, Document.toRef(body.document(), "document"), by));
    }

    @PostMapping("/{year}/return")
    @Operation(summary = "Trả lại hồ sơ để bổ sung — return for revision")
    public ResponseEntity<Void> returnForRevision(@PathVariable String code, @PathVariable @Bounded(YEAR) int year, @RequestParam(required = false) LocalDate asOf, @Valid @RequestBody Decision body,
                                                  Actor actor, @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        DocumentRef document = body.document() == null ? null : body.document().toRef("document");
        return dispatch(code, year, asOf, actor, key, body, id -> "return/" + id,
                (id, by) -> new ReturnForRevision(id, body.reason(), body.indicatorReasons(), document, by));
    }

    @PostMapping("/{year}/withdrawal")
    @Operation(summary = "Rút lại báo cáo đã nộp — withdraw the submission to correct it, before the appraisal starts")
    public ResponseEntity<Void> withdraw(@PathVariable String code, @PathVariable @Bounded(YEAR) int year, @RequestParam(required = false) LocalDate asOf,
                                         @Valid @RequestBody Withdrawal body, Actor actor,
                                         @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        return dispatch(code, year, asOf, actor, key, body, id -> "withdraw/" + id,
                (id, by) -> new WithdrawSubmission(id, body.reason(), by));
    }

    @PostMapping("/{year}/return/answers")
    @Operation(summary = "Giải trình lý do trả lại — answer one reason of the latest return (no indicatorCode: the general reason)")
    public ResponseEntity<Void> answerReturn(@PathVariable String code, @PathVariable @Bounded(YEAR) int year, @RequestParam(required = false) LocalDate asOf,
                                             @Valid @RequestBody Answer body, Actor actor,
                                             @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        return dispatch(code, year, asOf, actor, key, body, id -> "answer/" + id,
                (id, by) -> new AnswerReturn(id, body.indicatorCode(), body.answer(), by));
    }

    @PostMapping("/{year}/recognition")
    @Operation(summary = "Công nhận xã đạt chuẩn chuyển đổi số — recognise by decision")
    public ResponseEntity<Void> recognise(@PathVariable String code, @PathVariable @Bounded(YEAR) int year, @RequestParam(required = false) LocalDate asOf, @Valid @RequestBody Decision body,
                                          Actor actor, @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        return dispatch(code, year, asOf, actor, key, body, id -> "recognise/" + id,
                (id, by) -> new RecogniseCommune(id, Document.toRef(body.document(), "document"), by));
    }

    @PostMapping("/{year}/recognition/confirmation")
    @Operation(summary = "Giữ công nhận sau đính chính điểm — keep, by decision, a recognition an amendment of the points put in question")
    public ResponseEntity<Void> confirmRecognition(@PathVariable String code, @PathVariable @Bounded(YEAR) int year,
                                                   @RequestParam(required = false) LocalDate asOf, @Valid @RequestBody Decision body,
                                                   Actor actor, @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        return dispatch(code, year, asOf, actor, key, body, id -> "confirm-recognition/" + id,
                (id, by) -> new ConfirmRecognition(id, Document.toRef(body.document(), "document"), by));
    }

    @PostMapping("/{year}/revocation")
    @Operation(summary = "Thu hồi công nhận — revoke a recognition by decision")
    public ResponseEntity<Void> revoke(@PathVariable String code, @PathVariable @Bounded(YEAR) int year, @RequestParam(required = false) LocalDate asOf, @Valid @RequestBody Decision body,
                                       Actor actor, @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        return dispatch(code, year, asOf, actor, key, body, id -> "revoke/" + id,
                (id, by) -> new RevokeRecognition(id, Document.toRef(body.document(), "document"), body.reason(), by));
    }

    @PostMapping("/{year}/review")
    @Operation(summary = "Sở tiếp nhận xem xét kết quả thẩm định Đạt — the department takes a pass into its review")
    public ResponseEntity<Void> acceptForReview(@PathVariable String code, @PathVariable @Bounded(YEAR) int year,
                                                @RequestParam(required = false) LocalDate asOf, @Valid @RequestBody Review body,
                                                Actor actor, @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        return dispatch(code, year, asOf, actor, key, body, id -> "review/" + id,
                (id, by) -> new AcceptForReview(id, body.note(), by));
    }

    @PostMapping("/{year}/review/send-back")
    @Operation(summary = "Sở trả lại đơn vị thẩm định — the department sends the appraisal back, with reasons")
    public ResponseEntity<Void> sendBack(@PathVariable String code, @PathVariable @Bounded(YEAR) int year,
                                         @RequestParam(required = false) LocalDate asOf, @Valid @RequestBody Decision body,
                                         Actor actor, @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        return dispatch(code, year, asOf, actor, key, body, id -> "send-back/" + id,
                (id, by) -> new SendBackToAppraiser(id, body.reason(), body.indicatorReasons(), by));
    }

    @PostMapping("/{year}/inspections")
    @Operation(summary = "Ghi nhận kiểm tra thực tế — the department's on-site inspection; corrections re-score the commune")
    public ResponseEntity<Void> inspect(@PathVariable String code, @PathVariable @Bounded(YEAR) int year,
                                        @RequestParam(required = false) LocalDate asOf, @Valid @RequestBody Inspection body,
                                        Actor actor, @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        var corrections = body.correctionsFound();
        var members = body.membersNamed();
        return dispatch(code, year, asOf, actor, key, body, id -> "inspect/" + id, (id, by) -> new RecordInspection(id,
                body.inspectedOn(), members, body.findings(), corrections, by));
    }

    @PostMapping("/{year}/recognition/correction")
    @Operation(summary = "Đính chính quyết định công nhận — a later decision corrects the one in force for this commune")
    public ResponseEntity<Void> correctDecision(@PathVariable String code, @PathVariable @Bounded(YEAR) int year,
                                                @RequestParam(required = false) LocalDate asOf,
                                                @Valid @RequestBody DecisionCorrection body, Actor actor,
                                                @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        if (body.recognised() == null) {
            throw new ProblemException(ProblemKind.INVALID, "MISSING_OUTCOME", "recognised",
                    "Cần nêu quyết định đính chính công nhận hay không công nhận.", "recognised (true/false) is required.");
        }
        DocumentRef decision = Document.toRef(body.document(), "document");
        return dispatch(code, year, asOf, actor, key, body, id -> "correct-decision/" + id, (id, by) ->
                new CorrectRecognitionDecision(id, body.corrected() == null ? null : body.corrected().trim(), decision,
                        body.recognised(), body.reason(), by));
    }

    @PostMapping("/{year}/transfer")
    @Operation(summary = "Chuyển hồ sơ sang đơn vị kế thừa — carry an open assessment to a successor (province)")
    public ResponseEntity<Void> transfer(@PathVariable String code, @PathVariable @Bounded(YEAR) int year, @RequestParam(required = false) LocalDate asOf,
                                         @Valid @RequestBody Transfer body, Actor actor,
                                         @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        AssessmentId assessment = assessments.assessment(code, year, asOf, "code");
        if (body.toCommuneCode() == null || body.toCommuneCode().isBlank()) {
            throw new ProblemException(ProblemKind.INVALID, "MISSING_SUCCESSOR", "toCommuneCode",
                    "Cần mã xã kế thừa.", "toCommuneCode is required.");
        }
        LocalDate successorDate = body.asOf() != null ? body.asOf() : LocalDate.now(clock);
        UnitDirectory.KnownUnit successor = assessments.commune(body.toCommuneCode(), successorDate, "toCommuneCode");
        return dispatch(assessment, actor, key, body, id -> "transfer/" + id, (id, by) -> new TransferAssessment(id,
                successor.unitId(), successorDate, Document.toRef(body.decision(), "decision"), by));
    }

    @PostMapping("/{year}/closure")
    @Operation(summary = "Đóng hồ sơ do sắp xếp đơn vị hành chính — close as superseded (province)")
    public ResponseEntity<Void> close(@PathVariable String code, @PathVariable @Bounded(YEAR) int year, @RequestParam(required = false) LocalDate asOf,
                                      @Valid @RequestBody Decision body, Actor actor,
                                      @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        return dispatch(code, year, asOf, actor, key, body, id -> "close/" + id,
                (id, by) -> new CloseAsSuperseded(id, Document.toRef(body.document(), "document"), body.reason(), by));
    }

    /**
     * One way from a request to its command, for every path on an existing assessment: the assessment the code names
     * on the year's map, the command made from it and the actor, sent with the request's Idempotency-Key and its
     * fingerprint (the route — kept as it has always been written, so that a key sent before still matches — and the body).
     */
    private ResponseEntity<Void> dispatch(String code, int year, LocalDate asOf, Actor actor, String key, Object body,
                                          Function<AssessmentId, String> route,
                                          BiFunction<AssessmentId, ActedBy, Object> command) {
        return dispatch(assessments.assessment(code, year, asOf, "code"), actor, key, body, route, command);
    }

    private ResponseEntity<Void> dispatch(AssessmentId id, Actor actor, String key, Object body,
                                          Function<AssessmentId, String> route,
                                          BiFunction<AssessmentId, ActedBy, Object> command) {
        Map<String, Object> fingerprint = body == null ? Map.of("path", route.apply(id))
                : Map.of("path", route.apply(id), "body", body);
        commands.send(command.apply(id, commands.actedBy(actor)), actor, key, fingerprint);
        return ResponseEntity.noContent().build();
    }
}
