package vn.thanhhoa.cds.query.reporting;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.SheetVisibility;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import vn.thanhhoa.cds.query.card.CardViews;

import static vn.thanhhoa.cds.infra.files.SelfAssessmentSheet.*;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * The province's self-assessment table (seed 003: STT, chỉ tiêu, kết quả tự đánh giá) as an Excel template for one
 * commune's year: the framework's pillars and numbering, the values as they stand filled in, each input cell checked by
 * Excel as it is typed (whole numbers, Có/Không, a date), and a hidden sheet naming the commune, the year and the
 * framework so that an import can tell a template of another commune, year or framework.
 */
final class SelfAssessmentTemplate {
    private SelfAssessmentTemplate() {
    }

    static void write(CardViews.CommuneCard card, OutputStream out) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            Sheet sheet = workbook.createSheet(SHEET);
            cell(sheet.createRow(0), 0, "Biểu tự đánh giá chuyển đổi số cấp xã — " + card.commune().name() + " ("
                    + card.commune().code() + "), năm " + card.year(), bold);
            Row about = sheet.createRow(1);
            cell(about, 0, "Bộ tiêu chí", null);
            cell(about, 2, card.frameworkId() + " — " + card.frameworkTitle(), null);
            Row header = sheet.createRow(HEADER_ROW);
            for (int c = 0; c < HEADER.size(); c++) {
                cell(header, c, HEADER.get(c), bold);
            }
            DataValidationHelper validations = sheet.getDataValidationHelper();
            int r = FIRST_ROW, number = 1;
            for (CardViews.PillarLine pillar : card.pillars()) {
                cell(sheet.createRow(r++), 2, pillar.code() + ". " + pillar.name(), bold);
                for (CardViews.IndicatorLine line : pillar.lines()) {
                    Row row = sheet.createRow(r);
                    row.createCell(0).setCellValue(number++);
                    cell(row, CODE, line.code(), null);
                    cell(row, 2, line.name(), null);
                    cell(row, 3, target(line), null);
                    Map<String, Object> value = line.value();
                    String measure = value == null ? null : String.valueOf(value.get("measure"));
                    if ("IN_PROGRESS".equals(measure)) {
                        cell(row, IN_PROGRESS, MARK, null);
                    } else if ("RATIO".equals(measure)) {
                        row.createCell(NUMERATOR).setCellValue(((Number) value.get("numerator")).doubleValue());
                        row.createCell(DENOMINATOR).setCellValue(((Number) value.get("denominator")).doubleValue());
                    } else if ("BOOLEAN".equals(measure)) {
                        cell(row, YES_NO, Boolean.TRUE.equals(value.get("value")) ? YES : NO, null);
                    }
                    if (!line.evidence().isEmpty()) {
                        // every document, the numbers and the dates in the same order (a date may be missing)
                        cell(row, DOCUMENTS, String.join(SEPARATOR, line.evidence().stream().map(CardViews.Document::number).toList()), null);
                        cell(row, DATES, String.join(SEPARATOR, line.evidence().stream()
                                .map(d -> d.date() == null ? "" : d.date()).toList()), null);
                    }
                    if ("RATIO".equals(line.measure())) {
                        validate(sheet, validations, validations.createIntegerConstraint(
                                DataValidationConstraint.OperatorType.GREATER_OR_EQUAL, "0", null), r, 4, 5,
                                "Tử số và mẫu số là số nguyên không âm.");
                    } else {
                        validate(sheet, validations, validations.createExplicitListConstraint(new String[]{YES, NO}),
                                r, YES_NO, YES_NO, "Chọn Có hoặc Không.");
                    }
                    validate(sheet, validations, validations.createExplicitListConstraint(new String[]{MARK}), r, IN_PROGRESS, IN_PROGRESS,
                            "Đánh dấu x nếu đang triển khai.");
                    r++;
                }
            }
            for (int c = 0; c < HEADER.size(); c++) {
                sheet.setColumnWidth(c, c == 2 ? 70 * 256 : 16 * 256);
            }
            Sheet meta = workbook.createSheet(META);
            String[][] facts = {{ASSESSMENT_ID, card.assessmentId()}, {COMMUNE, card.commune().unitId()},
                    {COMMUNE_CODE, card.commune().code()}, {YEAR, Integer.toString(card.year())}, {FRAMEWORK_ID, card.frameworkId()}};
            for (int i = 0; i < facts.length; i++) {
                Row row = meta.createRow(i);
                row.createCell(0).setCellValue(facts[i][0]);
                row.createCell(1).setCellValue(facts[i][1]);
            }
            workbook.setSheetVisibility(1, SheetVisibility.VERY_HIDDEN);
            workbook.write(out);
        }
    }

    private static String target(CardViews.IndicatorLine line) {
        if (!"RATIO".equals(line.measure())) {
            return "Có";
        }
        return line.target() == null ? "" : "≥ " + line.target().movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    private static void validate(Sheet sheet, DataValidationHelper helper, DataValidationConstraint constraint, int row,
                                 int firstColumn, int lastColumn, String error) {
        DataValidation validation = helper.createValidation(constraint, new CellRangeAddressList(row, row, firstColumn, lastColumn));
        validation.setShowErrorBox(true);
        validation.createErrorBox("Giá trị không hợp lệ", error);
        sheet.addValidationData(validation);
    }

    private static void cell(Row row, int column, String text, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(text == null ? "" : text);
        if (style != null) {
            cell.setCellStyle(style);
        }
    }
}
