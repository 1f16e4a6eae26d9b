package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.clearway.api.security.TokenRegistry;
import org.clearway.embedded.BrokerAccounts;
import org.clearway.embedded.EmbeddedBroker;
import org.clearway.testsupport.BrokerEndpoint;
import org.clearway.testsupport.TestInfrastructure;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;

/**
 * Issue 15: in Chromium, the driver attaches a photo at a stop while the tablet has no network, collects, and the photo
 * waits on the device (IndexedDB); when the network is back it reaches the API once, tied to the job and the truck.
 * The console of a dispatcher of the bin's zone shows it on the bin's page, beside the fill forecast's band (issue 15:
 * the bin's page with its forecast); another district's dispatcher sees none.
 * Real API, PostgreSQL and broker (its WebSocket listener, else an embedded HiveMQ of the test's own).
 */
@Timeout(480)
class DriverPhotoBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PASSWORD = "the-truck-password";

    @Test
    void aPhotoTakenOfflineReachesTheApiOnceAndTheZonesDispatcherSeesIt(@TempDir Path temp) throws Exception {
        Chromium.assumeInstalled();
        List<AutoCloseable> cleanup = new ArrayList<>();
        BrokerEndpoint endpoint = TestInfrastructure.broker();
        String mqtt = endpoint.serverUri();
        String ws = endpoint.webSockets().orElse(null);
        if (ws == null) {
            EmbeddedBroker own = EmbeddedBroker.start(null, 0, BrokerAccounts.anonymous(), null, 0,
                    EmbeddedBroker.WebSockets.anyPorts());
            cleanup.add(own);
            mqtt = own.serverUri();
            ws = own.webSocketUri();
        }
        String prefix = "photo-" + UUID.randomUUID().toString().substring(0, 8) + "/";
        // The truck's photo key is its broker password: the driver signs in once.
        ApiHarness api = new ApiHarness("driver_photo_browser", Clock.systemUTC(), OperationsFixture.env(Map.of(
                "CLEARWAY_DRIVER_MQTT_URL", ws, "CLEARWAY_TOPIC_PREFIX", prefix,
                "CLEARWAY_DRIVER_PHOTO_KEYS", TokenRegistry.sha256(PASSWORD) + "=t1")));
        cleanup.add(api);
        try {
            OperationsFixture fixture = OperationsFixture.seed(api);
            long job = fixture.jobs.get("dispatched"); // b3 of community c2 (street s1), truck t1
            Path photo = temp.resolve("bin.jpg");
            Files.write(photo, DriverPhotosIT.jpeg(Color.ORANGE));

            ChromeDriver driver = Chromium.start(temp.resolve("driver"), 420, 900);
            cleanup.add(driver::quit);
            driver.get(api.base() + "/driver/");
            await(driver, "the sign-in", () -> !driver.findElements(By.cssSelector("#sign-in:not([hidden])")).isEmpty());
            driver.findElement(By.name("truck")).sendKeys("t1");
            driver.findElement(By.name("password")).sendKeys(PASSWORD);
            driver.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
            await(driver, "connected", () -> "online".equals(body(driver).getDomAttribute("data-link")));
            publishRoute(mqtt, prefix, job);
            await(driver, "the route", () -> driver.findElement(By.id("revision")).getText().startsWith("revision 1000"));
            assertThat(driver.findElement(By.id("photos-queued")).isDisplayed()).isTrue();

            driver.setNetworkConditions(offline(true));
            driver.findElement(By.id("photo")).sendKeys(photo.toAbsolutePath().toString());
            await(driver, "the photo attached", () -> "true".equals(driver.findElement(By.cssSelector("label.photo"))
                    .getDomAttribute("data-attached")));
            driver.findElements(By.cssSelector("#next-actions button")).stream()
                    .filter(b -> "Collected".equals(b.getText())).findFirst().orElseThrow().click();
            await(driver, "the photo queued on the device", () -> photosQueued(driver) == 1);
            Thread.sleep(2000);
            assertThat(photosQueued(driver)).as("no network: it waits").isEqualTo(1);
            assertThat(stored(api, job)).isEmpty();

            driver.setNetworkConditions(offline(false));
            await(driver, "the photo sent", () -> photosQueued(driver) == 0);
            assertThat(stored(api, job)).as("once, the truck's, of its job").containsExactly("t1 b3 collected image/jpeg");
            assertThat(driver.findElements(By.cssSelector("#messages .rejected"))).isEmpty();

            BinForecastIT.insertForecast(api, "b3", java.time.Instant.now().minusSeconds(600)
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS), 40);
            ChromeDriver console = Chromium.start(temp.resolve("console"), 1400, 900);
            cleanup.add(console::quit);
            assertThat(binPagePhotos(console, api, "dispatcher-s1")).as("the zone's dispatcher").isEqualTo(1);
            assertThat(console.findElement(By.id("forecast-band")).getDomAttribute("points")).as("the forecast's band")
                    .matches("^[-0-9.]+,[-0-9.]+ [-0-9.]+,0 [-0-9.]+,0$");
            assertThat(console.findElement(By.id("bin-forecast")).getText()).startsWith("Forecast: threshold around");
            console.executeScript("document.getElementById('bin-panel').scrollIntoView()");
            Files.write(Path.of("target", "console-bin.png"),
                    console.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            ChromeDriver other = Chromium.start(temp.resolve("other"), 1400, 900);
            cleanup.add(other::quit);
            assertThat(binPagePhotos(other, api, "dispatcher-c3")).as("another district's dispatcher").isZero();
        } finally {
            for (int i = cleanup.size() - 1; i >= 0; i--) {
                cleanup.get(i).close();
            }
        }
    }

    /** Signs in to the console, opens bin b3's page and counts the photos that loaded. */
    private static long binPagePhotos(ChromeDriver browser, ApiHarness api, String token) throws InterruptedException {
        browser.get(api.base() + "/");
        await(browser, "the console's sign-in", () -> browser.findElement(By.id("token")).isDisplayed());
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.id("sign-in-button")).click();
        await(browser, "the console", () -> "true".equals(browser.executeScript("return document.body.dataset.ready || ''")));
        browser.get(api.base() + "/#bin=b3");
        browser.navigate().refresh();
        await(browser, "the bin's page", () -> !browser.findElement(By.id("bin-facts")).getText().isBlank());
        if (browser.findElements(By.cssSelector("#bin-facts .error")).isEmpty()) {
            await(browser, "the photo loaded", () -> Boolean.TRUE.equals(browser.executeScript(
                    "const i = document.querySelector('#bin-photos img'); return !!i && i.complete && i.naturalWidth > 0;")));
        }
        return (Long) browser.executeScript(
                "return Array.from(document.querySelectorAll('#bin-photos img')).filter(i => i.naturalWidth > 0).length;");
    }

    private static List<String> stored(ApiHarness api, long job) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = api.db().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT truck_id, bin_id, kind, content_type FROM stop_photos WHERE job_id = ? ORDER BY id")) {
            ps.setLong(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
                }
            }
        }
        return rows;
    }

    private static int photosQueued(ChromeDriver browser) {
        return Integer.parseInt(browser.findElement(By.id("photos-queued")).getDomAttribute("data-count"));
    }

    private static org.openqa.selenium.WebElement body(ChromeDriver browser) {
        return browser.findElement(By.tagName("body"));
    }

    private static ChromiumNetworkConditions offline(boolean offline) {
        ChromiumNetworkConditions conditions = new ChromiumNetworkConditions();
        conditions.setOffline(offline);
        return conditions;
    }

    private static void await(ChromeDriver browser, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException stale) {
                // the page is re-rendering: ask again
            }
            Thread.sleep(200);
        }
        throw new AssertionError("waited " + WAIT.toSeconds() + " s for " + what + "; the page shows: "
                + browser.findElement(By.tagName("body")).getText());
    }

    /** t1's route as the planner publishes it: retained, versioned; the job's bin, then the depot. */
    private static void publishRoute(String mqtt, String prefix, long job) throws Exception {
        String route = "{\"version\":1,\"truckId\":\"t1\",\"shiftDate\":\"" + LocalDate.now(ZoneOffset.UTC)
                + "\",\"revision\":1000,\"stops\":[{\"seq\":1,\"kind\":\"bin\",\"jobId\":" + job + ",\"binId\":\"b3\","
                + "\"lat\":31.3,\"lon\":121.5,\"stream\":\"recyclable\",\"priority\":\"urgent\"},"
                + "{\"seq\":2,\"kind\":\"depot\",\"facilityId\":\"depot-n\",\"lat\":31.27,\"lon\":121.46}]}";
        MqttClient client = new MqttClient(mqtt, "photo-route-" + UUID.randomUUID(), new MemoryPersistence());
        try {
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            client.connect(options);
            MqttMessage message = new MqttMessage(route.getBytes(StandardCharsets.UTF_8));
            message.setQos(1);
            message.setRetained(true);
            client.publish(prefix + "trucks/t1/route", message);
            client.disconnect();
        } finally {
            client.close(true);
        }
    }
}
