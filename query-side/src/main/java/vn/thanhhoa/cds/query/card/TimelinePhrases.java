package vn.thanhhoa.cds.query.card;

import vn.thanhhoa.cds.query.common.ValuePhrases;
import vn.thanhhoa.cds.query.common.VietnameseFormat;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A timeline row's facts phrased for the reader, in Vietnamese and in English: the read model keeps what happened,
 * and a wording changes here without a rebuild.
 */
final class TimelinePhrases {
    private TimelinePhrases() {
    }

    static String vi(String type, JsonNode f) {
        return switch (type) {
            case "AssessmentRegistered" -> "Đăng ký đánh giá năm " + text(f, "year") + " theo bộ tiêu chí " + text(f, "framework");
            case "IndicatorValueReported" -> "Cập nhật chỉ tiêu " + text(f, "indicator") + ": " + ValuePhrases.vi(text(f, "value"));
            case "IndicatorAppraised" -> "Thẩm định chỉ tiêu " + text(f, "indicator") + ": " + ValuePhrases.vi(text(f, "value"));
            case "SelfAssessmentSubmitted" -> "Nộp báo cáo tự đánh giá số " + text(f, "document");
            case "AppraisalStarted" -> "Bắt đầu thẩm định";
            case "AppraisalConcluded" -> "Kết luận thẩm định: " + (f.path("passed").asBoolean() ? "Đạt" : "Không đạt")
                    + " (" + text(f, "score") + "), văn bản " + text(f, "document");
            case "AssessmentReturnedForRevision" -> "Trả lại hồ sơ: " + text(f, "reason");
            case "AssessmentReturnedWithReasons" -> withReasons("Trả lại hồ sơ", "; chỉ tiêu ", f);
            case "ReturnAnswered" -> (f.has("indicator") ? "Giải trình chỉ tiêu " + text(f, "indicator") : "Giải trình lý do chung")
                    + ": " + text(f, "answer");
            case "IndicatorCommented" -> "Ghi chú chỉ tiêu " + text(f, "indicator")
                    + (text(f, "comment").isEmpty() ? ": (xóa ghi chú)" : ": " + text(f, "comment"));
            case "SelfAssessmentWithdrawn" -> "Rút lại báo cáo tự đánh giá để chỉnh sửa"
                    + (f.has("reason") ? ": " + text(f, "reason") : "");
            case "EvidenceFileAttached" -> "Đính kèm minh chứng chỉ tiêu " + text(f, "indicator") + ": " + text(f, "name")
                    + " (" + kilobytes(f) + " KB)" + (f.has("replaces") ? ", thay tệp trước" : "");
            case "AppraisalCouncilAssigned" -> council("Giao hội đồng thẩm định, chủ trì ", "trụ cột", f);
            case "AppraisalAcceptedForReview" -> "Sở tiếp nhận xem xét kết quả thẩm định Đạt"
                    + (f.has("note") ? ": " + text(f, "note") : "");
            case "AppraisalSentBack" -> withReasons("Sở trả lại đơn vị thẩm định", "; chỉ tiêu ", f);
            case "OnSiteInspectionRecorded" -> {
                StringBuilder phrase = new StringBuilder("Kiểm tra thực tế ngày ").append(dateVi(text(f, "date")))
                        .append(": ").append(f.path("passed").asBoolean() ? "Đạt" : "Không đạt")
                        .append(" (").append(VietnameseFormat.number(new java.math.BigDecimal(text(f, "score")))).append(")");
                f.path("corrections").forEach(c -> phrase.append("; điều chỉnh chỉ tiêu ").append(text(c, "indicator"))
                        .append(": ").append(ValuePhrases.vi(text(c, "value"))));
                yield phrase.append(". ").append(text(f, "findings")).toString();
            }
            case "ProposedForRecognition" -> "Đề nghị công nhận tại tờ trình " + text(f, "document");
            case "RecognitionDeclined" -> "Không công nhận theo quyết định " + text(f, "document") + ": " + text(f, "reason");
            case "RecognitionDecisionCorrected" -> "Quyết định " + text(f, "document") + " đính chính quyết định "
                    + text(f, "corrected") + ": " + (f.path("recognised").asBoolean() ? "công nhận" : "không công nhận")
                    + " (" + text(f, "reason") + ")";
            case "CommuneRecognised" -> "Công nhận theo quyết định " + text(f, "document");
            case "RecognitionRevoked" -> "Thu hồi công nhận theo quyết định " + text(f, "document") + ": " + text(f, "reason");
            case "VerdictInvalidatedByAmendment" -> "Kết luận " + (f.path("passed").asBoolean() ? "Đạt" : "Không đạt")
                    + " cần xem xét lại: theo điểm đã đính chính (" + text(f, "document") + ") kết quả là "
                    + (f.path("passed").asBoolean() ? "Không đạt" : "Đạt") + " (" + text(f, "score") + ")";
            case "RecognitionConfirmedAfterAmendment" -> "Giữ công nhận sau đính chính điểm theo quyết định " + text(f, "document");
            case "AssessmentTransferred" -> "Chuyển hồ sơ từ " + text(f, "from") + " sang " + text(f, "to") + " theo "
                    + text(f, "document");
            case "AssessmentClosedAsSuperseded" -> "Đóng hồ sơ do sắp xếp đơn vị hành chính theo " + text(f, "document")
                    + ": " + text(f, "reason");
            default -> type;
        };
    }

