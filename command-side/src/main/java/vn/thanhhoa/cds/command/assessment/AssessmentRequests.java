package vn.thanhhoa.cds.command.assessment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import vn.thanhhoa.cds.events.assessment.AppraisalCouncilAssigned;
import vn.thanhhoa.cds.events.assessment.AssessmentReturnedWithReasons;
import vn.thanhhoa.cds.events.assessment.OnSiteInspectionRecorded;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.common.Limits;
import vn.thanhhoa.cds.infra.validation.Bounded;
import vn.thanhhoa.cds.events.criteria.IndicatorValue;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static vn.thanhhoa.cds.events.common.Bound.*;

/** The JSON bodies of the assessment endpoints; each field within its domain ({@link Limits}). */
public final class AssessmentRequests {
    private AssessmentRequests() {
    }

    /**
     * @param frameworkId may be left out: the year's framework is the one the province assigned (another is refused)
     * @param asOf        the day whose map names the commune (to record a past year); by default the year's last day, or today
     */
    public record Register(@Bounded(YEAR) Integer year, @Bounded(IDENTIFIER) String frameworkId, @Bounded(DATE) LocalDate asOf) {
    }

    /** @param toCommuneCode the successor's code, in force on the reorganisation's date */
    public record Transfer(@Bounded(CODE) String toCommuneCode, @Bounded(DATE) LocalDate asOf, @Valid Document decision) {
    }

