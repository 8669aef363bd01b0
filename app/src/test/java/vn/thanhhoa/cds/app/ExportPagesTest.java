package vn.thanhhoa.cds.app;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Excel files and the open data from the pages (issue 29), in headless Chromium with the demo: the steering
 * committee clicks "Xuất Excel" on the province page and gets a workbook Apache POI opens, and the recognised list as
 * CSV; a district officer clicks "Xuất Excel" on the district page. Beside each, "Báo cáo PDF" answers a PDF.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cds.demo.enabled=true", "cds.simulator.enabled=false", "axoniq.update-checker.disabled=true"})
@ActiveProfiles({"postgres", "demo"})
class ExportPagesTest extends DemoPagesTest {
    private static final String SCHEMA = "cds_exports";

    static {
        PlatformTest.freshSchema(SCHEMA);
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PlatformTest.storeIn(registry, SCHEMA);
    }

    @Test
    void theCommitteeAndADistrictDownloadTheirFilesFromThePages() throws Exception {
        Path downloads = Files.createTempDirectory("tai-ve-");
        browser = Browsers.headlessChromium();
        ((ChromiumDriver) browser).executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        Browsers.signIn(browser, url(""), "bcd.tinh", "demo-bcd-2026");
        browser.get(url("/?year=2023"));
        click(waitUpTo(20).until(d -> d.findElements(By.cssSelector("#exports a[href*='dashboard.xlsx']")).stream()
                .findFirst().orElse(null)));
        Path province = downloaded(downloads, "bang-dieu-khien-tinh-2023.xlsx");
        try (InputStream in = Files.newInputStream(province); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            assertThat(workbook.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).contains("năm 2023");
            assertThat(workbook.getSheet("Xã được công nhận")).isNotNull();
        }
        click(browser.findElement(By.cssSelector("#exports a[href*='open-data']")));
        assertThat(Files.readString(downloaded(downloads, "xa-duoc-cong-nhan-2023.csv"))).startsWith("\uFEFF");
        // the meeting report beside them: a PDF, of the question the page shows
        WebElement report = browser.findElement(By.id("report-pdf"));
        assertThat(report.getText()).isEqualTo("Báo cáo PDF");
        assertThat(report.getAttribute("href")).contains("/api/province/dashboard.pdf?year=2023");
        assertThat(contentType(report)).isEqualTo("application/pdf");
        click(report);
        assertThat(pdfText(downloaded(downloads, "bao-cao-giao-ban-tinh-2023.pdf"))).contains("Tỉnh Thanh Hóa — năm 2023");
        axe("the province page with its exports");
        browser.quit();

        browser = Browsers.headlessChromium();
        ((ChromiumDriver) browser).executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        Browsers.signIn(browser, url(""), "huyen.hatrung", "demo-huyen-2026");
        browser.get(url("/district.html?code=392&year=2023"));
        click(waitUpTo(20).until(d -> visible(d, By.id("export-xlsx"))));
        Path district = downloaded(downloads, "bang-dieu-khien-huyen-392-2023.xlsx");
        try (InputStream in = Files.newInputStream(district); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            assertThat(workbook.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).contains("Hà Trung");
        }
        WebElement districtReport = browser.findElement(By.id("report-pdf"));
        assertThat(districtReport.getText()).isEqualTo("Báo cáo PDF");
        assertThat(contentType(districtReport)).isEqualTo("application/pdf");
        click(districtReport);
        assertThat(pdfText(downloaded(downloads, "bao-cao-giao-ban-huyen-392-2023.pdf"))).contains("Hà Trung — năm 2023");
        axe("the district page with its exports");
    }

    /** The content type the link's address answers the signed-in page with (fetched by the page itself). */
    private String contentType(WebElement link) {
        return (String) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0].href).then(r => done(r.headers.get('content-type'))).catch(e => done(String(e)));", link);
    }

    /** A downloaded PDF's text, as PDFBox extracts it. */
    private static String pdfText(Path pdf) throws java.io.IOException {
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }
}
