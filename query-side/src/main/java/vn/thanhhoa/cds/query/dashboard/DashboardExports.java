package vn.thanhhoa.cds.query.dashboard;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import vn.thanhhoa.cds.query.card.CommuneResults.Recognition;
import vn.thanhhoa.cds.query.dashboard.DashboardViews.CommuneRow;
import vn.thanhhoa.cds.query.dashboard.DashboardViews.DistrictDashboard;
import vn.thanhhoa.cds.query.dashboard.DashboardViews.DistrictRow;
import vn.thanhhoa.cds.query.dashboard.DashboardViews.ProvinceDashboard;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.Function;

/**
 * The dashboards as the committee's Excel files: the figures as numbers (not text), dates as dates, each sheet headed
 * by what it is and when it was computed. Streamed (SXSSF): rows go to a temporary file a hundred at a time, so a
 * national list stays in bounded memory.
 */
final class DashboardExports {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private DashboardExports() {
    }

    /** One named row of a recognition: the commune's name and district on the year's map. */
    record Recognised(Recognition recognition, String name, String district) {
    }

    static void province(ProvinceDashboard d, List<Recognised> recognised, LocalDateTime computedAt, OutputStream out)
            throws IOException {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100)) {
            Styles styles = new Styles(workbook);
            Sheet sheet = workbook.createSheet("Toàn tỉnh " + d.year());
            int r = heading(sheet, styles, "Chuyển đổi số cấp xã — toàn tỉnh, năm " + d.year() + " (bản đồ ngày " + d.mapDate() + ")",
                    computedAt);
            r = pair(sheet, r, styles, "Số xã được công nhận / recognised", d.recognised());
            r = pair(sheet, r, styles, "Chỉ tiêu năm / target", d.target());
            r = pair(sheet, r, styles, "Đã đăng ký / registered", d.registered());
            r = pair(sheet, r, styles, "Đã nộp / submitted", d.submitted());
            r = pair(sheet, r, styles, "Thẩm định Đạt / appraised pass", d.appraisedPass());
            r = pair(sheet, r, styles, "Sở đang xem xét / in review", d.pipeline().inReview());
            r = pair(sheet, r, styles, "Đã đề nghị / proposed", d.pipeline().proposed());
            r = pair(sheet, r, styles, "Không công nhận / declined", d.pipeline().declined());
            r++;
            String[] header = {d.groupedByFormerDistrict() ? "Huyện cũ / former district" : "Huyện / district", "Mã / code",
                    "Số xã / communes", "Đăng ký / registered", "Đã nộp / submitted", "Thẩm định Đạt / appraised pass",
                    "Công nhận / recognised", "Chỉ tiêu / target", "% chỉ tiêu / % of target"};
            r = header(sheet, r, styles, header);
            for (DistrictRow row : d.districtRows()) {
                Row line = sheet.createRow(r++);
                text(line, 0, d.groupedByFormerDistrict() ? row.label() : row.name());
                text(line, 1, row.code());
                number(line, 2, row.communes());
                number(line, 3, row.registered());
                number(line, 4, row.submitted());
                number(line, 5, row.appraisedPass());
                number(line, 6, row.recognised());
                number(line, 7, row.target());
                decimal(line, 8, row.percentOfTarget());
            }
            recognisedSheet(workbook, styles, d.year(), recognised, computedAt);
            workbook.write(out);
            workbook.dispose();
        }
    }

    static void district(DistrictDashboard d, LocalDateTime computedAt, OutputStream out) throws IOException {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100)) {
            Styles styles = new Styles(workbook);
            Sheet sheet = workbook.createSheet("Huyện " + d.district().code());
            int r = heading(sheet, styles, d.label() + " — năm " + d.year(), computedAt);
            r = pair(sheet, r, styles, "Số xã được công nhận / recognised", d.recognised());
            r = pair(sheet, r, styles, "Chỉ tiêu năm / target", d.target());
            r++;
            r = header(sheet, r, styles, new String[]{"Mã / code", "Xã / commune", "Giai đoạn / stage",
                    "Điểm tự đánh giá / self points", "Chỉ tiêu đạt / met", "Đang triển khai / in progress",
                    "Điểm thẩm định / appraised points", "Cần xem xét lại / verdict in question"});
            for (CommuneRow row : d.communeRows()) {
                Row line = sheet.createRow(r++);
                text(line, 0, row.code());
                text(line, 1, row.name());
                text(line, 2, row.stageVi());
                decimal(line, 3, row.selfPoints());
                number(line, 4, row.selfMet());
                number(line, 5, row.selfInProgress());
                decimal(line, 6, row.appraisedPoints());
                text(line, 7, row.verdictInQuestion() ? "Có" : "");
            }
            workbook.write(out);
            workbook.dispose();
        }
    }

    private static void recognisedSheet(SXSSFWorkbook workbook, Styles styles, int year, List<Recognised> recognised,
                                        LocalDateTime computedAt) {
        Sheet sheet = workbook.createSheet("Xã được công nhận");
        int r = heading(sheet, styles, "Danh sách xã được công nhận năm " + year, computedAt);
        r = header(sheet, r, styles, new String[]{"Mã xã (GSO) / code", "Đơn vị theo thời gian / unit", "Xã / commune",
                "Huyện / district", "Số quyết định / decision", "Ngày quyết định / decided on", "Điểm thẩm định / appraised points"});
        for (Recognised row : recognised) {
            Row line = sheet.createRow(r++);
            text(line, 0, row.recognition().communeCode());
            text(line, 1, row.recognition().communeId());
            text(line, 2, row.name());
            text(line, 3, row.district());
            text(line, 4, row.recognition().decision());
            date(line, 5, row.recognition().decisionDate(), styles);
            decimal(line, 6, row.recognition().appraisedPoints());
        }
    }

    private static int heading(Sheet sheet, Styles styles, String title, LocalDateTime computedAt) {
        Row row = sheet.createRow(0);
        Cell cell = row.createCell(0);
        cell.setCellValue(title);
        cell.setCellStyle(styles.bold);
        Row at = sheet.createRow(1);
        at.createCell(0).setCellValue("Tính lúc / computed at");
        Cell when = at.createCell(1);
        when.setCellValue(computedAt);
        when.setCellStyle(styles.dateTime);
        return 3;
    }

    private static int pair(Sheet sheet, int r, Styles styles, String label, int value) {
        Row row = sheet.createRow(r);
        row.createCell(0).setCellValue(label);
        row.createCell(1).setCellValue(value);
        return r + 1;
    }

    private static int header(Sheet sheet, int r, Styles styles, String[] header) {
        Row row = sheet.createRow(r);
        for (int c = 0; c < header.length; c++) {
            Cell cell = row.createCell(c);
            cell.setCellValue(header[c]);
            cell.setCellStyle(styles.bold);
        }
        return r + 1;
    }

    private static void text(Row row, int c, String value) {
        row.createCell(c).setCellValue(value == null ? "" : value);
    }

    private static void number(Row row, int c, int value) {
        row.createCell(c).setCellValue(value);
    }

    private static void decimal(Row row, int c, BigDecimal value) {
        if (value != null) {
            row.createCell(c).setCellValue(value.doubleValue());
        }
    }

    private static void date(Row row, int c, LocalDate value, Styles styles) {
        if (value != null) {
            Cell cell = row.createCell(c);
            cell.setCellValue(value);
            cell.setCellStyle(styles.date);
        }
    }

    private static final class Styles {
        final CellStyle bold;
        final CellStyle date;
        final CellStyle dateTime;

        Styles(SXSSFWorkbook workbook) {
            bold = workbook.createCellStyle();
            var font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            Function<String, CellStyle> formatted = pattern -> {
                CellStyle style = workbook.createCellStyle();
                style.setDataFormat(workbook.createDataFormat().getFormat(pattern));
                return style;
            };
            date = formatted.apply("dd/mm/yyyy");
            dateTime = formatted.apply("dd/mm/yyyy hh:mm");
        }
    }
}