    static String en(String type, JsonNode f) {
        return switch (type) {
            case "AssessmentRegistered" -> "Registered for " + text(f, "year") + " under the framework " + text(f, "framework");
            case "IndicatorValueReported" -> "Indicator " + text(f, "indicator") + " reported: " + ValuePhrases.en(text(f, "value"));
            case "IndicatorAppraised" -> "Indicator " + text(f, "indicator") + " appraised: " + ValuePhrases.en(text(f, "value"));
            case "SelfAssessmentSubmitted" -> "Self-assessment report " + text(f, "document") + " submitted";
            case "AppraisalStarted" -> "Appraisal started";
            case "AppraisalConcluded" -> "Appraisal concluded: " + (f.path("passed").asBoolean() ? "passed" : "not passed")
                    + " (" + text(f, "score") + "), document " + text(f, "document");
            case "AssessmentReturnedForRevision" -> "Returned for revision: " + text(f, "reason");
            case "AssessmentReturnedWithReasons" -> withReasons("Returned for revision", "; indicator ", f);
            case "ReturnAnswered" -> (f.has("indicator") ? "Answered for indicator " + text(f, "indicator")
                    : "Answered the general reason") + ": " + text(f, "answer");
            case "IndicatorCommented" -> "Comment on indicator " + text(f, "indicator")
                    + (text(f, "comment").isEmpty() ? ": (cleared)" : ": " + text(f, "comment"));
            case "SelfAssessmentWithdrawn" -> "Self-assessment withdrawn to be corrected"
                    + (f.has("reason") ? ": " + text(f, "reason") : "");
            case "EvidenceFileAttached" -> "Evidence attached to indicator " + text(f, "indicator") + ": " + text(f, "name")
                    + " (" + kilobytes(f) + " KB)" + (f.has("replaces") ? ", replacing the earlier file" : "");
            case "AppraisalCouncilAssigned" -> council("Appraisal council assigned, led by ", "pillars", f);
            case "AppraisalAcceptedForReview" -> "The department took the passed appraisal into its review"
                    + (f.has("note") ? ": " + text(f, "note") : "");
            case "AppraisalSentBack" -> withReasons("Sent back to the appraiser by the department", "; indicator ", f);
            case "OnSiteInspectionRecorded" -> {
                StringBuilder phrase = new StringBuilder("On-site inspection of ").append(text(f, "date")).append(": ")
                        .append(f.path("passed").asBoolean() ? "passed" : "not passed").append(" (").append(text(f, "score")).append(")");
                f.path("corrections").forEach(c -> phrase.append("; indicator ").append(text(c, "indicator"))
                        .append(" corrected: ").append(ValuePhrases.en(text(c, "value"))));
                yield phrase.append(". ").append(text(f, "findings")).toString();
            }
            case "ProposedForRecognition" -> "Proposed for recognition in " + text(f, "document");
            case "RecognitionDeclined" -> "Not recognised by decision " + text(f, "document") + ": " + text(f, "reason");
            case "RecognitionDecisionCorrected" -> "Decision " + text(f, "document") + " corrected decision "
                    + text(f, "corrected") + ": " + (f.path("recognised").asBoolean() ? "recognised" : "not recognised")
                    + " (" + text(f, "reason") + ")";
            case "CommuneRecognised" -> "Recognised by decision " + text(f, "document");
            case "RecognitionRevoked" -> "Recognition revoked by decision " + text(f, "document") + ": " + text(f, "reason");
            case "VerdictInvalidatedByAmendment" -> "Verdict " + (f.path("passed").asBoolean() ? "passed" : "not passed")
                    + " in question: on the amended points (" + text(f, "document") + ") the result is "
                    + (f.path("passed").asBoolean() ? "not passed" : "passed") + " (" + text(f, "score") + ")";
            case "RecognitionConfirmedAfterAmendment" -> "Recognition kept after the points' amendment, by decision "
                    + text(f, "document");
            case "AssessmentTransferred" -> "Transferred from " + text(f, "from") + " to " + text(f, "to") + " by "
                    + text(f, "document");
            case "AssessmentClosedAsSuperseded" -> "Closed as superseded by the reorganisation, by " + text(f, "document")
                    + ": " + text(f, "reason");
            default -> type;
        };
    }

