package vn.thanhhoa.cds.command.assessment;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import vn.thanhhoa.cds.command.assessment.AssessmentCommands.*;
import vn.thanhhoa.cds.command.authority.Authority;
import vn.thanhhoa.cds.command.criteria.FrameworkCatalog;
import vn.thanhhoa.cds.command.reporting.ReportingCalendar;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.common.Limits;
import vn.thanhhoa.cds.events.criteria.Indicator;
import vn.thanhhoa.cds.events.common.ProvinceTime;
import vn.thanhhoa.cds.events.assessment.*;
import vn.thanhhoa.cds.events.criteria.AssessmentScore;
import vn.thanhhoa.cds.events.criteria.CriteriaFramework;
import vn.thanhhoa.cds.events.criteria.IndicatorValue;
import vn.thanhhoa.cds.events.criteria.Pillar;
import vn.thanhhoa.cds.events.criteria.Scoring;
import vn.thanhhoa.cds.events.map.UnitId;
import vn.thanhhoa.cds.events.common.Rejection;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One commune's assessment for one year under one framework. Decides in the command handlers, records with
 * {@code apply}, and changes its state only in the event-sourcing handlers. Kept in memory and snapshotted
 * ({@link AssessmentLoading}): the snapshot is its fields as JSON, and a change to them raises the revision, which
 * retires the older snapshots (the assessment is then loaded from its events).
 */
