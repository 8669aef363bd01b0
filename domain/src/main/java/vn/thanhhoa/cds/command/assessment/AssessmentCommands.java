package vn.thanhhoa.cds.command.assessment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.thanhhoa.cds.events.assessment.AppraisalCouncilAssigned;
import vn.thanhhoa.cds.events.assessment.AssessmentId;
import vn.thanhhoa.cds.events.assessment.AssessmentReturnedWithReasons;
import vn.thanhhoa.cds.events.assessment.EvidenceFile;
import vn.thanhhoa.cds.events.assessment.OnSiteInspectionRecorded;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.criteria.IndicatorValue;
import vn.thanhhoa.cds.events.map.UnitId;

import java.util.List;
import java.time.LocalDate;

/** What may be asked of a commune's assessment for a year. Each names who asks. */
public final class AssessmentCommands {
    private AssessmentCommands() {
    }

    /**
     * @param frameworkId the framework the client expects, or null: the year's framework is the one the province
     *                    assigned, and naming another is refused
     */
    public record RegisterAssessment(@TargetAggregateIdentifier AssessmentId assessmentId, String frameworkId,
                                     ActedBy actedBy) {
    }

    public record ReportIndicatorValue(@TargetAggregateIdentifier AssessmentId assessmentId, String indicatorCode,
                                       IndicatorValue value, List<DocumentRef> evidence, ActedBy actedBy) {
        public ReportIndicatorValue {
            evidence = evidence == null ? List.of() : List.copyOf(evidence);
        }
    }

    /**
     * The commune's self-assessment read from the province's Excel table: each row checked as {@link ReportIndicatorValue}
     * is checked, and recorded as the same event, one per indicator whose value or evidence the sheet changes — all or
     * none. A dry run records nothing and answers what would change and every row's error ({@link ImportReport}).
     *
     * @param frameworkId the framework the sheet was generated for: a template of another is refused
     */
    public record ImportSelfAssessment(@TargetAggregateIdentifier AssessmentId assessmentId, String frameworkId, List<ImportedRow> rows,
                                       boolean dryRun, ActedBy actedBy) {
        public ImportSelfAssessment {
            rows = List.copyOf(rows);
        }
    }

    /**
     * @param row      the sheet's row number as Excel shows it
     * @param evidence the row's documents, or null when it names none: the evidence then stays as it stands
     */
    public record ImportedRow(int row, String indicatorCode, IndicatorValue value, List<DocumentRef> evidence) {
    }

    /** What an import changes (or would), how many rows change nothing, and each row's refusal. */
    public record ImportReport(List<ImportedChange> changes, int unchanged, List<RowError> errors) {
    }

    public record ImportedChange(int row, String indicatorCode, IndicatorValue from, IndicatorValue to,
                                 List<DocumentRef> evidence) {
    }

    /** A row's refusal: the field as the API names it (e.g. {@code value.numerator}), for the edge to name its column. */
    public record RowError(int row, String indicatorCode, String field, String code, String messageVi, String messageEn) {
    }

    /**
     * A file of evidence for one indicator, already received and checked (its content is kept in the same transaction
     * as the event, by the command side); {@code replaces} names a file of the indicator it replaces, or is null.
     */
    public record AttachEvidenceFile(@TargetAggregateIdentifier AssessmentId assessmentId, String indicatorCode,
                                     EvidenceFile file, String replaces, ActedBy actedBy) {
    }

    public record SubmitSelfAssessment(@TargetAggregateIdentifier AssessmentId assessmentId, DocumentRef report,
                                       ActedBy actedBy) {
    }

    public record StartAppraisal(@TargetAggregateIdentifier AssessmentId assessmentId, ActedBy actedBy) {
    }

    public record AppraiseIndicator(@TargetAggregateIdentifier AssessmentId assessmentId, String indicatorCode,
                                    IndicatorValue value, String note, ActedBy actedBy) {
    }

    /** The appraising unit hands the appraisal to a council: members by pillar, a lead who concludes. */
    public record AssignAppraisalCouncil(@TargetAggregateIdentifier AssessmentId assessmentId, String lead,
                                         List<AppraisalCouncilAssigned.Member> members, DocumentRef document,
                                         ActedBy actedBy) {
        public AssignAppraisalCouncil {
            members = members == null ? List.of() : List.copyOf(members);
        }
    }

    public record ConcludeAppraisal(@TargetAggregateIdentifier AssessmentId assessmentId, DocumentRef document,
                                    ActedBy actedBy) {
    }

    /** @param indicators a reason for each indicator concerned; {@code reason} is the general one */
    public record ReturnForRevision(@TargetAggregateIdentifier AssessmentId assessmentId, String reason,
                                    List<AssessmentReturnedWithReasons.IndicatorReason> indicators,
                                    DocumentRef document, ActedBy actedBy) {
        public ReturnForRevision {
            indicators = indicators == null ? List.of() : List.copyOf(indicators);
        }
    }