    /** A list's entries, none of them null (JSON's {@code [null]}): a null is refused at its place. */
    static <T> List<T> items(List<T> list, String field) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new ProblemException(ProblemKind.INVALID, "MISSING_ITEM", field + "[" + i + "]",
                        "Mục thứ " + (i + 1) + " của '" + field + "' bị trống.", "Entry " + i + " of '" + field + "' is empty.");
            }
        }
        return list;
    }

    /** A document as the request names it: number (số văn bản), date (yyyy-MM-dd), title. */
    public record Document(@Bounded(DOCUMENT_NUMBER) String number, @Bounded(DATE) LocalDate date, @Bounded(TITLE) String title) {
        public DocumentRef toRef(String field) {
            if (number == null || number.isBlank()) {
                throw new ProblemException(ProblemKind.INVALID, "MISSING_DOCUMENT", field + ".number",
                        "Cần số văn bản.", "A document number is required.");
            }
            return new DocumentRef(number.trim(), date, title);
        }

        public static DocumentRef toRef(Document document, String field) {
            if (document == null) {
                throw new ProblemException(ProblemKind.INVALID, "MISSING_DOCUMENT", field,
                        "Cần số văn bản.", "A document number is required.");
            }
            return document.toRef(field);
        }
    }

    /**
     * A value: {@code {"measure":"RATIO","numerator":31,"denominator":31}}, {@code {"measure":"BOOLEAN","value":true}}
     * or {@code {"measure":"IN_PROGRESS"}}; with its evidence.
     */
    public record Value(@Bounded(CODE) String measure, @Bounded(COUNT) BigDecimal numerator,
                        @Bounded(COUNT) BigDecimal denominator, Boolean value, @Bounded(REASON) String note,
                        @Size(max = Limits.EVIDENCE_PER_VALUE) List<@Valid Document> evidence) {
        public IndicatorValue toValue() {
            if (measure == null) {
                throw new ProblemException(ProblemKind.INVALID, "MISSING_MEASURE", "measure",
                        "Cần loại giá trị: RATIO, BOOLEAN hoặc IN_PROGRESS.", "measure is required: RATIO, BOOLEAN or IN_PROGRESS.");
            }
            return switch (measure) {
                case "RATIO" -> new IndicatorValue.Ratio(numerator, denominator);
                case "BOOLEAN" -> {
                    if (value == null) {
                        throw new ProblemException(ProblemKind.INVALID, "MISSING_VALUE", "value",
                                "Cần giá trị có/không (true/false).", "value (true/false) is required.");
                    }
                    yield new IndicatorValue.YesNo(value);
                }
                case "IN_PROGRESS" -> new IndicatorValue.InProgress();
                default -> throw new ProblemException(ProblemKind.INVALID, "WRONG_MEASURE", "measure",
                        "Loại giá trị không hợp lệ: " + measure + " (RATIO, BOOLEAN, IN_PROGRESS).",
                        "Unknown measure " + measure + " (RATIO, BOOLEAN, IN_PROGRESS).");
            };
        }

        public List<DocumentRef> evidenceRefs() {
            if (evidence == null) {
                return List.of();
            }
            return java.util.stream.IntStream.range(0, evidence.size())
                    .mapToObj(i -> Document.toRef(evidence.get(i), "evidence[" + i + "]")).toList();
        }
    }

    public record Submit(@Bounded(DOCUMENT_NUMBER) String reportNumber, @Bounded(DATE) LocalDate reportDate, @Bounded(TITLE) String title) {
    }

    /** @param indicators a reason per indicator returned (a return), each {@code {"indicatorCode":"1.1","reason":"…"}} */
    public record Decision(@Valid Document document, @Bounded(REASON) String reason,
                           @Size(max = Limits.INDICATORS) List<@Valid IndicatorReason> indicators) {
        List<AssessmentReturnedWithReasons.IndicatorReason> indicatorReasons() {
            return indicators == null ? List.of() : items(indicators, "indicators").stream()
                    .map(r -> new AssessmentReturnedWithReasons.IndicatorReason(r.indicatorCode(), r.reason())).toList();
        }
    }

    public record IndicatorReason(@Bounded(CODE) String indicatorCode, @Bounded(REASON) String reason) {
    }

    /** An appraisal council: its lead and members (accounts, as their identities name them) with their pillars. */
    public record Council(@Bounded(SUBJECT) String lead,
                          @Size(max = Limits.COUNCIL_MEMBERS) List<@Valid CouncilMember> members, @Valid Document document) {
        public List<AppraisalCouncilAssigned.Member> assigned() {
            List<CouncilMember> named = members == null ? List.of() : items(members, "members");
            return java.util.stream.IntStream.range(0, named.size()).mapToObj(i -> new AppraisalCouncilAssigned.Member(
                    named.get(i).subject(), named.get(i).pillars() == null ? List.of()
                    : items(named.get(i).pillars(), "members[" + i + "].pillars"))).toList();
        }
    }

    public record CouncilMember(@Bounded(SUBJECT) String subject,
                                @Size(max = Limits.PILLARS) List<@Bounded(CODE) String> pillars) {
    }

    /** The department takes an appraisal into its review, with a note. */
    public record Review(@Bounded(REASON) String note) {
    }

    /**
     * An inspection on site: its date, the delegation (units and positions, as the minutes name them), the findings,
     * and the indicators whose value it found otherwise.
     */
    public record Inspection(@Bounded(DATE) LocalDate inspectedOn,
                             @Size(max = Limits.INSPECTION_MEMBERS) List<@Bounded(TITLE) String> members,
                             @Bounded(REASON) String findings,
                             @Size(max = Limits.INDICATORS) List<@Valid InspectedValue> corrections) {
        public List<String> membersNamed() {
            return members == null ? List.of() : items(members, "members");
        }

        public List<OnSiteInspectionRecorded.Correction> correctionsFound() {
            if (corrections == null) {
                return List.of();
            }
            items(corrections, "corrections");
            return java.util.stream.IntStream.range(0, corrections.size()).mapToObj(i -> {
                InspectedValue found = corrections.get(i);
                try {
                    Value value = new Value(found.measure(), found.numerator(), found.denominator(), found.value(), null, null);
                    return new OnSiteInspectionRecorded.Correction(found.indicatorCode(), value.toValue(), found.note());
                } catch (ProblemException refused) {
                    throw new ProblemException(refused.kind(), refused.code(), "corrections[" + i + "]." + refused.field(),
                            refused.messageVi(), refused.messageEn());
                }
            }).toList();
        }
    }

    /** The value an inspection found for one indicator, as a {@link Value} is written, and why. */
    public record InspectedValue(@Bounded(CODE) String indicatorCode, @Bounded(CODE) String measure,
                                 @Bounded(COUNT) BigDecimal numerator, @Bounded(COUNT) BigDecimal denominator,
                                 Boolean value, @Bounded(REASON) String note) {
    }

    /** A proposal (tờ trình) of the department listing communes of a year by code. */
    public record Proposal(@Bounded(YEAR) Integer year, @Valid Document document,
                           @Size(max = Limits.COMMUNES_PER_ACT) List<@Bounded(CODE) String> communes) {
    }

    /** The chairman's decision over a proposal: for each commune it lists, recognised or not (with a reason). */
    public record ProposalDecision(@Bounded(YEAR) Integer year, @Bounded(DOCUMENT_NUMBER) String proposalNumber,
                                   @Valid Document document,
                                   @Size(max = Limits.COMMUNES_PER_ACT) List<@Valid Outcome> outcomes) {
    }

    public record Outcome(@Bounded(CODE) String code, Boolean recognised, @Bounded(REASON) String reason) {
    }

    /** A later decision that corrects the decision {@code corrected} for one commune. */
    public record DecisionCorrection(@Bounded(DOCUMENT_NUMBER) String corrected, @Valid Document document,
                                     Boolean recognised, @Bounded(REASON) String reason) {
    }

    public record Withdrawal(@Bounded(REASON) String reason) {
    }

    public record Comment(@Bounded(REASON) String comment) {
    }

    public record Answer(@Bounded(CODE) String indicatorCode, @Bounded(REASON) String answer) {
    }
}
