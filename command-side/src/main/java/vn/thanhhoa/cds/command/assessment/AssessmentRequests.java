package vn.thanhhoa.cds.command.assessment;

import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.criteria.IndicatorValue;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The JSON bodies of the assessment endpoints. */
public final class AssessmentRequests {
    private AssessmentRequests() {
    }

    /** @param asOf the day whose map names the commune (to record a past year); by default the year's last day, or today */
    public record Register(Integer year, String frameworkId, LocalDate asOf) {
    }

    /** @param toCommuneCode the successor's code, in force on the reorganisation's date */
    public record Transfer(String toCommuneCode, LocalDate asOf, Document decision) {
    }

    /** A document as the request names it: number (số văn bản), date (yyyy-MM-dd), title. */
    public record Document(String number, LocalDate date, String title) {
        DocumentRef toRef(String field) {
            if (number == null || number.isBlank()) {
                throw new ProblemException(ProblemKind.INVALID, "MISSING_DOCUMENT", field + ".number",
                        "Cần số văn bản.", "A document number is required.");
            }
            return new DocumentRef(number.trim(), date, title);
        }

        static DocumentRef toRef(Document document, String field) {
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
    public record Value(String measure, BigDecimal numerator, BigDecimal denominator, Boolean value, String note,
                        List<Document> evidence) {
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

    public record Submit(String reportNumber, LocalDate reportDate, String title) {
    }

    public record Decision(Document document, String reason) {
    }
}
