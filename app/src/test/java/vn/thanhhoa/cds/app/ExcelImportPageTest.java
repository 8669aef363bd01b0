package vn.thanhhoa.cds.app;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Tải mẫu Excel" and "Nhập từ Excel" on the reporting form (issue 29), in headless Chromium on PostgreSQL with the
 * demo accounts, as the commune officer: downloads the template from the form, fills it in as in Excel (a ratio and a
 * yes/no; once with the numerator over the denominator), chooses it and checks it — the bad sheet's error is listed at
 * its cell in Vietnamese and nothing can be recorded — then the corrected sheet's changes are listed, recorded with one
 * click and shown in the form. At desktop width and at 390 px, axe-core on each state.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cds.demo.enabled=true", "cds.simulator.enabled=false", "axoniq.update-checker.disabled=true"})
@ActiveProfiles({"postgres", "demo"})
class ExcelImportPageTest extends DemoPagesTest {
    private static final String SCHEMA = "cds_excel_import";

    static {
        PlatformTest.freshSchema(SCHEMA);
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PlatformTest.storeIn(registry, SCHEMA);
    }

    @Test
    void theCommuneOfficerFillsTheTemplateChecksItAndRecordsIt() throws Exception {
        canhNangRegistered(); // through the API: registering is the reporting form's own test
        Path downloads = Files.createTempDirectory("mau-excel-");
        browser = Browsers.headlessChromium();
        ((ChromiumDriver) browser).executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        Browsers.signIn(browser, url(""), "xa.canhnang", "demo-xa-2026");
        browser.get(url("/bao-cao.html"));
        click(waitUpTo(20).until(d -> visible(d, By.id("template-link"))));
        Path template = downloaded(downloads, "mau-tu-danh-gia-14923-" + YEAR + ".xlsx");

        // filled in as in Excel: the first ratio indicator and the first yes/no one
        String[] codes = new String[2];
        Path bad = filled(template, downloads.resolve("bieu-loi.xlsx"), 30, 25, codes);
        Path good = filled(template, downloads.resolve("bieu-tu-danh-gia.xlsx"), 20, 25, codes);

        browser.findElement(By.id("import-file")).sendKeys(bad.toString());
        click(browser.findElement(By.id("import-check")));
        waitUpTo(15).until(d -> !d.findElements(By.cssSelector("table.import-errors tbody tr")).isEmpty());
        assertThat(text("import-result")).contains("E").contains("Tử số (30) không được lớn hơn mẫu số (25)");
        assertThat(browser.findElement(By.id("import-apply")).isDisplayed()).as("nothing to record with an error").isFalse();
        axe("the import's errors");

        browser.findElement(By.id("import-file")).sendKeys(good.toString());
        click(browser.findElement(By.id("import-check")));
        waitUpTo(15).until(d -> d.findElements(By.cssSelector("table.import-changes tbody tr")).size() == 2);
        assertThat(text("import-result")).contains("2 chỉ tiêu sẽ thay đổi").contains("20/25 (80 %)").contains("Có");
        axe("the import's dry run");
        click(waitUpTo(5).until(d -> visible(d, By.id("import-apply"))));
        waitUpTo(20).until(d -> text("import-result").contains("Đã ghi 2 chỉ tiêu"));
        // the form is drawn again with the values recorded (read by script: the drawing replaces the elements)
        waitUpTo(20).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "const n = document.getElementById(arguments[0]), yes = document.querySelector(arguments[1]);"
                        + "return !!n && n.value === '20' && !!yes && yes.checked;",
                "num-" + codes[0], "input[name='kind-" + codes[1] + "'][value='YES']")));
        screenshot("nhap-excel.png");

        // at a phone's width the import's tables scroll inside their box; the page never scrolls sideways
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.findElement(By.id("import-file")).sendKeys(good.toString());
        click(browser.findElement(By.id("import-check")));
        waitUpTo(15).until(d -> text("import-result").contains("Tệp không thay đổi giá trị nào"));
        Number overflow = (Number) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(overflow.intValue()).isLessThanOrEqualTo(0);
        axe("the import at 390 px");
        assertThat(Browsers.scriptErrors(browser)).as("what the page's scripts threw").isEmpty();
    }

    /** The downloaded template with a ratio and a yes/no typed in, saved under another name, as an officer saves it. */
    private static Path filled(Path template, Path saved, int numerator, int denominator, String[] codes) throws Exception {
        try (var in = Files.newInputStream(template); XSSFWorkbook book = new XSSFWorkbook(in)) {
            Row ratio = null, yesNo = null;
            for (Row row : book.getSheet("Tự đánh giá")) {
                if (row.getRowNum() < 4 || row.getCell(1) == null || row.getCell(1).getStringCellValue().isEmpty()) {
                    continue;
                }
                String target = row.getCell(3).getStringCellValue();
                if (ratio == null && target.startsWith("≥")) {
                    ratio = row;
                } else if (yesNo == null && target.equals("Có")) {
                    yesNo = row;
                }
            }
            codes[0] = ratio.getCell(1).getStringCellValue();
            codes[1] = yesNo.getCell(1).getStringCellValue();
            ratio.createCell(4).setCellValue(numerator);
            ratio.createCell(5).setCellValue(denominator);
            yesNo.createCell(6).setCellValue("Có");
            try (var out = Files.newOutputStream(saved)) {
                book.write(out);
            }
        }
        return saved;
    }
}