    /** The commune's comment on one indicator; an empty one clears it. */
    public record CommentOnIndicator(@TargetAggregateIdentifier AssessmentId assessmentId, String indicatorCode,
                                     String comment, ActedBy actedBy) {
    }

    /** The commune's explanation of one reason of the latest return (an empty code: the general reason). */
    public record AnswerReturn(@TargetAggregateIdentifier AssessmentId assessmentId, String indicatorCode, String answer,
                               ActedBy actedBy) {
    }

    /** The commune takes its submission back to correct it, before the appraisal starts. */
    public record WithdrawSubmission(@TargetAggregateIdentifier AssessmentId assessmentId, String reason, ActedBy actedBy) {
    }

    /** The department takes an appraisal concluded Đạt into its review. */
    public record AcceptForReview(@TargetAggregateIdentifier AssessmentId assessmentId, String note, ActedBy actedBy) {
    }

    /** The department sends an appraisal back to the appraiser, with a general reason, a reason per indicator, or both. */
    public record SendBackToAppraiser(@TargetAggregateIdentifier AssessmentId assessmentId, String reason,
                                      List<AssessmentReturnedWithReasons.IndicatorReason> indicators, ActedBy actedBy) {
        public SendBackToAppraiser {
            indicators = indicators == null ? List.of() : List.copyOf(indicators);
        }
    }

    /** The department's inspection on site, with the values it found where they differ from the appraisal's. */
    public record RecordInspection(@TargetAggregateIdentifier AssessmentId assessmentId, LocalDate inspectedOn,
                                   List<String> members, String findings,
                                   List<OnSiteInspectionRecorded.Correction> corrections, ActedBy actedBy) {
        public RecordInspection {
            members = members == null ? List.of() : List.copyOf(members);
            corrections = corrections == null ? List.of() : List.copyOf(corrections);
        }
    }

    /**
     * One proposal (tờ trình) of the department listing many communes of a year: each listed assessment records its
     * proposal, all together or none ({@link RecognitionDecisions}).
     */
    public record ProposeForRecognition(int year, DocumentRef proposal, List<AssessmentId> assessments, ActedBy actedBy) {
        public ProposeForRecognition {
            assessments = assessments == null ? List.of() : List.copyOf(assessments);
        }
    }

    /**
     * The chairman's decision over one proposal: for each commune it lists, recognised or declined (with a reason),
     * recorded together or not at all ({@link RecognitionDecisions}).
     */
    public record DecideOnProposal(int year, String proposalNumber, DocumentRef decision, List<Outcome> outcomes,
                                   ActedBy actedBy) {
        public DecideOnProposal {
            outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
        }

        public record Outcome(AssessmentId assessmentId, boolean recognised, String reason) {
        }
    }

    /** The chairman's decision on one proposed commune. */
    public record RecogniseCommune(@TargetAggregateIdentifier AssessmentId assessmentId, DocumentRef decision,
                                   ActedBy actedBy) {
    }

    /** A later decision corrects what the decision {@code corrected} decided for this commune. */
    public record CorrectRecognitionDecision(@TargetAggregateIdentifier AssessmentId assessmentId, String corrected,
                                             DocumentRef decision, boolean recognised, String reason, ActedBy actedBy) {
    }

    /** Carry an open assessment to a successor of its commune, by provincial decision. */
    /** @param mapDate the day whose map tells who appraises the successor */
    public record TransferAssessment(@TargetAggregateIdentifier AssessmentId assessmentId, UnitId toCommune,
                                     LocalDate mapDate, DocumentRef decision, ActedBy actedBy) {
    }

    /** Close an open assessment whose commune was reorganised, by provincial decision. */
    public record CloseAsSuperseded(@TargetAggregateIdentifier AssessmentId assessmentId, DocumentRef decision,
                                    String reason, ActedBy actedBy) {
    }

    public record RevokeRecognition(@TargetAggregateIdentifier AssessmentId assessmentId, DocumentRef decision,
                                    String reason, ActedBy actedBy) {
    }

    /**
     * Asked of every assessment under a framework whose points were amended: does the concluded verdict still hold?
     * Sent by {@link VerdictReviews}, as the person who amended the points.
     */
    public record ReviewVerdict(@TargetAggregateIdentifier AssessmentId assessmentId, String frameworkId,
                                DocumentRef amendment, ActedBy actedBy) {
    }

    /** The province keeps a recognition whose verdict an amendment put in question, by decision. */
    public record ConfirmRecognition(@TargetAggregateIdentifier AssessmentId assessmentId, DocumentRef decision,
                                     ActedBy actedBy) {
    }
}
