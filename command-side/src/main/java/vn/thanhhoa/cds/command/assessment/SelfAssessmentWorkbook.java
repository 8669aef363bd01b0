package vn.thanhhoa.cds.command.assessment;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.tika.Tika;
import vn.thanhhoa.cds.command.assessment.AssessmentCommands.ImportedRow;
import vn.thanhhoa.cds.command.assessment.AssessmentRequests.Document;
import vn.thanhhoa.cds.command.assessment.AssessmentRequests.Value;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;
import vn.thanhhoa.cds.infra.validation.Violations;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import vn.thanhhoa.cds.infra.files.SelfAssessmentSheet;

import static vn.thanhhoa.cds.infra.files.SelfAssessmentSheet.*;

/**
 * Reads the province's self-assessment table back from a workbook the platform generated and a commune filled in: the
 * file must be an .xlsx that does not unpack to more than {@link #MAX_UNPACKED}, carry the template's hidden sheet and
 * its header unchanged, and hold no formula. Each filled row becomes the same request a form sends
 * ({@link Value}, checked by the same Bean Validation rules), so an import is refused for what the API refuses;
 * a row's refusal names its cell. Refusals of the file itself are problems; those of rows are collected.
 */
final class SelfAssessmentWorkbook {
    /** The template is a few dozen kilobytes unpacked; a sheet of a thousand rows is under a megabyte. */
    static final long MAX_UNPACKED = 8L * 1024 * 1024;
    static final int MAX_ROWS = 1000;
    private static final String XLSX = "application/x-tika-ooxml";
    /** Strict: 31/02 is refused, not moved to the month's last day. */
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(java.time.format.ResolverStyle.STRICT);
    private static final Tika TIKA = new Tika();

    /** What the sheet holds: the hidden sheet's facts, the filled rows and each cell refused. */
    record Read(Map<String, String> facts, List<ImportedRow> rows, List<CellError> errors) {
    }

    /** A refusal at a cell (e.g. {@code E12}), in Vietnamese first. */
    record CellError(int row, String column, String cell, String indicatorCode, String code, String message, String messageEn) {
        static CellError at(int row, int column, String indicatorCode, String code, String vi, String en) {
            String letter = SelfAssessmentSheet.column(column);
            return new CellError(row, letter, letter + row, indicatorCode, code, vi, en);
        }
    }

    private final Validator validator;
    /** A code typed as a number (1.1) reads as written, with a point: the root locale, not the Vietnamese comma. */
    private final DataFormatter display = new DataFormatter(Locale.ROOT);

    SelfAssessmentWorkbook(Validator validator) {
        this.validator = validator;
    }

