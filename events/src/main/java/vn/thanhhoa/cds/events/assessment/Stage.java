package vn.thanhhoa.cds.events.assessment;

/** Where a commune's assessment for a year stands. */
public enum Stage {
    REGISTERED("Đã đăng ký", "Registered"),
    SUBMITTED("Đã nộp tự đánh giá", "Self-assessment submitted"),
    /** taken back by the commune before the appraisal started, to correct and submit again */
    WITHDRAWN("Đã rút lại để chỉnh sửa", "Withdrawn for correction"),
    UNDER_APPRAISAL("Đang thẩm định", "Under appraisal"),
    APPRAISED_PASS("Thẩm định Đạt", "Appraised: pass"),
    APPRAISED_FAIL("Thẩm định Không đạt", "Appraised: fail"),
    RETURNED("Trả lại để bổ sung", "Returned for revision"),
    /** taken into the department's review: inspection on site, then a proposal to the chairman */
    IN_REVIEW("Sở đang xem xét, kiểm tra", "In the department's review"),
    PROPOSED("Đã đề nghị công nhận", "Proposed for recognition"),
    RECOGNISED("Đã công nhận", "Recognised"),
    /** the chairman's decision over the proposal did not recognise it */
    DECLINED("Không công nhận", "Recognition declined"),
    REVOKED("Đã thu hồi công nhận", "Recognition revoked"),
    SUPERSEDED("Đã đóng do sắp xếp đơn vị hành chính", "Closed: commune reorganised");

    private final String vi;
    private final String en;

    Stage(String vi, String en) {
        this.vi = vi;
        this.en = en;
    }

    public String vi() {
        return vi;
    }

    public String en() {
        return en;
    }
}
