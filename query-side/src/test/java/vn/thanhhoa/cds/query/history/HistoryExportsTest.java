package vn.thanhhoa.cds.query.history;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryExportsTest {

    /** What a spreadsheet would run as a formula, however it is dressed: behind spaces, in full-width characters. */
    @Test
    void aCellAFormulaHidesInIsGuarded() {
        for (String formula : new String[]{"=1+1", " =HYPERLINK(\"http://x\")", "\u00A0\u00A0=1", "＝1+1", "＋1", "－1", "＠SUM(A1)",
                "+84 912", "-1", "@x", "\t=1", "\r=1", "\u3000＝1"}) {
            assertThat(vn.thanhhoa.cds.query.common.SpreadsheetCells.formulaLike(formula)).as(formula).isTrue();
        }
        for (String text : new String[]{"255/BC-UBND", "Nguyễn Thị Hà", "1=1", "", "  ", "Đạt = 741,4 điểm"}) {
            assertThat(vn.thanhhoa.cds.query.common.SpreadsheetCells.formulaLike(text)).as(text).isFalse();
        }
    }
}
