package vn.thanhhoa.cds.app;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evidence files in the pages (issue 28), in headless Chromium on PostgreSQL with the demo accounts: the commune
 * officer attaches a PDF and an image to an indicator from the reporting form (an SVG refused beside the field, in
 * Vietnamese), and the appraiser sees both beside the indicator on the appraisal page, previewed: the image as it is,
 * the PDF's first page drawn by the server; and on the commune's card. axe-core on both pages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cds.demo.enabled=true", "cds.simulator.enabled=false", "axoniq.update-checker.disabled=true"})
@ActiveProfiles({"postgres", "demo"})
class EvidencePageTest extends DemoPagesTest {
    private static final String SCHEMA = "cds_evidence";

    static {
        PlatformTest.freshSchema(SCHEMA);
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PlatformTest.storeIn(registry, SCHEMA);
    }

    @Test
    void theCommuneAttachesAPdfAndAnImageAndTheAppraiserSeesThem() throws Exception {
        canhNangRegistered(); // through the API: registering is the reporting form's own test
        Path pdf = Files.createTempFile("QĐ-12-", ".pdf");
        try (org.apache.pdfbox.pdmodel.PDDocument document = new org.apache.pdfbox.pdmodel.PDDocument()) {
            document.addPage(new org.apache.pdfbox.pdmodel.PDPage(org.apache.pdfbox.pdmodel.common.PDRectangle.A4));
            document.save(pdf.toFile());
        }
        Path png = Files.createTempFile("to-cong-nghe-so-", ".png");
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        image.setRGB(5, 5, 0x0b4f8a);
        ImageIO.write(image, "png", png.toFile());
        Path svg = Files.createTempFile("so-do-", ".svg");
        Files.writeString(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");

        browser = Browsers.headlessChromium();
        Browsers.signIn(browser, url(""), "xa.canhnang", "demo-xa-2026");
        browser.get(url("/bao-cao.html"));
        WebElement file = waitUpTo(20).until(d -> visible(d, By.id("file-1.1")));
        file.sendKeys(svg.toAbsolutePath().toString());
        click(browser.findElement(By.cssSelector("button.attach[data-code='1.1']")));
        waitUpTo(10).until(d -> text("file-error-1.1").contains("không được chấp nhận"));
        for (Path attached : new Path[]{pdf, png}) {
            browser.findElement(By.id("file-1.1")).sendKeys(attached.toAbsolutePath().toString());
            click(browser.findElement(By.cssSelector("button.attach[data-code='1.1']")));
            waitUpTo(15).until(d -> text("files-1.1").contains(attached.getFileName().toString()));
        }
        assertThat(text("file-error-1.1")).isEmpty();
        axe("the form with its evidence files");
        assertThat(Browsers.scriptErrors(browser)).as("what the page's scripts threw").isEmpty();
        browser.quit();

        browser = Browsers.headlessChromium();
        Browsers.signIn(browser, url(""), "so.khcn", "demo-tinh-2026");
        browser.get(url("/tham-dinh-xa.html?code=14923&year=" + YEAR));
        waitUpTo(20).until(d -> text("files-1.1").contains(pdf.getFileName().toString())
                && text("files-1.1").contains(png.getFileName().toString()));
        // the image as it is, the PDF's first page drawn by the server
        waitUpTo(10).until(d -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "const shown = [...document.querySelectorAll('#files-1\\\\.1 img.thumb')].map(i => i.complete ? i.naturalWidth : -1);"
                        + "return shown.length === 2 && shown.includes(40) && shown.some(w => w > 100);"));
        axe("the appraisal page with the commune's files");
        screenshot("minh-chung-tham-dinh.png");
        // and on the commune's card
        browser.get(url("/commune.html?code=14923&year=" + YEAR));
        waitUpTo(20).until(d -> !d.findElements(By.cssSelector("tr[data-indicator='1.1'] ul.files li")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("tr[data-indicator='1.1']")).getText())
                .contains(pdf.getFileName().toString()).contains(png.getFileName().toString());
        assertThat(Browsers.scriptErrors(browser)).as("what the page's scripts threw").isEmpty();
    }
}
