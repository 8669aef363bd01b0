package vn.thanhhoa.cds.command.assessment;

import vn.thanhhoa.cds.events.assessment.Stage;
import vn.thanhhoa.cds.events.common.Rejection;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static vn.thanhhoa.cds.events.assessment.Stage.*;

/**
 * The lifecycle: REGISTERED → (updates) → SUBMITTED (→ WITHDRAWN → updates → SUBMITTED) → UNDER_APPRAISAL →
 * APPRAISED_PASS | APPRAISED_FAIL | RETURNED (→ updates → SUBMITTED …); a pass goes to the department's review:
 * IN_REVIEW (inspection on site; or sent back → UNDER_APPRAISAL) → PROPOSED → by the chairman's decision RECOGNISED
 * (→ REVOKED) or DECLINED, either one corrected by a later decision. A step asked out of turn answers 409 with the
 * current stage.
 */
public enum StagePolicy {
    REPORT("báo cáo giá trị chỉ tiêu", "report an indicator value", EnumSet.of(REGISTERED, RETURNED, WITHDRAWN)),
    SUBMIT("nộp báo cáo tự đánh giá", "submit the self-assessment", EnumSet.of(REGISTERED, RETURNED, WITHDRAWN)),
    /** only before the appraisal starts */
    WITHDRAW("rút lại báo cáo đã nộp", "withdraw the submission", EnumSet.of(SUBMITTED)),
    ANSWER_RETURN("giải trình lý do trả lại", "answer the return", EnumSet.of(RETURNED)),
    START_APPRAISAL("bắt đầu thẩm định", "start the appraisal", EnumSet.of(SUBMITTED)),
    ASSIGN_COUNCIL("giao hội đồng thẩm định", "assign an appraisal council", EnumSet.of(SUBMITTED, UNDER_APPRAISAL)),
    APPRAISE("thẩm định chỉ tiêu", "appraise an indicator", EnumSet.of(UNDER_APPRAISAL)),
    CONCLUDE("kết luận thẩm định", "conclude the appraisal", EnumSet.of(UNDER_APPRAISAL)),
    RETURN("trả lại hồ sơ", "return for revision", EnumSet.of(SUBMITTED, UNDER_APPRAISAL, APPRAISED_FAIL)),
    /** the department's review starts from a pass only */
    REVIEW("tiếp nhận xem xét kết quả thẩm định", "take the appraisal into review", EnumSet.of(APPRAISED_PASS)),
    /** also from a proposal, e.g. when an amendment of the points put the verdict in question */
    SEND_BACK("trả lại đơn vị thẩm định", "send back to the appraiser", EnumSet.of(APPRAISED_PASS, IN_REVIEW, PROPOSED)),
    INSPECT("ghi nhận kiểm tra thực tế", "record an on-site inspection", EnumSet.of(IN_REVIEW)),
    /** a proposal lists only communes the department reviewed */
    PROPOSE("đề nghị công nhận", "propose for recognition", EnumSet.of(IN_REVIEW)),
    /** the chairman decides only over a proposal */
    RECOGNISE("quyết định công nhận", "decide on the recognition", EnumSet.of(PROPOSED)),
    CORRECT_DECISION("đính chính quyết định công nhận", "correct the decision", EnumSet.of(RECOGNISED, DECLINED)),
    REVOKE("thu hồi công nhận", "revoke the recognition", EnumSet.of(RECOGNISED)),
    /** only an open assessment follows its commune into a reorganisation */
    TRANSFER("chuyển hồ sơ sang đơn vị kế thừa", "transfer to a successor",
            EnumSet.of(REGISTERED, SUBMITTED, WITHDRAWN, UNDER_APPRAISAL, APPRAISED_PASS, APPRAISED_FAIL, RETURNED,
                    IN_REVIEW, PROPOSED)),
    CLOSE_SUPERSEDED("đóng hồ sơ do sắp xếp đơn vị", "close as superseded",
            EnumSet.of(REGISTERED, SUBMITTED, UNDER_APPRAISAL, APPRAISED_PASS, APPRAISED_FAIL, RETURNED, IN_REVIEW,
                    PROPOSED));

    private final String vi;
    private final String en;
    private final Set<Stage> allowedFrom;

    StagePolicy(String vi, String en, Set<Stage> allowedFrom) {
        this.vi = vi;
        this.en = en;
        this.allowedFrom = allowedFrom;
    }

    public void check(Stage current) {
        if (!allowedFrom.contains(current)) {
            throw new Rejection(Rejection.Reason.CONFLICT, "ILLEGAL_TRANSITION", "stage",
                    "Không thể " + vi + " khi hồ sơ đang ở giai đoạn \"" + current.vi() + "\".",
                    "Cannot " + en + " while the assessment is " + current.name() + ".",
                    Map.of("currentStage", current.name(), "currentStageVi", current.vi()));
        }
    }
}