@Aggregate(cache = "assessmentCache", snapshotTriggerDefinition = "assessmentSnapshots")
@Revision("6")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class CommuneAssessment {
    @AggregateIdentifier
    private AssessmentId assessmentId;
    private UnitId commune;
    private UnitId appraiser;
    private String frameworkId;
    private Stage stage;
    private final Map<String, IndicatorValue> reported = new HashMap<>();
    /** The documents each reported value names, as they stand (an import compares them). */
    private final Map<String, List<DocumentRef>> reportedEvidence = new HashMap<>();
    private final Map<String, IndicatorValue> appraised = new HashMap<>();
    /** The verdict concluded, and whether an amendment of the points has put it in question since. */
    private Boolean concludedPassed;
    private boolean verdictInQuestion;
    /** The indicators the latest return named, and those the commune has answered since (an empty code: the general reason). */
    private final Set<String> returnedIndicators = new TreeSet<>();
    private final Set<String> answeredIndicators = new TreeSet<>();
    /** The commune's comment on each indicator, as it stands. */
    private final Map<String, String> comments = new HashMap<>();
    /** Each indicator's evidence files as they stand (hashes), and every file ever attached with its size (the quota). */
    private final Map<String, Set<String>> evidenceFiles = new HashMap<>();
    private final Map<String, Long> fileSizes = new HashMap<>();
    /** The appraisal council, if the appraising unit formed one: its lead, and each member's pillars. */
    private String councilLead;
    private final Map<String, Set<String>> councilPillars = new HashMap<>();
    /** The proposal (tờ trình) the commune is listed in, and the number of the decision on it in force. */
    private String proposal;
    private String decision;

    /** Required by Axon to rebuild the assessment from its events. */
    protected CommuneAssessment() {
    }

    /**
     * The year is assessed under the framework the province assigned to it (a client naming another is refused), and
     * appraised by whom the map names on the registration day: the day the command is accepted, or for a year already
     * past, the last day of that year on which the commune stood.
     */
    @CommandHandler
    public CommuneAssessment(RegisterAssessment command, FrameworkCatalog frameworks, MapFacts map, ReportingCalendar calendar) {
        UnitId unit = command.assessmentId().commune();
        int year = command.assessmentId().year();
        Authority.requireCommuneItself(command.actedBy(), unit, map);
        ReportingCalendar.YearRules rules = calendar.year(year).orElseThrow(() -> new Rejection(Rejection.Reason.CONFLICT,
                "NO_FRAMEWORK_FOR_YEAR", "year", "Tỉnh chưa giao bộ tiêu chí đánh giá cho năm " + year + ".",
                "The province has not assigned a framework to " + year + "."));
        if (command.frameworkId() != null && !command.frameworkId().equals(rules.frameworkId())) {
            throw new Rejection(Rejection.Reason.INVALID, "FRAMEWORK_NOT_ASSIGNED", "frameworkId",
                    "Năm " + year + " đánh giá theo bộ tiêu chí " + rules.frameworkId() + " do tỉnh giao, không theo " + command.frameworkId() + ".",
                    year + " is assessed under " + rules.frameworkId() + ", not " + command.frameworkId() + ".");
        }
        framework(frameworks, rules.frameworkId(), "frameworkId");
        LocalDate today = today(command.actedBy());
        requireReportingOpen(rules, unit, today, "đăng ký");
        UnitId appraiser = appraiser(map, unit, registrationDay(map, unit, year, today), "code");
        apply(new AssessmentRegistered(command.assessmentId(), unit, year, rules.frameworkId(), appraiser, command.actedBy()));
    }

    @CommandHandler
    public void handle(ReportIndicatorValue command, FrameworkCatalog frameworks, MapFacts map, ReportingCalendar calendar) {
        Authority.requireCommuneItself(command.actedBy(), commune, map);
        StagePolicy.REPORT.check(stage);
        requireReportingOpen(calendar, command.actedBy(), "cập nhật giá trị chỉ tiêu");
        IndicatorValuePolicy.check(framework(frameworks, frameworkId, "frameworkId"), command.indicatorCode(), command.value());
        apply(new IndicatorValueReported(assessmentId, command.indicatorCode(), command.value(), command.evidence(),
                command.actedBy()));
    }

    /**
     * The province's Excel table, imported: every row checked by the rules of {@link ReportIndicatorValue} and every
     * refusal collected with its row; then, unless it is a dry run and if nothing is refused, one
     * {@link IndicatorValueReported} per indicator whose value or documents change. The same sheet again changes nothing.
     */
    @CommandHandler
    public ImportReport handle(ImportSelfAssessment command, FrameworkCatalog frameworks, MapFacts map, ReportingCalendar calendar) {
        Authority.requireCommuneItself(command.actedBy(), commune, map);
        StagePolicy.REPORT.check(stage);
        requireReportingOpen(calendar, command.actedBy(), "nhập giá trị chỉ tiêu từ Excel");
        if (!frameworkId.equals(command.frameworkId())) {
            throw new Rejection(Rejection.Reason.INVALID, "TEMPLATE_OTHER_FRAMEWORK", "file",
                    "Mẫu này lập theo bộ tiêu chí " + command.frameworkId() + "; hồ sơ năm " + assessmentId.year()
                            + " đánh giá theo " + frameworkId + ". Hãy tải lại mẫu Excel của năm.",
                    "The template is for framework " + command.frameworkId() + ", the assessment is under " + frameworkId + ".");
        }
        CriteriaFramework framework = framework(frameworks, frameworkId, "frameworkId");
        List<ImportedChange> changes = new java.util.ArrayList<>();
        List<RowError> errors = new java.util.ArrayList<>();
        Set<String> seen = new HashSet<>();
        int unchanged = 0;
        for (ImportedRow row : command.rows()) {
            if (!seen.add(String.valueOf(row.indicatorCode()))) {
                errors.add(new RowError(row.row(), row.indicatorCode(), "indicatorCode", "DUPLICATE_INDICATOR",
                        "Chỉ tiêu " + row.indicatorCode() + " có ở nhiều dòng.", "Indicator " + row.indicatorCode() + " is on more than one row."));
                continue;
            }
            try {
                IndicatorValuePolicy.check(framework, row.indicatorCode(), row.value());
            } catch (Rejection refused) {
                errors.add(new RowError(row.row(), row.indicatorCode(), refused.field(), refused.code(), refused.messageVi(), refused.messageEn()));
                continue;
            }
            List<DocumentRef> before = reportedEvidence.getOrDefault(row.indicatorCode(), List.of());
            List<DocumentRef> evidence = row.evidence() == null ? before : row.evidence();
            IndicatorValue was = reported.get(row.indicatorCode());
            if (sameValue(was, row.value()) && evidence.equals(before)) {
                unchanged++;
            } else {
                changes.add(new ImportedChange(row.row(), row.indicatorCode(), was, row.value(), evidence));
            }
        }
        if (!errors.isEmpty() && !command.dryRun()) {
            throw new Rejection(Rejection.Reason.INVALID, "IMPORT_INVALID", "file",
                    "Tệp có " + errors.size() + " lỗi; chưa ghi giá trị nào. Sửa các ô được nêu rồi nhập lại.",
                    "The file has " + errors.size() + " error(s); nothing was recorded.", Map.of("errors", List.copyOf(errors)));
        }
        if (!command.dryRun()) {
            for (ImportedChange change : changes) {
                apply(new IndicatorValueReported(assessmentId, change.indicatorCode(), change.to(), change.evidence(),
                        command.actedBy()));
            }
        }
        return new ImportReport(List.copyOf(changes), unchanged, List.copyOf(errors));
    }

    /** A ratio of 4850/7690 is the same however its numbers were written (4850 or 4850.0). */
    private static boolean sameValue(IndicatorValue was, IndicatorValue now) {
        if (was instanceof IndicatorValue.Ratio a && now instanceof IndicatorValue.Ratio b) {
            return a.numerator().compareTo(b.numerator()) == 0 && a.denominator().compareTo(b.denominator()) == 0;
        }
        return java.util.Objects.equals(was, now);
    }

    /**
     * While the commune may report: a file of evidence for an indicator of the framework, within the year's quota
     * (a file counted once however often attached). The same file on the same indicator again records nothing.
     */
    @CommandHandler
    public void handle(AttachEvidenceFile command, FrameworkCatalog frameworks, MapFacts map, ReportingCalendar calendar) {
        Authority.requireCommuneItself(command.actedBy(), commune, map);
        StagePolicy.REPORT.check(stage);
        requireReportingOpen(calendar, command.actedBy(), "đính kèm minh chứng");
        CriteriaFramework framework = framework(frameworks, frameworkId, "frameworkId");
        if (command.indicatorCode() == null || framework.indicator(command.indicatorCode()).isEmpty()) {
            throw new Rejection(Rejection.Reason.NOT_FOUND, "UNKNOWN_INDICATOR", "indicatorCode",
                    "Không có chỉ tiêu " + command.indicatorCode() + " trong bộ tiêu chí " + framework.id() + ".",
                    "No indicator " + command.indicatorCode() + " in framework " + framework.id() + ".");
        }
        EvidenceFile file = command.file();
        if (file == null || file.sha256() == null || file.size() <= 0) {
            throw new Rejection(Rejection.Reason.INVALID, "MISSING_FILE", "file", "Cần tệp minh chứng.", "A file is required.");
        }
        Set<String> attached = evidenceFiles.getOrDefault(command.indicatorCode(), Set.of());
        if (command.replaces() != null && !attached.contains(command.replaces())) {
            throw new Rejection(Rejection.Reason.CONFLICT, "NOT_ATTACHED", "replaces",
                    "Tệp cần thay thế không có trong minh chứng của chỉ tiêu " + command.indicatorCode() + ".",
                    "The file to replace is not among the indicator's evidence.");
        }
        if (attached.contains(file.sha256()) && command.replaces() == null) {
            return;
        }
        long used = fileSizes.values().stream().mapToLong(Long::longValue).sum();
        if (!fileSizes.containsKey(file.sha256()) && used + file.size() > Limits.EVIDENCE_BYTES_PER_ASSESSMENT) {
            throw new Rejection(Rejection.Reason.INVALID, "QUOTA_EXCEEDED", "file",
                    "Vượt dung lượng minh chứng của hồ sơ năm (" + Limits.EVIDENCE_BYTES_PER_ASSESSMENT / (1024 * 1024)
                            + " MB; đã dùng " + used / (1024 * 1024) + " MB).",
                    "Over the year's evidence quota (" + Limits.EVIDENCE_BYTES_PER_ASSESSMENT / (1024 * 1024) + " MB).");
        }
        apply(new EvidenceFileAttached(assessmentId, command.indicatorCode(), file, command.replaces(), command.actedBy()));
    }

    /** While the commune may report: a comment on an indicator of the framework; the same comment again records nothing. */
    @CommandHandler
    public void handle(CommentOnIndicator command, FrameworkCatalog frameworks, MapFacts map, ReportingCalendar calendar) {
        Authority.requireCommuneItself(command.actedBy(), commune, map);
        StagePolicy.REPORT.check(stage);
        requireReportingOpen(calendar, command.actedBy(), "ghi chú");
        CriteriaFramework framework = framework(frameworks, frameworkId, "frameworkId");
        if (command.indicatorCode() == null || framework.indicator(command.indicatorCode()).isEmpty()) {
            throw new Rejection(Rejection.Reason.NOT_FOUND, "UNKNOWN_INDICATOR", "indicatorCode",
                    "Không có chỉ tiêu " + command.indicatorCode() + " trong bộ tiêu chí " + framework.id() + ".",
                    "No indicator " + command.indicatorCode() + " in framework " + framework.id() + ".");
        }
        String comment = command.comment() == null ? "" : command.comment();
        if (comment.equals(comments.getOrDefault(command.indicatorCode(), ""))) {
            return;
        }
        apply(new IndicatorCommented(assessmentId, command.indicatorCode(), comment, command.actedBy()));
    }

    /**
     * Refused while a reason of the latest return is unanswered, and — in a year with a reporting period — while an
     * indicator has no value (đang triển khai is a value).
     */
    @CommandHandler
    public void handle(SubmitSelfAssessment command, FrameworkCatalog frameworks, MapFacts map, ReportingCalendar calendar) {
        Authority.requireCommuneItself(command.actedBy(), commune, map);
        StagePolicy.SUBMIT.check(stage);
        boolean underPeriod = requireReportingOpen(calendar, command.actedBy(), "nộp báo cáo");
        if (command.report() == null || command.report().number().isBlank()) {
            throw new Rejection(Rejection.Reason.INVALID, "MISSING_REPORT_NUMBER", "reportNumber",
                    "Cần số báo cáo tự đánh giá (ví dụ 255/BC-UBND).", "The report number is required.");
        }
        List<String> unanswered = returnedIndicators.stream().filter(code -> !answeredIndicators.contains(code)).toList();
        if (stage == Stage.RETURNED && !unanswered.isEmpty()) {
            throw new Rejection(Rejection.Reason.INVALID, "RETURN_NOT_ANSWERED", "answers",
                    "Cần giải trình lý do trả lại của các chỉ tiêu: " + String.join(", ", unanswered) + ".",
                    "Answer the return's reasons for: " + String.join(", ", unanswered) + ".",
                    Map.of("unanswered", unanswered));
        }
        if (underPeriod) {
            List<String> missing = framework(frameworks, frameworkId, "frameworkId").indicators().stream()
                    .map(Indicator::code).filter(code -> !reported.containsKey(code)).toList();
            if (!missing.isEmpty()) {
                throw new Rejection(Rejection.Reason.INVALID, "MISSING_INDICATORS", "indicators",
                        "Còn " + missing.size() + " chỉ tiêu chưa có giá trị: " + String.join(", ", missing) + ".",
                        missing.size() + " indicators have no value: " + String.join(", ", missing) + ".",
                        Map.of("missing", missing));
            }
        }
        apply(new SelfAssessmentSubmitted(assessmentId, command.report(), command.actedBy()));
    }

    @CommandHandler
    public void handle(WithdrawSubmission command, MapFacts map, ReportingCalendar calendar) {
        Authority.requireCommuneItself(command.actedBy(), commune, map);
        StagePolicy.WITHDRAW.check(stage);
        requireReportingOpen(calendar, command.actedBy(), "rút lại báo cáo");
        apply(new SelfAssessmentWithdrawn(assessmentId, command.reason() == null ? "" : command.reason(), command.actedBy()));
    }

    @CommandHandler
    public void handle(AnswerReturn command, MapFacts map, ReportingCalendar calendar) {
        Authority.requireCommuneItself(command.actedBy(), commune, map);
        StagePolicy.ANSWER_RETURN.check(stage);
        requireReportingOpen(calendar, command.actedBy(), "giải trình");
        String code = command.indicatorCode() == null ? "" : command.indicatorCode();
        if (!code.isEmpty() && !returnedIndicators.contains(code)) {
            throw new Rejection(Rejection.Reason.INVALID, "NOT_RETURNED", "indicatorCode",
                    "Chỉ tiêu " + code + " không bị trả lại; không cần giải trình.", "Indicator " + code + " was not returned.");
        }
        if (command.answer() == null || command.answer().isBlank()) {
            throw new Rejection(Rejection.Reason.INVALID, "MISSING_ANSWER", "answer",
                    "Cần nội dung giải trình.", "An answer is required.");
        }
        apply(new ReturnAnswered(assessmentId, code, command.answer(), command.actedBy()));
    }

    @CommandHandler
    public void handle(StartAppraisal command, MapFacts map) {
        Authority.requireAppraiser(command.actedBy(), appraiser, map);
        StagePolicy.START_APPRAISAL.check(stage);
        apply(new AppraisalStarted(assessmentId, command.actedBy()));
    }

    /**
     * A council for the appraisal: a lead, and members each with pillars of the framework (a pillar may have several
     * members). Assigned again, it replaces the one before.
     */
    @CommandHandler
    public void handle(AssignAppraisalCouncil command, FrameworkCatalog frameworks, MapFacts map) {
        Authority.requireAppraiser(command.actedBy(), appraiser, map);
        StagePolicy.ASSIGN_COUNCIL.check(stage);
        if (command.lead() == null || command.lead().isBlank()) {
            throw new Rejection(Rejection.Reason.INVALID, "MISSING_LEAD", "lead",
                    "Cần người chủ trì hội đồng thẩm định.", "The council's lead is required.");
        }
        if (command.members().isEmpty()) {
            throw new Rejection(Rejection.Reason.INVALID, "MISSING_MEMBERS", "members",
                    "Cần ít nhất một thành viên hội đồng.", "At least one member is required.");
        }
        CriteriaFramework framework = framework(frameworks, frameworkId, "frameworkId");
        Set<String> pillarCodes = new HashSet<>();
        framework.pillars().forEach(pillar -> pillarCodes.add(pillar.code()));
        Set<String> subjects = new HashSet<>();
        for (int i = 0; i < command.members().size(); i++) {
            AppraisalCouncilAssigned.Member member = command.members().get(i);
            String field = "members[" + i + "]";
            if (member == null || member.subject() == null || member.subject().isBlank()) {
                throw new Rejection(Rejection.Reason.INVALID, "MISSING_MEMBER", field + ".subject",
                        "Cần tài khoản của thành viên.", "The member's account is required.");
            }
            if (!subjects.add(member.subject())) {
                throw new Rejection(Rejection.Reason.INVALID, "DUPLICATE_MEMBER", field + ".subject",
                        member.subject() + " được nêu hai lần.", member.subject() + " is named twice.");
            }
            if (member.pillars().isEmpty()) {
                throw new Rejection(Rejection.Reason.INVALID, "MISSING_PILLARS", field + ".pillars",
                        "Cần giao ít nhất một trụ cột cho " + member.subject() + ".", "Assign at least one pillar.");
            }
            for (String pillar : member.pillars()) {
                if (!pillarCodes.contains(pillar)) {
                    throw new Rejection(Rejection.Reason.INVALID, "UNKNOWN_PILLAR", field + ".pillars",
                            "Không có trụ cột " + pillar + " trong bộ tiêu chí " + framework.id() + ".",
                            "No pillar " + pillar + " in framework " + framework.id() + ".");
                }
            }
        }
        apply(new AppraisalCouncilAssigned(assessmentId, command.lead().trim(), command.members(), command.document(),
                command.actedBy()));
    }

    /** With a council, a member appraises only the indicators of their pillars (the lead, any). */
    @CommandHandler
    public void handle(AppraiseIndicator command, FrameworkCatalog frameworks, MapFacts map) {
        Authority.requireAppraiser(command.actedBy(), appraiser, map);
        StagePolicy.APPRAISE.check(stage);
        CriteriaFramework framework = framework(frameworks, frameworkId, "frameworkId");
        IndicatorValuePolicy.check(framework, command.indicatorCode(), command.value());
        String subject = command.actedBy().subject();
        if (councilLead != null && !councilLead.equals(subject)) {
            String pillar = framework.pillarOf(command.indicatorCode()).map(Pillar::code).orElse("");
            if (!councilPillars.getOrDefault(subject, Set.of()).contains(pillar)) {
                throw new Rejection(Rejection.Reason.NOT_PERMITTED, "NOT_ASSIGNED", "actor",
                        "Chỉ tiêu " + command.indicatorCode() + " thuộc trụ cột " + pillar
                                + ", không được giao cho bạn trong hội đồng thẩm định.",
                        "Indicator " + command.indicatorCode() + " is of pillar " + pillar + ", not assigned to you in the council.");
            }
        }
        apply(new IndicatorAppraised(assessmentId, command.indicatorCode(), command.value(),
                command.note() == null ? "" : command.note(), command.actedBy()));
    }

    /** The verdict is computed from the appraised values (the commune's where the appraiser set none). */
    @CommandHandler
    public void handle(ConcludeAppraisal command, FrameworkCatalog frameworks, MapFacts map) {
        Authority.requireAppraiser(command.actedBy(), appraiser, map);
        requireCouncilLead(command.actedBy(), "kết luận");
        if (!(verdictInQuestion && (stage == Stage.APPRAISED_PASS || stage == Stage.APPRAISED_FAIL))) {
            StagePolicy.CONCLUDE.check(stage); // a verdict in question is concluded again on the amended points
        }
        requireDocument(command.document(), "document");
        Map<String, IndicatorValue> values = new HashMap<>(reported);
        values.putAll(appraised);
        AssessmentScore score = Scoring.score(framework(frameworks, frameworkId, "frameworkId"), values);
        apply(new AppraisalConcluded(assessmentId, score.passed(), score.headline(), score.met(), command.document(),
                command.actedBy()));
    }

    /** With a reason for each indicator concerned, or a general one, or both. */
    @CommandHandler
    public void handle(ReturnForRevision command, FrameworkCatalog frameworks, MapFacts map) {
        Authority.requireAppraiser(command.actedBy(), appraiser, map);
        requireCouncilLead(command.actedBy(), "trả lại hồ sơ");
        StagePolicy.RETURN.check(stage);
        requireReasons(framework(frameworks, frameworkId, "frameworkId"), command.reason(), command.indicators(),
                "Cần nêu lý do trả lại hồ sơ.");
        apply(new AssessmentReturnedWithReasons(assessmentId, command.reason() == null ? "" : command.reason(),
                command.indicators(), command.document(), command.actedBy()));
    }

    /** The department takes an appraisal concluded Đạt into its review, while its verdict stands. */
    @CommandHandler
    public void handle(AcceptForReview command) {
        Authority.requireDepartment(command.actedBy());
        StagePolicy.REVIEW.check(stage);
        requireVerdictStands();
        apply(new AppraisalAcceptedForReview(assessmentId, command.note(), command.actedBy()));
    }

    /** Back to the appraiser, who concludes again: the appraisal is open with the values it had. */
    @CommandHandler
    public void handle(SendBackToAppraiser command, FrameworkCatalog frameworks) {
        Authority.requireDepartment(command.actedBy());
        StagePolicy.SEND_BACK.check(stage);
        requireReasons(framework(frameworks, frameworkId, "frameworkId"), command.reason(), command.indicators(),
                "Cần nêu lý do trả lại đơn vị thẩm định.");
        apply(new AppraisalSentBack(assessmentId, command.reason(), command.indicators(), command.actedBy()));
    }

    /**
     * The inspection's corrections replace the appraised values of their indicators, and the verdict is scored again
     * from the values as corrected (the commune's where neither the appraiser nor the inspection set one).
     */
    @CommandHandler
    public void handle(RecordInspection command, FrameworkCatalog frameworks) {
        Authority.requireDepartment(command.actedBy());
        StagePolicy.INSPECT.check(stage);
        if (command.inspectedOn() == null) {
            throw new Rejection(Rejection.Reason.INVALID, "MISSING_DATE", "inspectedOn",
                    "Cần ngày kiểm tra thực tế.", "The inspection's date is required.");
        }
        if (command.inspectedOn().isAfter(today(command.actedBy()))) {
            throw new Rejection(Rejection.Reason.INVALID, "DATE_IN_FUTURE", "inspectedOn",
                    "Ngày kiểm tra không thể sau hôm nay.", "The inspection cannot be dated after today.");
        }
        if (command.members().stream().allMatch(member -> member == null || member.isBlank())) {
            throw new Rejection(Rejection.Reason.INVALID, "MISSING_MEMBERS", "members",
                    "Cần thành phần đoàn kiểm tra.", "The inspection's members are required.");
        }
        if (command.findings() == null || command.findings().isBlank()) {
            throw new Rejection(Rejection.Reason.INVALID, "MISSING_FINDINGS", "findings",
                    "Cần kết quả kiểm tra.", "The inspection's findings are required.");
        }
        CriteriaFramework framework = framework(frameworks, frameworkId, "frameworkId");
        Map<String, IndicatorValue> values = new HashMap<>(reported);
        values.putAll(appraised);
        Set<String> named = new HashSet<>();
        for (int i = 0; i < command.corrections().size(); i++) {
            OnSiteInspectionRecorded.Correction correction = command.corrections().get(i);
            String field = "corrections[" + i + "]";
            try {
                IndicatorValuePolicy.check(framework, correction.indicatorCode(), correction.value());
            } catch (Rejection refused) {
                throw new Rejection(refused.reason(), refused.code(), field + "." + refused.field(),
                        refused.messageVi(), refused.messageEn(), refused.details());
            }
            if (!named.add(correction.indicatorCode())) {
                throw new Rejection(Rejection.Reason.INVALID, "DUPLICATE_INDICATOR", field + ".indicatorCode",
                        "Chỉ tiêu " + correction.indicatorCode() + " được nêu hai lần.",
                        "Indicator " + correction.indicatorCode() + " is named twice.");
            }
            if (correction.note().isBlank()) {
                throw new Rejection(Rejection.Reason.INVALID, "MISSING_REASON", field + ".note",
                        "Cần nêu lý do điều chỉnh chỉ tiêu " + correction.indicatorCode() + ".", "A reason is required.");
            }
            values.put(correction.indicatorCode(), correction.value());
        }
        AssessmentScore score = Scoring.score(framework, values);
        apply(new OnSiteInspectionRecorded(assessmentId, command.inspectedOn(), command.members().stream()
                .filter(member -> member != null && !member.isBlank()).map(String::trim).toList(), command.findings(),
                command.corrections(), score.passed(), score.headline(), score.met(), command.actedBy()));
    }

    /** Listed in a proposal of the department ({@link RecognitionDecisions}): only a reviewed commune that still passes. */
    void propose(DocumentRef proposal, ActedBy actedBy) {
        Authority.requireDepartment(actedBy);
        StagePolicy.PROPOSE.check(stage);
        requireVerdictStands();
        requirePassing();
        apply(new ProposedForRecognition(assessmentId, proposal, actedBy));
    }

    /** Named in the chairman's decision over the proposal it is listed in ({@link RecognitionDecisions}). */
    void decide(String proposalNumber, DocumentRef decision, boolean recognised, String reason, ActedBy actedBy) {
        Authority.requireProvince(actedBy);
        StagePolicy.RECOGNISE.check(stage);
        if (!proposalNumber.equals(proposal)) {
            throw new Rejection(Rejection.Reason.CONFLICT, "NOT_IN_PROPOSAL", "proposalNumber",
                    "Xã được đề nghị tại tờ trình " + proposal + ", không thuộc tờ trình " + proposalNumber + ".",
                    "The commune was proposed in " + proposal + ", not in " + proposalNumber + ".");
        }
        if (recognised) {
            requireVerdictStands();
            apply(new CommuneRecognised(assessmentId, decision, actedBy));
        } else {
            if (reason == null || reason.isBlank()) {
                throw new Rejection(Rejection.Reason.INVALID, "MISSING_REASON", "reason",
                        "Cần nêu lý do không công nhận.", "A reason for declining is required.");
            }
            apply(new RecognitionDeclined(assessmentId, decision, reason.trim(), actedBy));
        }
    }

    /** The chairman's decision on one proposed commune (a decision naming many: {@link RecognitionDecisions}). */
    @CommandHandler
    public void handle(RecogniseCommune command) {
        Authority.requireProvince(command.actedBy());
        StagePolicy.RECOGNISE.check(stage);
        requireVerdictStands();
        requireDocument(command.decision(), "decisionNumber");
        apply(new CommuneRecognised(assessmentId, command.decision(), command.actedBy()));
    }

    /** A later decision corrects the one in force for this commune: recognised, or not, from now on. */
    @CommandHandler
    public void handle(CorrectRecognitionDecision command) {
        Authority.requireProvince(command.actedBy());
        StagePolicy.CORRECT_DECISION.check(stage);
        requireDocument(command.decision(), "decisionNumber");
        if (!java.util.Objects.equals(command.corrected(), decision)) {
            throw new Rejection(Rejection.Reason.CONFLICT, "NOT_THE_DECISION", "corrected",
                    "Quyết định đang có hiệu lực với xã là " + decision + ", không phải " + command.corrected() + ".",
                    "The decision in force for this commune is " + decision + ", not " + command.corrected() + ".");
        }
        if (command.decision().number().equals(decision)) {
            throw new Rejection(Rejection.Reason.INVALID, "SAME_DECISION", "decisionNumber",
                    "Quyết định đính chính phải là một quyết định khác " + decision + ".",
                    "The correcting decision must be another than " + decision + ".");
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw new Rejection(Rejection.Reason.INVALID, "MISSING_REASON", "reason",
                    "Cần nêu lý do đính chính.", "A reason is required.");
        }
        if (command.recognised()) {
            requireVerdictStands();
            requirePassing();
        }
        apply(new RecognitionDecisionCorrected(assessmentId, decision, command.decision(), command.recognised(),
                command.reason().trim(), command.actedBy()));
    }

    @CommandHandler
    public void handle(RevokeRecognition command) {
        Authority.requireProvince(command.actedBy());
        StagePolicy.REVOKE.check(stage);
        requireDocument(command.decision(), "decisionNumber");
        if (command.reason() == null || command.reason().isBlank()) {
            throw new Rejection(Rejection.Reason.INVALID, "MISSING_REASON", "reason",
                    "Cần nêu lý do thu hồi.", "A reason is required.");
        }
        apply(new RecognitionRevoked(assessmentId, command.decision(), command.reason(), command.actedBy()));
    }

    /**
     * After the framework's points were amended: scores the values again under the amended points, and records that
     * the concluded verdict no longer holds when the amended score gives the other verdict. Asking twice, or after the
     * verdict was concluded again, records nothing.
     */
    @CommandHandler
    public void handle(ReviewVerdict command, FrameworkCatalog frameworks) {
        Authority.requireProvince(command.actedBy());
        boolean concluded = stage == Stage.APPRAISED_PASS || stage == Stage.APPRAISED_FAIL || stage == Stage.IN_REVIEW
                || stage == Stage.PROPOSED || stage == Stage.RECOGNISED || stage == Stage.DECLINED;
        if (!concluded || verdictInQuestion || concludedPassed == null || !frameworkId.equals(command.frameworkId())) {
            return;
        }
        Map<String, IndicatorValue> values = new HashMap<>(reported);
        values.putAll(appraised);
        AssessmentScore amended = Scoring.score(framework(frameworks, frameworkId, "frameworkId"), values);
        if (amended.passed() != concludedPassed) {
            apply(new VerdictInvalidatedByAmendment(assessmentId, frameworkId, concludedPassed, amended.headline(),
                    amended.met(), command.amendment(), command.actedBy()));
        }
    }

    /** The province keeps a recognition an amendment put in question (or revokes it: {@link RevokeRecognition}). */
    @CommandHandler
    public void handle(ConfirmRecognition command) {
        Authority.requireProvince(command.actedBy());
        StagePolicy.REVOKE.check(stage); // a decision on a recognition
        if (!verdictInQuestion) {
            throw new Rejection(Rejection.Reason.CONFLICT, "VERDICT_NOT_IN_QUESTION", "stage",
                    "Kết luận thẩm định không bị ảnh hưởng bởi đính chính điểm; không cần quyết định giữ công nhận.",
                    "No amendment put this verdict in question; there is nothing to confirm.");
        }
        requireDocument(command.decision(), "decisionNumber");
        apply(new RecognitionConfirmedAfterAmendment(assessmentId, command.decision(), command.actedBy()));
    }

    /** A reason for each indicator named (each of the framework, once), or a general reason, or both. */
    private static void requireReasons(CriteriaFramework framework, String reason,
                                       List<AssessmentReturnedWithReasons.IndicatorReason> indicators, String generalVi) {
        Set<String> named = new HashSet<>();
        for (int i = 0; i < indicators.size(); i++) {
            AssessmentReturnedWithReasons.IndicatorReason item = indicators.get(i);
            String field = "indicators[" + i + "]";
            if (item.indicatorCode() == null || framework.indicator(item.indicatorCode()).isEmpty()) {
                throw new Rejection(Rejection.Reason.INVALID, "UNKNOWN_INDICATOR", field + ".indicatorCode",
                        "Không có chỉ tiêu " + item.indicatorCode() + " trong bộ tiêu chí " + framework.id() + ".",
                        "No indicator " + item.indicatorCode() + " in framework " + framework.id() + ".");
            }
            if (!named.add(item.indicatorCode())) {
                throw new Rejection(Rejection.Reason.INVALID, "DUPLICATE_INDICATOR", field + ".indicatorCode",
                        "Chỉ tiêu " + item.indicatorCode() + " được nêu hai lần.", "Indicator " + item.indicatorCode() + " is named twice.");
            }
            if (item.reason() == null || item.reason().isBlank()) {
                throw new Rejection(Rejection.Reason.INVALID, "MISSING_REASON", field + ".reason",
                        "Cần nêu lý do trả lại chỉ tiêu " + item.indicatorCode() + ".", "A reason is required.");
            }
        }
        if (named.isEmpty() && (reason == null || reason.isBlank())) {
            throw new Rejection(Rejection.Reason.INVALID, "MISSING_REASON", "reason",
                    generalVi, "A reason is required.");
        }
    }

    /** The verdict as the appraisal and any inspection left it is Đạt. */
    private void requirePassing() {
        if (!Boolean.TRUE.equals(concludedPassed)) {
            throw new Rejection(Rejection.Reason.CONFLICT, "NOT_PASSING", "stage",
                    "Theo kết quả thẩm định và kiểm tra thực tế, xã không đạt; không thể đề nghị hay công nhận (trả lại đơn vị thẩm định).",
                    "As appraised and inspected, the commune does not pass; it cannot be proposed or recognised.");
        }
    }

    /** With a council, the lead alone decides the appraisal. */
    private void requireCouncilLead(ActedBy actor, String what) {
        if (councilLead != null && !councilLead.equals(actor.subject())) {
            throw new Rejection(Rejection.Reason.NOT_PERMITTED, "COUNCIL_LEAD_ONLY", "actor",
                    "Chỉ người chủ trì hội đồng thẩm định (" + councilLead + ") được " + what + ".",
                    "Only the council's lead (" + councilLead + ") may do this.");
        }
    }

    private void requireVerdictStands() {
        if (verdictInQuestion) {
            throw new Rejection(Rejection.Reason.CONFLICT, "VERDICT_IN_QUESTION", "stage",
                    "Kết luận thẩm định cần xem xét lại sau khi đính chính điểm; đơn vị thẩm định cần kết luận lại trước khi công nhận.",
                    "An amendment of the points put the verdict in question; the appraiser must conclude again before recognition.");
        }
    }

    /** A merged-away commune's open assessment moves to a successor only by the province's decision. */
    @CommandHandler
    public void handle(TransferAssessment command, MapFacts map) {
        Authority.requireProvince(command.actedBy());
        StagePolicy.TRANSFER.check(stage);
        requireDocument(command.decision(), "decisionNumber");
        if (command.toCommune().equals(commune)) {
            throw new Rejection(Rejection.Reason.INVALID, "SAME_COMMUNE", "toCommune",
                    "Hồ sơ đã thuộc đơn vị này.", "The assessment already belongs to this commune.");
        }
        if (!map.isSuccessor(commune, command.toCommune())) {
            throw new Rejection(Rejection.Reason.INVALID, "NOT_A_SUCCESSOR", "toCommuneCode",
                    command.toCommune() + " không phải đơn vị kế thừa của " + commune + ".",
                    command.toCommune() + " is not a successor of " + commune + ".");
        }
        // whether the successor already holds an assessment for the year is a rule across streams: the unique
        // (commune, year) lookup written with these events refuses the second (AssessmentDirectory)
        UnitId appraiser = appraiser(map, command.toCommune(), command.mapDate(), "toCommuneCode");
        apply(new AssessmentTransferred(assessmentId, commune, command.toCommune(), appraiser,
                command.decision(), command.actedBy()));
    }

    @CommandHandler
    public void handle(CloseAsSuperseded command) {
        Authority.requireProvince(command.actedBy());
        StagePolicy.CLOSE_SUPERSEDED.check(stage);
        requireDocument(command.decision(), "decisionNumber");
        apply(new AssessmentClosedAsSuperseded(assessmentId, command.decision(),
                command.reason() == null ? "" : command.reason(), command.actedBy()));
    }

    /**
     * Checks the year's reporting period, when the province opened one, for this commune on the day the command was
     * accepted; answers whether the year has one.
     */
    private boolean requireReportingOpen(ReportingCalendar calendar, ActedBy actor, String what) {
        return calendar.year(assessmentId.year()).map(rules -> requireReportingOpen(rules, commune, today(actor), what))
                .orElse(false);
    }

    private static boolean requireReportingOpen(ReportingCalendar.YearRules rules, UnitId commune, LocalDate day, String what) {
        if (rules.period() == null) {
            return false;
        }
        rules.period().requireOpen(rules.year(), day, rules.extensions().get(commune), what);
        return true;
    }

    private static LocalDate today(ActedBy actor) {
        return LocalDate.ofInstant(actor.at(), ProvinceTime.ZONE);
    }

    /** The day the map names the appraiser on: today, or within a past year the last day the commune stood in it. */
    private static LocalDate registrationDay(MapFacts map, UnitId commune, int year, LocalDate today) {
        LocalDate day = today.isAfter(LocalDate.of(year, 12, 31)) ? LocalDate.of(year, 12, 31) : today;
        LocalDate ceased = map.unitsCoded(commune.code()).get(commune);
        return ceased != null && !day.isBefore(ceased) ? ceased.minusDays(1) : day;
    }

    private static UnitId appraiser(MapFacts map, UnitId commune, java.time.LocalDate day, String field) {
        return map.appraiserOf(commune, day).orElseThrow(() -> new Rejection(Rejection.Reason.CONFLICT, "NO_APPRAISER",
                field, "Chưa có đơn vị được giao thẩm định " + commune + " vào ngày " + day + ".",
                "No appraiser is designated for " + commune + " on " + day + "."));
    }

    private static CriteriaFramework framework(FrameworkCatalog frameworks, String id, String field) {
        return frameworks.find(id).orElseThrow(() -> new Rejection(Rejection.Reason.NOT_FOUND, "UNKNOWN_FRAMEWORK",
                field, "Không có bộ tiêu chí " + id + ".", "No framework " + id + "."));
    }

    private static void requireDocument(DocumentRef document, String field) {
        if (document == null || document.number().isBlank()) {
            throw new Rejection(Rejection.Reason.INVALID, "MISSING_DOCUMENT", field,
                    "Cần số văn bản.", "A document number is required.");
        }
    }

    @EventSourcingHandler
    void on(AssessmentRegistered event) {
        assessmentId = event.assessmentId();
        commune = event.commune();
        appraiser = event.appraiser();
        frameworkId = event.frameworkId();
        stage = Stage.REGISTERED;
    }

    @EventSourcingHandler
    void on(IndicatorValueReported event) {
        reported.put(event.indicatorCode(), event.value());
        reportedEvidence.put(event.indicatorCode(), event.evidence());
    }

    @EventSourcingHandler
    void on(SelfAssessmentSubmitted event) {
        stage = Stage.SUBMITTED;
    }

    @EventSourcingHandler
    void on(AppraisalStarted event) {
        stage = Stage.UNDER_APPRAISAL;
        appraised.clear();
    }

    @EventSourcingHandler
    void on(IndicatorAppraised event) {
        appraised.put(event.indicatorCode(), event.appraisedValue());
    }

    @EventSourcingHandler
    void on(AppraisalConcluded event) {
        stage = event.passed() ? Stage.APPRAISED_PASS : Stage.APPRAISED_FAIL;
        concludedPassed = event.passed();
        verdictInQuestion = false;
    }

    @EventSourcingHandler
    void on(VerdictInvalidatedByAmendment event) {
        verdictInQuestion = true;
    }

    @EventSourcingHandler
    void on(RecognitionConfirmedAfterAmendment event) {
        verdictInQuestion = false;
    }

    @EventSourcingHandler
    void on(AssessmentReturnedForRevision event) {
        stage = Stage.RETURNED;
        returnedIndicators.clear();
        answeredIndicators.clear();
    }

    @EventSourcingHandler
    void on(AssessmentReturnedWithReasons event) {
        stage = Stage.RETURNED;
        returnedIndicators.clear();
        answeredIndicators.clear();
        event.indicators().forEach(reason -> returnedIndicators.add(reason.indicatorCode()));
    }

    @EventSourcingHandler
    void on(ReturnAnswered event) {
        answeredIndicators.add(event.indicatorCode());
    }

    @EventSourcingHandler
    void on(IndicatorCommented event) {
        if (event.comment().isEmpty()) {
            comments.remove(event.indicatorCode());
        } else {
            comments.put(event.indicatorCode(), event.comment());
        }
    }

    @EventSourcingHandler
    void on(SelfAssessmentWithdrawn event) {
        stage = Stage.WITHDRAWN;
    }

    @EventSourcingHandler
    void on(EvidenceFileAttached event) {
        Set<String> attached = evidenceFiles.computeIfAbsent(event.indicatorCode(), code -> new TreeSet<>());
        if (event.replaces() != null) {
            attached.remove(event.replaces());
        }
        attached.add(event.file().sha256());
        fileSizes.put(event.file().sha256(), event.file().size());
    }

    @EventSourcingHandler
    void on(AppraisalCouncilAssigned event) {
        councilLead = event.lead();
        councilPillars.clear();
        event.members().forEach(member -> councilPillars.put(member.subject(), new TreeSet<>(member.pillars())));
    }

    @EventSourcingHandler
    void on(AppraisalAcceptedForReview event) {
        stage = Stage.IN_REVIEW;
    }

    @EventSourcingHandler
    void on(AppraisalSentBack event) {
        stage = Stage.UNDER_APPRAISAL;
        proposal = null;
    }

    @EventSourcingHandler
    void on(OnSiteInspectionRecorded event) {
        event.corrections().forEach(correction -> appraised.put(correction.indicatorCode(), correction.value()));
        concludedPassed = event.passed();
    }

    @EventSourcingHandler
    void on(ProposedForRecognition event) {
        stage = Stage.PROPOSED;
        proposal = event.proposal().number();
    }

    @EventSourcingHandler
    void on(CommuneRecognised event) {
        stage = Stage.RECOGNISED;
        decision = event.decision().number();
    }

    @EventSourcingHandler
    void on(RecognitionDeclined event) {
        stage = Stage.DECLINED;
        decision = event.decision().number();
    }

    @EventSourcingHandler
    void on(RecognitionDecisionCorrected event) {
        stage = event.recognised() ? Stage.RECOGNISED : Stage.DECLINED;
        decision = event.decision().number();
    }

    @EventSourcingHandler
    void on(RecognitionRevoked event) {
        stage = Stage.REVOKED;
        verdictInQuestion = false;
    }

    @EventSourcingHandler
    void on(AssessmentTransferred event) {
        commune = event.toCommune();
        appraiser = event.appraiser();
    }

    @EventSourcingHandler
    void on(AssessmentClosedAsSuperseded event) {
        stage = Stage.SUPERSEDED;
    }
}
