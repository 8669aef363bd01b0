package vn.thanhhoa.cds.app;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.time.Duration;

/** Debian's headless Chromium and its ChromeDriver (infra/scripts/ensure-chromium.sh installs them). */
final class Browsers {
    private Browsers() {
    }

    /** The flags keep Chromium off the network: this machine reaches none. */
    static WebDriver headlessChromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1440,1000", "--lang=vi");
        // the pages' own console: a test can read what a script threw
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Signs in on the platform's login page with a demo account. */
    static void signIn(WebDriver browser, String baseUrl, String user, String password) {
        browser.get(baseUrl + "/login.html");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.getCurrentUrl().contains("login"));
    }

    /** Every run saves its screenshots under target/screenshots; {@code -Dcds.update-screenshots=true} also the README's. */
    static void screenshot(WebDriver browser, String name) throws java.io.IOException {
        java.nio.file.Path screenshots = java.nio.file.Path.of("target", "screenshots");
        java.nio.file.Files.createDirectories(screenshots);
        File shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.FILE);
        java.nio.file.Files.copy(shot.toPath(), screenshots.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if (Boolean.getBoolean("cds.update-screenshots")) {
            java.nio.file.Files.copy(shot.toPath(), java.nio.file.Path.of("..", "docs", "screenshots", name),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** What the page's scripts threw or logged as errors (a refused request's own console line aside: it is expected). */
    static java.util.List<String> scriptErrors(WebDriver browser) {
        return browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(org.openqa.selenium.logging.LogEntry::getMessage)
                .filter(message -> !message.contains("Failed to load resource"))
                .toList();
    }

    private static final java.nio.file.Path AXE = java.nio.file.Path.of("..", "target", "browser-tools", "node_modules",
            "axe-core", "axe.min.js");

    /**
     * axe-core (from npm, infra/scripts/ensure-axe-core.sh), injected into the page: its serious and critical
     * violations as JSON ("[]" when there is none).
     */
    static String seriousViolations(WebDriver browser) throws java.io.IOException {
        org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) browser;
        js.executeScript(java.nio.file.Files.readString(AXE));
        return String.valueOf(js.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, { resultTypes: ['violations'] }).then(r => done(JSON.stringify(r.violations"
                        + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                        + ".map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target) })))))"
                        + ".catch(e => done('error: ' + e));"));
    }

    /** Brought into view first: a phone's page is longer than its window. */
    static void type(WebDriver browser, org.openqa.selenium.WebElement field, String text) {
        scroll(browser, field);
        field.clear();
        field.sendKeys(text);
    }

    static void click(WebDriver browser, org.openqa.selenium.WebElement element) {
        scroll(browser, element);
        element.click();
    }

    private static void scroll(WebDriver browser, org.openqa.selenium.WebElement element) {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
    }

    /** The element's text, or "" while there is none. */
    static String text(WebDriver browser, String id) {
        return browser.findElements(By.id(id)).stream().findFirst().map(e -> e.getText().trim()).orElse("");
    }

    /** The first element found when it is displayed, else null (for a wait). */
    static org.openqa.selenium.WebElement visible(WebDriver browser, By by) {
        java.util.List<org.openqa.selenium.WebElement> found = browser.findElements(by);
        return !found.isEmpty() && found.get(0).isDisplayed() ? found.get(0) : null;
    }

    static WebDriverWait waitUpTo(WebDriver browser, int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds), Duration.ofMillis(100));
    }
}