    /** Why a score changed, in Vietnamese: the event that scored and its document. */
    static String causeVi(String type, String document) {
        return switch (type) {
            case "SelfAssessmentSubmitted" -> "Nộp báo cáo " + document;
            case "AppraisalConcluded" -> "Kết luận thẩm định " + document;
            case "OnSiteInspectionRecorded" -> "Kiểm tra thực tế ngày " + dateVi(document);
            case "FrameworkPointsAmended" -> "Đính chính điểm " + document;
            default -> type;
        };
    }

    static String causeEn(String type, String document) {
        return switch (type) {
            case "SelfAssessmentSubmitted" -> "Self-assessment report " + document + " submitted";
            case "AppraisalConcluded" -> "Appraisal concluded " + document;
            case "OnSiteInspectionRecorded" -> "On-site inspection of " + document;
            case "FrameworkPointsAmended" -> "Points amended by " + document;
            default -> type;
        };
    }

    private static String kilobytes(JsonNode f) {
        return VietnameseFormat.number(java.math.BigDecimal.valueOf(Math.max(1, (f.path("size").asLong() + 1023) / 1024)));
    }

    /** The council's lead, then each member with their pillars. */
    private static String council(String assigned, String pillarsWord, JsonNode f) {
        StringBuilder phrase = new StringBuilder(assigned).append(text(f, "lead"));
        f.path("members").forEach(m -> phrase.append("; ").append(text(m, "member")).append(": ").append(pillarsWord)
                .append(" ").append(text(m, "pillars")));
        return phrase.toString();
    }

    /** What was done, its general reason if any, then each indicator's reason. */
    private static String withReasons(String done, String indicatorWord, JsonNode f) {
        StringBuilder phrase = new StringBuilder(done);
        if (f.has("reason")) {
            phrase.append(": ").append(text(f, "reason"));
        }
        f.path("indicators").forEach(r -> phrase.append(indicatorWord).append(text(r, "indicator")).append(": ")
                .append(text(r, "reason")));
        return phrase.toString();
    }

    /** 2023-06-22 → 22/06/2023 */
    private static String dateVi(String iso) {
        return iso.isEmpty() ? iso : VietnameseFormat.date(java.time.LocalDate.parse(iso));
    }

    private static String text(JsonNode facts, String key) {
        return facts.path(key).asText("");
    }
}
