package vn.thanhhoa.cds.infra.files;

import java.util.List;

/**
 * The province's self-assessment table as the platform writes it (the template) and reads it back (the import): one
 * sheet of rows under a fixed header, and a very hidden sheet naming the assessment, commune, year and framework. One
 * layout for both sides, so that a template the platform wrote is always one it can read.
 */
public final class SelfAssessmentSheet {
    public static final String SHEET = "Tự đánh giá";
    public static final String META = "_mau";
    /** Zero-based, as Apache POI counts: the header on Excel's row 4, the first data row on row 5. */
    public static final int HEADER_ROW = 3;
    public static final int FIRST_ROW = 4;
    public static final List<String> HEADER = List.of("STT", "Mã chỉ tiêu", "Chỉ tiêu", "Mục tiêu", "Tử số", "Mẫu số",
            "Có/Không", "Đang triển khai (x)", "Số văn bản minh chứng", "Ngày văn bản (dd/mm/yyyy)");
    public static final int CODE = 1, NUMERATOR = 4, DENOMINATOR = 5, YES_NO = 6, IN_PROGRESS = 7, DOCUMENTS = 8, DATES = 9;
    /** Several documents in one cell, in the same order in both cells: "12/KH-UBND; 255/BC-UBND". */
    public static final String SEPARATOR = "; ";
    public static final String YES = "Có", NO = "Không", MARK = "x";
    /** The hidden sheet's facts, one per row: name in column A, value in column B. */
    public static final String ASSESSMENT_ID = "assessmentId", COMMUNE = "commune", COMMUNE_CODE = "code", YEAR = "year",
            FRAMEWORK_ID = "frameworkId";

    private SelfAssessmentSheet() {
    }

    /** Excel's name for a column: 0 → A. */
    public static String column(int index) {
        return String.valueOf((char) ('A' + index));
    }
}
