package vn.thanhhoa.cds.query.history;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import vn.thanhhoa.cds.query.common.SpreadsheetCells;
import vn.thanhhoa.cds.query.common.VietnameseFormat;
import vn.thanhhoa.cds.query.history.HistoryEntries.Entry;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The history as a file for the auditors, CSV or Excel, written as its pages are read: a row is never held longer than
 * its page, however long the history.
 */
final class HistoryExports {
    private HistoryExports() {
    }

    enum Format {
        CSV("text/csv;charset=UTF-8", "lich-su.csv"),
        XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "lich-su.xlsx");

        final String contentType;
        final String fileName;

        Format(String contentType, String fileName) {
            this.contentType = contentType;
            this.fileName = fileName;
        }
    }

    private static final String[] HEADER = {"Thứ tự / #", "Thời điểm / at", "Sự kiện / event", "Hồ sơ / assessment",
            "Người / subject", "Vai trò / role", "Đơn vị / unit", "Chỉ tiêu / indicator", "Trước / before", "Sau / after",
            "Văn bản / document", "Điểm tự đánh giá trước / self-assessment points before",
            "Điểm tự đánh giá sau / self-assessment points after", "Điểm thẩm định trước / appraisal points before",
            "Điểm thẩm định sau / appraisal points after", "Chỉ tiêu đạt trước / indicators met before",
            "Chỉ tiêu đạt sau / indicators met after"};

    static void write(Format format, Iterable<List<Entry>> pages, OutputStream out) throws IOException {
        switch (format) {
            case CSV -> csv(pages, out);
            case XLSX -> xlsx(pages, out);
        }
    }

    private static List<String> cells(Entry e) {
        List<String> cells = new ArrayList<>();
        cells.add(Long.toString(e.globalIndex()));
        cells.add(e.atDisplay());
        cells.add(e.event());
        cells.add(e.assessmentId());
        cells.add(e.subject());
        cells.add(e.role());
        cells.add(e.unit());
        cells.add(e.indicatorCode());
        cells.add(e.before());
        cells.add(e.after());
        cells.add(e.document());
        for (BigDecimal points : new BigDecimal[]{e.selfPointsBefore(), e.selfPointsAfter(), e.appraisedPointsBefore(),
                e.appraisedPointsAfter()}) {
            cells.add(points == null ? null : VietnameseFormat.points(points));
        }
        cells.add(e.selfMetBefore() == null ? null : e.selfMetBefore().toString());
        cells.add(e.selfMetAfter() == null ? null : e.selfMetAfter().toString());
        return cells;
    }

    /** RFC 4180, with a byte-order mark so that Excel reads the Vietnamese letters as UTF-8. */
    private static void csv(Iterable<List<Entry>> pages, OutputStream stream) throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
        out.write("\uFEFF");
        out.write(String.join(",", List.of(HEADER).stream().map(HistoryExports::quoted).toList()) + "\r\n");
        for (List<Entry> page : pages) {
            for (Entry e : page) {
                out.write(String.join(",", cells(e).stream().map(HistoryExports::quoted).toList()) + "\r\n");
            }
        }
        out.flush();
    }

    private static String quoted(String value) {
        return SpreadsheetCells.csv(value);
    }

    /** Streamed (SXSSF): the rows go to a temporary file 500 at a time, and the workbook is written out from it. */
    private static void xlsx(Iterable<List<Entry>> pages, OutputStream out) throws IOException {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(500)) {
            Sheet sheet = workbook.createSheet("Lịch sử");
            Row header = sheet.createRow(0);
            for (int c = 0; c < HEADER.length; c++) {
                header.createCell(c).setCellValue(HEADER[c]);
            }
            int r = 1;
            for (List<Entry> page : pages) {
                for (Entry e : page) {
                    Row row = sheet.createRow(r++);
                    List<String> cells = cells(e);
                    row.createCell(0).setCellValue(e.globalIndex());
                    for (int c = 1; c < cells.size(); c++) {
                        row.createCell(c).setCellValue(cells.get(c) == null ? "" : cells.get(c));
                    }
                }
            }
            workbook.write(out);
            workbook.dispose();
        }
    }
}
