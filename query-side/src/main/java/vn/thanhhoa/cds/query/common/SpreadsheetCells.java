package vn.thanhhoa.cds.query.common;

import java.text.Normalizer;

/** Cells every export writes alike: CSV quoting, and text a spreadsheet would run as a formula neutralised. */
public final class SpreadsheetCells {
    private SpreadsheetCells() {
    }

    /** Quoted (RFC 4180), and a cell that a spreadsheet would run as a formula is prefixed with an apostrophe. */
    public static String csv(String value) {
        if (value == null) {
            return "";
        }
        String safe = formulaLike(value) ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }

    /**
     * Whether a spreadsheet would read the cell as a formula: it begins with = + - @ (or a tab or carriage return),
     * also after spaces, and also in their full-width forms (＝ ＋ － ＠), which spreadsheets read as the ASCII ones.
     */
    public static boolean formulaLike(String value) {
        if (!value.isEmpty() && (value.charAt(0) == '\t' || value.charAt(0) == '\r')) {
            return true;
        }
        String folded = Normalizer.normalize(value, Normalizer.Form.NFKC).stripLeading();
        return !folded.isEmpty() && "=+-@".indexOf(folded.charAt(0)) >= 0;
    }
}
