package vn.thanhhoa.cds.events.criteria;

/** Status of one indicator, as the reports write it. */
public enum IndicatorStatus {
    /** Đạt — met */
    DAT("Đạt", "Met"),
    /** Chưa đạt — not met */
    CHUA_DAT("Chưa đạt", "Not met"),
    /** Đang triển khai — in progress, no value yet */
    DANG_TRIEN_KHAI("Đang triển khai", "In progress"),
    /** Chưa đánh giá — nothing reported yet */
    CHUA_DANH_GIA("Chưa đánh giá", "Not assessed");

    private final String vi;
    private final String en;

    IndicatorStatus(String vi, String en) {
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