    Read read(byte[] file) {
        if (file == null || file.length == 0) {
            throw invalid("EMPTY_FILE", "Tệp rỗng.", "The file is empty.");
        }
        if (!XLSX.equals(TIKA.detect(file))) {
            throw invalid("NOT_XLSX", "Tệp không phải bảng tính Excel (.xlsx). Hãy dùng mẫu tải từ nền tảng.",
                    "The file is not an Excel workbook (.xlsx); use the template the platform generates.");
        }
        requireUnpackedAtMost(file);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            Sheet meta = workbook.getSheet(META);
            Sheet sheet = workbook.getSheet(SHEET);
            if (meta == null || sheet == null) {
                throw invalid("NOT_A_TEMPLATE", "Tệp không phải mẫu tự đánh giá do nền tảng tạo (thiếu trang \"" + SHEET
                        + "\" hoặc trang ẩn của mẫu). Hãy tải mẫu Excel của năm.", "The file is not the platform's template.");
            }
            requireHeader(sheet);
            if (sheet.getLastRowNum() >= FIRST_ROW + MAX_ROWS) {
                throw invalid("TOO_MANY_ROWS", "Trang \"" + SHEET + "\" có quá " + MAX_ROWS + " dòng.",
                        "The sheet has more than " + MAX_ROWS + " rows.");
            }
            List<CellError> errors = new ArrayList<>();
            List<ImportedRow> rows = new ArrayList<>();
            for (Row row : sheet) {
                if (row.getRowNum() >= FIRST_ROW) {
                    readRow(row, rows, errors);
                }
            }
            return new Read(facts(meta), rows, errors);
        } catch (IOException | RuntimeException notAWorkbook) {
            if (notAWorkbook instanceof ProblemException problem) {
                throw problem;
            }
            throw invalid("NOT_XLSX", "Không đọc được bảng tính Excel: tệp hỏng hoặc không đúng định dạng .xlsx.",
                    "The workbook cannot be read: damaged, or not .xlsx.");
        }
    }

    /** Counted entry by entry as Apache POI will read them (their local headers): a zip bomb stops the count. */
    private static void requireUnpackedAtMost(byte[] file) {
        long unpacked = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(file))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                int read;
                while ((read = zip.read(buffer)) != -1) {
                    unpacked += read;
                    if (unpacked > MAX_UNPACKED) {
                        throw invalid("ZIP_BOMB", "Bảng tính giải nén ra quá lớn (hơn " + MAX_UNPACKED / (1024 * 1024)
                                + " MB) — không phải mẫu tự đánh giá.", "The workbook unpacks to more than "
                                + MAX_UNPACKED / (1024 * 1024) + " MB.");
                    }
                }
            }
        } catch (IOException damaged) {
            throw invalid("NOT_XLSX", "Không đọc được bảng tính Excel: tệp hỏng.", "The workbook is damaged.");
        }
    }

    private void requireHeader(Sheet sheet) {
        Row header = sheet.getRow(HEADER_ROW);
        for (int c = 0; c < HEADER.size(); c++) {
            String found = header == null ? null : text(header.getCell(c));
            if (!HEADER.get(c).equals(found)) {
                throw new ProblemException(ProblemKind.INVALID, "COLUMNS_CHANGED", column(c) + (HEADER_ROW + 1),
                        "Cột " + column(c) + " của mẫu phải là \"" + HEADER.get(c) + "\"" + (found == null ? " (đã bị xoá)" : ", không phải \"" + found + "\"")
                                + ". Đừng thêm, xoá hay đổi tên cột; hãy tải lại mẫu nếu cần.",
                        "Column " + column(c) + " must be \"" + HEADER.get(c) + "\": the template's columns were changed.",
                        Map.of("column", column(c), "expected", HEADER.get(c)));
            }
        }
    }

    private Map<String, String> facts(Sheet meta) {
        Map<String, String> facts = new HashMap<>();
        for (Row row : meta) {
            String name = text(row.getCell(0));
            if (name != null) {
                facts.put(name, text(row.getCell(1)));
            }
        }
        return facts;
    }

    private void readRow(Row row, List<ImportedRow> rows, List<CellError> errors) {
        int number = row.getRowNum() + 1;
        int before = errors.size();
        for (Cell cell : row) {
            if (cell.getCellType() == CellType.FORMULA) {
                errors.add(CellError.at(number, cell.getColumnIndex(), null, "FORMULA_NOT_ALLOWED",
                        "Ô " + new CellReference(cell).formatAsString(false) + " chứa công thức; hãy nhập giá trị.",
                        "Cell " + new CellReference(cell).formatAsString(false) + " holds a formula; type the value."));
            }
        }
        if (errors.size() > before) {
            return;
        }
        String code = text(row.getCell(CODE));
        String numerator = text(row.getCell(NUMERATOR)), denominator = text(row.getCell(DENOMINATOR));
        String yesNo = text(row.getCell(YES_NO)), mark = text(row.getCell(IN_PROGRESS));
        String documents = text(row.getCell(DOCUMENTS)), dates = text(row.getCell(DATES));
        boolean anyValue = numerator != null || denominator != null || yesNo != null || mark != null;
        if (code == null) {
            if (anyValue || documents != null || dates != null) {
                errors.add(CellError.at(number, CODE, null, "MISSING_INDICATOR", "Dòng có giá trị nhưng thiếu mã chỉ tiêu.",
                        "The row has values but no indicator code."));
            }
            return; // a pillar's heading, or an empty row
        }
        if (!anyValue) {
            if (documents != null || dates != null) {
                errors.add(CellError.at(number, NUMERATOR, code, "MISSING_VALUE", "Có văn bản minh chứng nhưng chưa có giá trị.",
                        "Documents are given but no value."));
            }
            return; // not reported in this sheet: left as it stands
        }
        String measure;
        BigDecimal top = null, bottom = null;
        Boolean value = null;
        if (mark != null) {
            measure = "IN_PROGRESS";
            if (!MARK.equalsIgnoreCase(mark)) {
                errors.add(CellError.at(number, IN_PROGRESS, code, "NOT_A_MARK", "Cột \"Đang triển khai\" chỉ nhận dấu x.",
                        "The in-progress column takes an x only."));
            } else if (numerator != null || denominator != null || yesNo != null) {
                errors.add(CellError.at(number, IN_PROGRESS, code, "TWO_VALUES",
                        "Đã đánh dấu đang triển khai thì để trống tử số, mẫu số và Có/Không.",
                        "Marked in progress: leave the numerator, denominator and yes/no empty."));
            }
        } else if (numerator != null || denominator != null) {
            measure = "RATIO";
            top = number(row.getCell(NUMERATOR), number, code, errors);
            bottom = number(row.getCell(DENOMINATOR), number, code, errors);
            if (yesNo != null) {
                errors.add(CellError.at(number, YES_NO, code, "TWO_VALUES", "Chỉ tiêu tỷ lệ: để trống cột Có/Không.",
                        "A ratio: leave yes/no empty."));
            }
        } else {
            measure = "BOOLEAN";
            String said = Normalizer.normalize(yesNo, Normalizer.Form.NFC);
            if (YES.equalsIgnoreCase(said) || NO.equalsIgnoreCase(said)) {
                value = YES.equalsIgnoreCase(said);
            } else {
                errors.add(CellError.at(number, YES_NO, code, "NOT_YES_NO", "Cột Có/Không chỉ nhận \"Có\" hoặc \"Không\".",
                        "Yes/no takes \"Có\" or \"Không\"."));
            }
        }
        List<Document> evidence = documents(row, number, code, documents, dates, errors);
        if (errors.size() > before) {
            return;
        }
        Value request = new Value(measure, top, bottom, value, null, evidence);
        for (ConstraintViolation<Value> violation : validator.validate(request)) {
            String field = violation.getPropertyPath().toString();
            // named as the sheet's header names the column, not as the API names the field
            String[] message = Violations.message(violation, HEADER.get(columnOf(field)));
            errors.add(CellError.at(number, columnOf(field), code, message[0], message[1], message[2]));
        }
        if (errors.size() == before) {
            rows.add(new ImportedRow(number, code, request.toValue(), evidence == null ? null : request.evidenceRefs()));
        }
    }

    /** The documents' numbers in one cell and their dates in the next, in the same order; null when none is named. */
    private List<Document> documents(Row row, int number, String code, String documents, String dates, List<CellError> errors) {
        if (documents == null) {
            if (dates != null) {
                errors.add(CellError.at(number, DOCUMENTS, code, "MISSING_DOCUMENT", "Có ngày văn bản nhưng thiếu số văn bản.",
                        "A date is given but no document number."));
            }
            return null;
        }
        List<String> numbers = Arrays.stream(documents.split(";")).map(String::strip).toList();
        List<String> days = new ArrayList<>();
        Cell dateCell = row.getCell(DATES);
        if (dateCell != null && dateCell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(dateCell)) {
            days.add(dateCell.getDateCellValue().toInstant().atZone(ZoneId.of("Asia/Ho_Chi_Minh")).toLocalDate().format(DAY));
        } else if (dates != null) {
            days.addAll(Arrays.stream(dates.split(";", -1)).map(String::strip).toList());
        }
        if (numbers.stream().anyMatch(String::isEmpty) || days.size() > numbers.size()) {
            errors.add(CellError.at(number, numbers.stream().anyMatch(String::isEmpty) ? DOCUMENTS : DATES, code,
                    "DOCUMENTS_MISMATCH", "Số văn bản và ngày văn bản ghi cùng thứ tự, cách nhau bằng dấu \";\".",
                    "Document numbers and dates go in the same order, separated by \";\"."));
            return null;
        }
        List<Document> evidence = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i++) {
            LocalDate day = null;
            if (i < days.size() && !days.get(i).isEmpty()) {
                try {
                    day = LocalDate.parse(days.get(i), DAY);
                } catch (DateTimeParseException notADate) {
                    errors.add(CellError.at(number, DATES, code, "NOT_A_DATE", "Ngày văn bản \"" + days.get(i)
                            + "\" không đúng dạng dd/mm/yyyy.", "Date \"" + days.get(i) + "\" is not dd/mm/yyyy."));
                    return null;
                }
            }
            evidence.add(new Document(numbers.get(i), day, null));
        }
        return evidence;
    }

    /** A count typed as a number, or as digits in a text cell; anything else is named at its cell. */
    private BigDecimal number(Cell cell, int number, String code, List<CellError> errors) {
        if (cell == null || cell.getCellType() == CellType.BLANK) {
            return null;
        }
        if (cell.getCellType() == CellType.NUMERIC) {
            double d = cell.getNumericCellValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? BigDecimal.valueOf((long) d) : new BigDecimal(Double.toString(d));
        }
        String typed = text(cell);
        if (typed != null && typed.matches("-?[0-9]{1,15}")) {
            return new BigDecimal(typed);
        }
        errors.add(CellError.at(number, cell.getColumnIndex(), code, "NOT_A_NUMBER",
                "Ô " + new CellReference(cell).formatAsString(false) + " phải là số nguyên (không dấu phân cách), không phải \"" + typed + "\".",
                "Cell " + new CellReference(cell).formatAsString(false) + " must be a whole number."));
        return null;
    }

    /** The column a request's field is typed in, for the API's field names and the domain's. */
    static int columnOf(String field) {
        if (field.contains("numerator")) {
            return NUMERATOR;
        }
        if (field.contains("denominator")) {
            return DENOMINATOR;
        }
        if (field.startsWith("evidence")) {
            return field.endsWith("date") ? DATES : DOCUMENTS;
        }
        if (field.equals("indicatorCode")) {
            return CODE;
        }
        return NUMERATOR;
    }

    /** What the cell shows, trimmed; null for an empty cell. */
    private String text(Cell cell) {
        if (cell == null || cell.getCellType() == CellType.BLANK) {
            return null;
        }
        String shown = cell.getCellType() == CellType.STRING ? cell.getStringCellValue() : display.formatCellValue(cell);
        return shown == null || shown.isBlank() ? null : shown.strip();
    }

    private static ProblemException invalid(String code, String vi, String en) {
        return new ProblemException(ProblemKind.INVALID, code, "file", vi, en);
    }
}
