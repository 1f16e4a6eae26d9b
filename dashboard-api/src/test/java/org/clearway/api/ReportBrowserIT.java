package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.clearway.api.report.ShareLinks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.print.PageMargin;
import org.openqa.selenium.print.PageSize;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The officer's report in a real browser (headless Chromium) against the real API and PostgreSQL, over
 * {@link ReportFixture}'s 17 communities: sign-in and the current quarter's charts and map, the zone scope (an officer
 * of district d1 sees none of d2's communities and the reverse), the report printed to PDF on A4 and on Letter with
 * every table inside the page and the 17 communities on a few pages, and the signed share link (opens without
 * sign-in, refused with a page that says why when changed or expired).
 */
@Timeout(480)
class ReportBrowserIT {
    static final Duration WAIT = Duration.ofSeconds(60);
    static ApiHarness api;
    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        Chromium.assumeInstalled();
        api = new ApiHarness("api_report_browser", Clock.systemUTC(), ReportFixture.env());
        ReportFixture.seed(api);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @BeforeEach
    void openBrowser() throws Exception {
        browser = Chromium.start(Files.createTempDirectory("clearway-chromium-"), 1280, 1000);
        wait = new WebDriverWait(browser, WAIT);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void signedInTheReportIsTheCurrentQuartersWithChartsAndTheMap() throws Exception {
        browser.get(api.base() + "/report");
        signIn("officer-d1");
        String quarter = ReportFixture.currentQuarter().label();
        String previous = ReportFixture.currentQuarter().previousQuarter(ZoneOffset.UTC).label();
        assertThat(browser.findElement(By.id("period")).getText()).startsWith(quarter).contains("compared with " + previous);
        for (String chart : List.of("overflow", "response", "verified", "recycling", "trend")) {
            assertThat(browser.findElements(By.cssSelector("#chart-" + chart + " svg rect, #chart-" + chart + " svg path")))
                    .as(chart).hasSizeGreaterThan(5);
        }
        assertThat(browser.findElement(By.id("chart-overflow")).getText()).contains(quarter).contains(previous);
        assertThat(browser.findElements(By.cssSelector("#map path.community"))).hasSize(12);
        assertThat(browser.findElements(By.cssSelector("#map .rank-label"))).hasSize(12);
        // names left, numbers right
        var firstRow = browser.findElements(By.cssSelector("#ranking tbody tr:first-child td"));
        assertThat(firstRow.get(1).getCssValue("text-align")).isEqualTo("left");
        assertThat(firstRow.get(3).getCssValue("text-align")).isEqualTo("right");
        assertThat(browser.findElements(By.cssSelector("#trend tbody tr"))).hasSize(12);
        Path shot = Path.of("target", "report.png");
        Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 2600));
        Files.write(Path.of("target", "report-full.png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void anOfficerSeesTheCommunitiesOfTheirZoneOnly() {
        browser.get(api.base() + "/report");
        signIn("officer-d1");
        assertThat(rankedZones()).containsExactlyInAnyOrderElementsOf(ReportFixture.D1);
        assertThat(browser.findElements(By.cssSelector("#map path.community-c3, #map path.community-k11"))).isEmpty();
        assertThat(browser.findElement(By.id("report")).getText()).doesNotContain("Southbank").doesNotContain("Community 3");

        // another zone in the address is not the officer's to see
        browser.get(api.base() + "/report?zone=d2");
        wait.until(d -> "error".equals(((ChromeDriver) d).executeScript("return document.body.dataset.ready || ''")));
        assertThat(browser.findElement(By.id("load-error")).getText()).contains("not found");
        assertThat(browser.findElement(By.id("report")).isDisplayed()).isFalse();

        browser.findElement(By.id("sign-out")).click();
        signIn("officer-d2");
        assertThat(rankedZones()).containsExactlyInAnyOrderElementsOf(ReportFixture.D2);
        assertThat(browser.findElements(By.cssSelector("#map path.community-c1"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"A4, 29.7, 21.0", "Letter, 27.94, 21.59"})
    void printedEveryTableFitsThePageAndSeventeenCommunitiesTakeAFewPages(String paper, double heightCm,
                                                                         double widthCm) throws Exception {
        browser.get(api.base() + "/report");
        signIn("viewer-city");
        assertThat(rankedZones()).hasSize(17);

        PrintOptions options = new PrintOptions();
        options.setPageSize(new PageSize(heightCm, widthCm));
        options.setPageMargin(new PageMargin(1.2, 1.2, 1.2, 1.2));
        byte[] pdf = Base64.getDecoder().decode(browser.print(options).getContent());
        Files.write(Path.of("target", "report-" + paper + ".pdf"), pdf);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            // the printed pages as images, for docs/report.md (target/report-A4-1.png, ...)
            var renderer = new org.apache.pdfbox.rendering.PDFRenderer(document);
            for (int i = 0; i < document.getNumberOfPages(); i++) {
                javax.imageio.ImageIO.write(renderer.renderImageWithDPI(i, 72), "png",
                        Path.of("target", "report-" + paper + "-" + (i + 1) + ".png").toFile());
            }
            Pages pages = new Pages();
            pages.getText(document);
            String text = pages.text.toString();
            assertThat(document.getNumberOfPages()).as("pages for 17 communities").isBetween(2, 4);
            for (String header : List.of("citizen reports", "recycled", "weight t", "change")) {
                assertThat(text).as(header).contains(header);
            }
            assertThat(text).contains("Queensway").contains("Cathedral Close").contains("Community 3");
            // every character inside the page's width, none cut at its right edge
            assertThat(pages.overflows).as("characters beyond the page's edge").isEmpty();
            assertThat(pages.rightmost).isLessThan(pages.pageWidth - 10);
        }

        // the same in the browser: print media at the printable width (the page less 2 x 12 mm, at 96 px an inch)
        long printable = Math.round((widthCm - 2.4) / 2.54 * 96);
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", printable, "height", 1000,
                "deviceScaleFactor", 1, "mobile", false));
        @SuppressWarnings("unchecked")
        List<Object> widths = (List<Object>) browser.executeScript("return [...document.querySelectorAll('table')]"
                + ".map(t => [t.id, t.getBoundingClientRect().right, t.scrollWidth, t.parentElement.clientWidth,"
                + " document.documentElement.clientWidth])");
        assertThat(widths).hasSize(3);
        for (Object w : widths) {
            List<?> row = (List<?>) w;
            double right = ((Number) row.get(1)).doubleValue();
            assertThat(right).as(row.get(0) + " right edge").isLessThanOrEqualTo(((Number) row.get(4)).doubleValue() + 0.5);
            assertThat(((Number) row.get(2)).doubleValue()).as(row.get(0) + " width")
                    .isLessThanOrEqualTo(((Number) row.get(3)).doubleValue() + 0.5);
        }
    }

    @Test
    void aShareLinkOpensWithoutSignInAndIsRefusedWhenChangedOrExpired() throws Exception {
        browser.get(api.base() + "/report");
        signIn("officer-d1");
        browser.findElement(By.id("share")).click();
        String link = wait.until(d -> {
            String v = d.findElement(By.id("share-url")).getAttribute("value");
            return v == null || v.isEmpty() ? null : v;
        });
        assertThat(link).startsWith(api.base() + "/report/shared?zone=d1&quarter=" + ReportFixture.currentQuarter().label());
        assertThat(browser.findElement(By.id("share-expiry")).getText()).contains("until");

        // a browser that never signed in
        browser.quit();
        browser = Chromium.start(Files.createTempDirectory("clearway-chromium-"), 1280, 1000);
        wait = new WebDriverWait(browser, WAIT);
        browser.get(link);
        waitReady();
        assertThat(browser.findElement(By.id("sign-in")).isDisplayed()).isFalse();
        assertThat(rankedZones()).containsExactlyInAnyOrderElementsOf(ReportFixture.D1);
        assertThat(browser.findElement(By.id("period")).getText()).contains("Shared link, valid until");
        assertThat(browser.manage().getCookieNamed("clearway_session")).isNull();

        // changed: the neighbouring district, or a later expiry
        String otherZone = link.replace("zone=d1", "zone=d2");
        browser.get(otherZone);
        assertDenied("invalid", "This report link is not valid");
        String expires = link.replaceAll(".*expires=([0-9]+).*", "$1");
        browser.get(link.replace("expires=" + expires, "expires=" + (Long.parseLong(expires) + 86_400)));
        assertDenied("invalid", "This report link is not valid");
        assertThat(api.sendWith(Map.of(), "GET", otherZone.substring(api.base().length()), null).status()).isEqualTo(403);
        ApiHarness.Response data = api.sendWith(Map.of(), "GET", otherZone.replace(api.base() + "/report/shared",
                "/report/data"), null);
        assertThat(data.status()).isEqualTo(403);
        assertThat(data.errorCode()).isEqualTo("link_invalid");

        // expired: signed with the server's secret eight days ago, valid for seven
        ShareLinks past = new ShareLinks(ReportFixture.SECRET.getBytes(StandardCharsets.UTF_8),
                Clock.fixed(Instant.now().minus(Duration.ofDays(8)), ZoneOffset.UTC), Duration.ofDays(7));
        String old = "/report/shared?" + past.sign("d1", ReportFixture.currentQuarter().label()).query();
        browser.get(api.base() + old);
        assertDenied("expired", "This report link has expired");
        ApiHarness.Response expired = api.sendWith(Map.of(), "GET", old.replace("/report/shared", "/report/data"), null);
        assertThat(expired.status()).isEqualTo(403);
        assertThat(expired.errorCode()).isEqualTo("link_expired");
    }

    /** The operators' Grafana links each bin of its tables to /#bin=<id>: the console opens that bin's page. */
    @Test
    void aLinkToABinOpensItsPageInTheConsole() {
        browser.get(api.base() + "/#bin=b1");
        signIn("admin-city");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("bin-panel")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("bin-title"), "b1"));
    }

    private void assertDenied(String reason, String title) {
        var denied = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("denied")));
        assertThat(denied.getAttribute("data-reason")).isEqualTo(reason);
        assertThat(denied.getText()).contains(title);
        assertThat(browser.findElements(By.id("ranking"))).isEmpty();
    }

    private void signIn(String token) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token"))).sendKeys(token);
        browser.findElement(By.id("sign-in-button")).click();
        waitReady();
    }

    private void waitReady() {
        wait.until(d -> "true".equals(((ChromeDriver) d).executeScript("return document.body.dataset.ready || ''")));
    }

    private List<String> rankedZones() {
        return browser.findElements(By.cssSelector("#ranking tbody tr")).stream().map(r -> r.getAttribute("data-zone"))
                .toList();
    }

    /** The text of a PDF, and every character whose right edge passes its page's width. */
    private static final class Pages extends PDFTextStripper {
        final StringBuilder text = new StringBuilder();
        final List<String> overflows = new ArrayList<>();
        float rightmost;
        float pageWidth;

        Pages() throws IOException {
            setSortByPosition(true);
        }

        @Override
        protected void startPage(PDPage page) throws IOException {
            pageWidth = page.getMediaBox().getWidth();
            super.startPage(page);
        }

        @Override
        protected void writeString(String string, List<TextPosition> positions) throws IOException {
            text.append(string).append('\n');
            for (TextPosition p : positions) {
                float right = p.getXDirAdj() + p.getWidthDirAdj();
                rightmost = Math.max(rightmost, right);
                if (p.getXDirAdj() < 0 || right > pageWidth) {
                    overflows.add(p.getUnicode() + " at " + right);
                }
            }
        }
    }
}
