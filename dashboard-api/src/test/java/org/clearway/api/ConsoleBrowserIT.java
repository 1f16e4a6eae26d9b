package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dispatcher console in a real browser (headless Chromium) against the real API and PostgreSQL: sign-in, the zone
 * scope on the map and in the queue, cancelling a job and creating a manual one, acknowledging an alarm, and a change
 * written to the database arriving over the live event stream without a reload.
 */
@Timeout(480)
class ConsoleBrowserIT {
    static final Duration WAIT = Duration.ofSeconds(60);
    static ApiHarness api;
    static OperationsFixture fixture;
    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        Chromium.assumeInstalled();
        api = new ApiHarness("api_console_browser", Clock.systemUTC(), OperationsFixture.env(Map.of(
                "CLEARWAY_API_SSE_POLL", "100ms", "CLEARWAY_API_SSE_SETTLE", "200ms")));
        fixture = OperationsFixture.seed(api);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @BeforeEach
    void openBrowser() throws Exception {
        browser = Chromium.start(Files.createTempDirectory("clearway-chromium-"), 1400, 900);
        wait = new WebDriverWait(browser, WAIT);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void signInAsksForTheTokenKeepsItOutOfTheUrlAndOutOfTheScriptsReach() {
        browser.get(api.base() + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token"))).sendKeys("no-such-token");
        browser.findElement(By.id("sign-in-button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("sign-in-error"), "This token is not known."));

        signIn("dispatcher-s1");
        assertThat(browser.findElement(By.id("who")).getText()).contains("dispatcher").contains("zone s1");
        assertThat(browser.getCurrentUrl()).isEqualTo(api.base() + "/").doesNotContain("dispatcher-s1");
        Cookie session = browser.manage().getCookieNamed("clearway_session");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(session.getValue()).doesNotContain("dispatcher-s1");
        assertThat((String) browser.executeScript("return document.cookie")).doesNotContain("clearway_session");

        // a reload keeps the session; sign-out ends it
        browser.navigate().refresh();
        waitReady();
        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
    }

    @Test
    void aZoneDispatcherSeesTheBinsAndJobsOfItsZoneOnly() {
        browser.get(api.base() + "/");
        signIn("dispatcher-s1");
        assertThat(browser.findElements(By.cssSelector("path.bin-b1"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("path.bin-b3"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("path.bin-b4"))).isEmpty();
        assertThat(queueBins()).contains("b1", "b3").doesNotContain("b4");
        assertThat(browser.findElements(By.cssSelector("path.truck-t1"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("path.route-t1"))).hasSize(1);

        browser.findElement(By.id("sign-out")).click();
        signIn("dispatcher-c3");
        assertThat(browser.findElements(By.cssSelector("path.bin-b4"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("path.bin-b1, path.bin-b3"))).isEmpty();
        assertThat(queueBins()).contains("b4").doesNotContain("b1", "b3");
    }

    @Test
    void cancellingAJobTakesItOutOfTheQueueAndAManualJobJoinsIt() throws Exception {
        long open = OperationsFixture.job(api, "b3", "forecast", "normal", "open", null);
        browser.get(api.base() + "/");
        signIn("dispatcher-s1");
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(jobRow(open)));
        row.findElement(By.cssSelector("button.cancel")).click();
        row.findElement(By.cssSelector("input.cancel-reason")).sendKeys("bin removed for street works");
        row.findElement(By.cssSelector("button.confirm-cancel")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(jobRow(open), 0));
        assertThat(api.get("admin-city", "/jobs/" + open).json().getString("state")).isEqualTo("cancelled");

        browser.findElement(By.id("new-job-bin")).sendKeys("b3");
        new Select(browser.findElement(By.id("new-job-priority"))).selectByVisibleText("urgent");
        browser.findElement(By.id("new-job-cause")).sendKeys("resident called");
        browser.findElement(By.id("new-job-create")).click();
        WebElement manual = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//table[@id='jobs']//tr[@data-bin='b3'][contains(., 'manual')]")));
        assertThat(manual.getAttribute("class")).contains("urgent");
        // urgent jobs first in the queue: the new one comes before every job that is not urgent
        List<WebElement> rows = browser.findElements(By.cssSelector("#jobs tbody tr"));
        int manualAt = rows.indexOf(manual);
        assertThat(rows.subList(0, manualAt)).allSatisfy(r -> assertThat(r.getAttribute("class")).contains("urgent"));
        assertThat(rows.subList(manualAt, rows.size())).anySatisfy(r -> assertThat(r.getAttribute("class")).doesNotContain("urgent"));
    }

    @Test
    void assigningAJobToATruckShowsItOnTheRow() throws Exception {
        long open = OperationsFixture.job(api, "b1", "forecast", "normal", "open", null);
        browser.get(api.base() + "/");
        signIn("dispatcher-s1");
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(jobRow(open)));
        new Select(row.findElement(By.cssSelector("select.assign-truck"))).selectByValue("t2");
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#jobs tr[data-job='" + open + "'] td.truck"), "t2"));
        assertThat(api.get("admin-city", "/jobs/" + open).json().getString("truckId")).isEqualTo("t2");
    }

    @Test
    void anAlarmRaisedInTheDatabaseArrivesLiveAndIsAcknowledged() throws Exception {
        browser.get(api.base() + "/");
        signIn("dispatcher-s1");
        wait.until(ExpectedConditions.textToBe(By.id("live"), "live"));
        long alarm = OperationsFixture.id(api, "INSERT INTO alarms (bin_id, kind, source, raised_at, last_seen_at)"
                + " VALUES ('b3', 'lid_open', 'sensor', ?, ?) RETURNING id", Instant.now(), Instant.now());
        By row = By.cssSelector("#alarms tr[data-alarm='" + alarm + "']");
        wait.until(ExpectedConditions.presenceOfElementLocated(row)).findElement(By.cssSelector("button.acknowledge")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#alarms tr[data-alarm='" + alarm + "'] td.state"),
                "acknowledged"));
        assertThat(api.get("admin-city", "/alarms?state=acknowledged").body()).contains("\"id\":" + alarm);
    }

    @Test
    void onATabletUprightTheMapStandsAboveTheQueue() throws Exception {
        browser.quit();
        browser = Chromium.start(Files.createTempDirectory("clearway-chromium-"), 820, 1180);
        wait = new WebDriverWait(browser, WAIT);
        browser.get(api.base() + "/");
        signIn("dispatcher-s1");
        org.openqa.selenium.Rectangle map = browser.findElement(By.id("map")).getRect();
        org.openqa.selenium.Rectangle queue = browser.findElement(By.id("jobs-panel")).getRect();
        assertThat(map.getWidth()).isGreaterThan(700);
        assertThat(map.getHeight()).isGreaterThan(400);
        assertThat(queue.getY()).isGreaterThanOrEqualTo(map.getY() + map.getHeight());
        assertThat(browser.findElements(By.cssSelector("path.bin-b1"))).hasSize(1);
    }

    @Test
    void theApiReferenceRendersTheContract() {
        browser.get(api.base() + "/api-docs");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".opblock")));
        assertThat(browser.findElement(By.id("reference")).getText()).contains("/bins").contains("/jobs/{jobId}/cancel");
    }

    /** The console over the fixture city, for docs/console.md: written to target/console.png. */
    @Test
    void screenshot() throws Exception {
        java.util.Random random = new java.util.Random(15);
        for (int i = 0; i < 40; i++) {
            String bin = "s" + i;
            api.sql("INSERT INTO bins (id, zone_id, stream, volume_l, depth_mm, lat, lon) VALUES (?, ?, ?, 240, 1000, ?, ?)",
                    bin, i % 2 == 0 ? "c1" : "c2", i % 3 == 0 ? "recyclable" : "residual",
                    (i % 2 == 0 ? 31.20 : 31.25) + random.nextDouble() * 0.05, 121.40 + random.nextDouble() * 0.12);
            Instant at = Instant.now().minusSeconds(600);
            api.sql("INSERT INTO bin_state (bin_id, measured_at, received_at, fill_pct, last_seen_at) VALUES (?, ?, ?, ?, ?)",
                    bin, at, at, 5 + random.nextDouble() * 95, at);
        }
        browser.get(api.base() + "/");
        signIn("dispatcher-s1");
        Thread.sleep(500);
        Path shot = Path.of("target", "console.png");
        Files.write(shot, browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        assertThat(Files.size(shot)).isPositive();
    }

    private void signIn(String token) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token"))).sendKeys(token);
        browser.findElement(By.id("sign-in-button")).click();
        waitReady();
        assertThat(browser.findElement(By.id("plan-status")).getText()).doesNotContain("could not load");
    }

    private void waitReady() {
        wait.until(d -> "true".equals(((ChromeDriver) d).executeScript("return document.body.dataset.ready || ''")));
    }

    private List<String> queueBins() {
        return browser.findElements(By.cssSelector("#jobs tbody tr")).stream().map(r -> r.getAttribute("data-bin")).toList();
    }

    private static By jobRow(long id) {
        return By.cssSelector("#jobs tr[data-job='" + id + "']");
    }
}
