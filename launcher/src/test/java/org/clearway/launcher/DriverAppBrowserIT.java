package org.clearway.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.clearway.embedded.BrokerAccounts;
import org.clearway.embedded.EmbeddedBroker;
import org.clearway.testsupport.BrokerEndpoint;
import org.clearway.testsupport.FaultProxy;
import org.clearway.testsupport.TestInfrastructure;
import org.clearway.testsupport.TestSchema;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import picocli.CommandLine;

/**
 * Issue 15: the driver app in Chromium against the real broker (over MQTT on WebSockets, through a proxy the test cuts)
 * and the real database, with dispatch (and ingest and the API) running as the launcher runs them. The app signs in as
 * the truck, gets its retained route, and the driver follows it to the end; in the middle the connection is cut, the
 * driver goes on (collected, a break), the page is even reloaded without any network (the service worker serves it,
 * the queue is on the device), and when the connection is back the queued updates go out in order. The database then
 * holds every collection once: none lost, none twice; the break once, ended.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class DriverAppBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int BINS = 4;

    @Test
    void theDriverFollowsTheRouteToTheEndThroughALostConnection(@TempDir Path temp) throws Exception {
        DriverBrowser.assumeInstalled();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String truck = "drv-" + tag;
        String prefix = "driver-" + tag + "/";
        List<AutoCloseable> cleanup = new ArrayList<>();
        BrokerEndpoint endpoint = TestInfrastructure.broker();
        String mqtt = endpoint.serverUri();
        String ws = endpoint.webSocketUri();
        if (ws == null) {
            // The environment's broker has no WebSocket listener (a Mosquitto started before clearway.conf had one).
            EmbeddedBroker own = EmbeddedBroker.start(null, 0, BrokerAccounts.anonymous(), null, 0,
                    EmbeddedBroker.WebSockets.anyPorts());
            cleanup.add(own);
            mqtt = own.serverUri();
            ws = own.webSocketUri();
        }
        URI wsUri = URI.create(ws);
        try (TestSchema schema = TestSchema.create("driver");
             FaultProxy proxy = new FaultProxy(wsUri.getHost(), wsUri.getPort())) {
            Map<String, String> env = new HashMap<>();
            env.put("CLEARWAY_DB_URL", schema.jdbcUrl());
            env.put("CLEARWAY_DB_USER", schema.endpoint().user());
            env.put("CLEARWAY_DB_PASSWORD", schema.endpoint().password() == null ? "" : schema.endpoint().password());
            env.put("CLEARWAY_MQTT_URL", mqtt);
            env.put("CLEARWAY_TOPIC_PREFIX", prefix);
            env.put("CLEARWAY_INGEST_CLIENT_ID", "driver-ingest-" + tag);
            env.put("CLEARWAY_INGEST_SHARE_GROUP", "driver-" + tag);
            env.put("CLEARWAY_DISPATCH_CLIENT_ID", "driver-dispatch-" + tag);
            env.put("CLEARWAY_DISPATCH_SHARE_GROUP", "driver-dispatch-" + tag);
            env.put("CLEARWAY_DISPATCH_FLEET_FILE", fleet(temp, truck).toString());
            env.put("CLEARWAY_DISPATCH_PLAN_INTERVAL", "24h"); // the route is the test's; no plan replaces it meanwhile
            // The city's clock at mid-morning whatever the hour: at 23:57 UTC a UTC city's shift (to 23:59) had no
            // room left, so dispatch's own first plan released the test's jobs and refused the driver's updates.
            ZoneOffset city = midMorning(Instant.now());
            env.put("CLEARWAY_DISPATCH_TIME_ZONE", city.getId());
            env.put("CLEARWAY_API_TOKENS", sha256("driver-test-token") + "=viewer:*");
            env.put("CLEARWAY_DRIVER_MQTT_URL", "ws://127.0.0.1:" + proxy.port() + wsUri.getPath());
            ClearwayLauncher launcher = new ClearwayLauncher();
            new CommandLine(launcher).parseArgs("--no-simulator", "--speed", "1", "--start", "now", "--http-port", "0",
                    "--api-port", "0", "--dispatch-port", "0", "--data-dir", temp.resolve("data").toString());
            try (ClearwayLauncher.RunningSystem system = launcher.start(env)) {
                List<Long> jobs = dispatchedJobs(schema, truck, system.clock().instant());
                ChromeDriver browser = DriverBrowser.start(temp.resolve("profile"));
                cleanup.add(browser::quit);
                String broker = mqtt;
                // Published once the app listens: dispatch's own first plan (revision 1) may come before or after;
                // the app keeps the highest revision.
                Publisher route = () -> publishRoute(broker, prefix, truck, jobs, system.clock().instant(), city);
                drive(browser, system.apiPort(), truck, proxy, route);
                assertStoredOnce(schema, truck, jobs);
            }
        } finally {
            for (int i = cleanup.size() - 1; i >= 0; i--) {
                cleanup.get(i).close();
            }
        }
    }

    @FunctionalInterface
    interface Publisher {
        void publish() throws Exception;
    }

    private static void drive(ChromeDriver browser, int apiPort, String truck, FaultProxy proxy, Publisher route)
            throws Exception {
        browser.get("http://127.0.0.1:" + apiPort + "/driver/");
        WebElement form = awaitElement(browser, "#sign-in:not([hidden])");
        form.findElement(By.name("truck")).sendKeys(truck);
        form.findElement(By.name("password")).sendKeys("the-truck-password");
        assertThat(form.findElement(By.name("broker")).getDomProperty("value")).as("from /driver/config.json")
                .startsWith("ws://127.0.0.1:" + proxy.port());
        form.findElement(By.cssSelector("button[type=submit]")).click();
        await(browser, "connected", () -> "online".equals(body(browser).getDomAttribute("data-link")));
        route.publish();
        await(browser, "the route", () -> browser.findElement(By.id("revision")).getText().startsWith("revision 1000"));
        assertThat(browser.findElements(By.cssSelector("#stops li"))).hasSize(BINS + 2);
        await(browser, "the service worker", () -> Boolean.TRUE.equals(browser.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "navigator.serviceWorker.ready.then(() => done(true), () => done(false));")));
        assertThat(browser.findElement(By.id("navigate")).getDomAttribute("href")).startsWith("geo:31.2");
        screenshot(browser, "driver.png"); // docs/driver.png: the route and its next stop

        collectNext(browser, "job:");
        await(browser, "the first collection answered", () -> queued(browser) == 0);

        proxy.cut();
        await(browser, "offline", () -> !"online".equals(body(browser).getDomAttribute("data-link")));
        collectNext(browser, "job:");
        click(browser, "#next-actions button", "Start break");
        click(browser, "#next-actions button", "End break");
        assertThat(queued(browser)).as("accepted, arrived, collected; break start, end").isEqualTo(5);

        // No network at all: the page comes back from the service worker, the queue from the device.
        browser.setNetworkConditions(offline(true));
        browser.navigate().refresh();
        await(browser, "the app, offline", () -> !browser.findElements(By.cssSelector("#app:not([hidden])")).isEmpty());
        collectNext(browser, "job:");
        assertThat(queued(browser)).isEqualTo(8);
        browser.setNetworkConditions(offline(false));

        proxy.restore();
        await(browser, "back online", () -> "online".equals(body(browser).getDomAttribute("data-link")));
        await(browser, "every queued update answered", () -> queued(browser) == 0);
        collectNext(browser, "job:");
        click(browser, "#next-actions button", "Done");
        awaitElement(browser, "#route-done");
        await(browser, "the last collection answered", () -> queued(browser) == 0);
        screenshot(browser, "driver-done.png");
        assertThat(browser.findElements(By.cssSelector("#messages .rejected"))).as("no update refused").isEmpty();
    }

    private static void screenshot(ChromeDriver browser, String name) throws java.io.IOException {
        Path shot = Path.of("target", name);
        Files.createDirectories(shot.getParent());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
    }

    private static ChromiumNetworkConditions offline(boolean offline) {
        ChromiumNetworkConditions conditions = new ChromiumNetworkConditions();
        conditions.setOffline(offline);
        return conditions;
    }

    private static void collectNext(ChromeDriver browser, String kind) throws InterruptedException {
        assertThat(browser.findElement(By.id("next-stop")).getDomAttribute("data-key")).startsWith(kind);
        click(browser, "#next-actions button", "Collected");
    }

    private static void click(ChromeDriver browser, String selector, String label) throws InterruptedException {
        await(browser, "a button " + label, () -> browser.findElements(By.cssSelector(selector)).stream()
                .anyMatch(b -> label.equals(b.getText())));
        for (int attempt = 1; ; attempt++) {
            try {
                browser.findElements(By.cssSelector(selector)).stream().filter(b -> label.equals(b.getText()))
                        .findFirst().orElseThrow().click();
                return;
            } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
                if (attempt == 3) {
                    throw redrawn; // the page redraws when an answer arrives: find the button again
                }
            }
        }
    }

    private static int queued(ChromeDriver browser) {
        return Integer.parseInt(browser.findElement(By.id("queued")).getDomAttribute("data-count"));
    }

    private static WebElement body(ChromeDriver browser) {
        return browser.findElement(By.tagName("body"));
    }

    private static WebElement awaitElement(ChromeDriver browser, String css) throws InterruptedException {
        await(browser, css, () -> !browser.findElements(By.cssSelector(css)).isEmpty());
        return browser.findElement(By.cssSelector(css));
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
        Object logs = browser.executeScript("return JSON.stringify(Object.entries(localStorage))");
        throw new AssertionError("waited " + WAIT.toSeconds() + " s for " + what + "; the page shows: "
                + browser.findElement(By.tagName("body")).getText() + "\nits storage: " + logs);
    }

    /** Every job collected once (one event, one collections row), in order, and the break once. */
    private static void assertStoredOnce(TestSchema schema, String truck, List<Long> jobs) throws Exception {
        try (Connection c = schema.dataSource().getConnection()) {
            for (long job : jobs) {
                assertThat(strings(c, "SELECT to_state FROM job_events WHERE job_id = ? AND actor = ? ORDER BY at, id",
                        job, truck)).as("job " + job).containsExactly("accepted", "arrived", "collected");
                assertThat(strings(c, "SELECT count(*)::text FROM collections WHERE job_id = ?", job, null))
                        .as("collections of job " + job).containsExactly("1");
            }
            assertThat(strings(c, "SELECT (ended_at > started_at)::text FROM truck_breaks WHERE truck_id = ?", truck, null))
                    .as("one break, ended").containsExactly("true");
        }
    }

    private static List<String> strings(Connection c, String sql, Object first, Object second) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, first);
            if (second != null) {
                ps.setObject(2, second);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        }
    }

    /** A fleet of one truck working all day, so that the test runs at any hour. */
    private static Path fleet(Path temp, String truck) throws Exception {
        Path file = temp.resolve("fleet.json");
        Files.writeString(file, """
                {"version": 1,
                 "facilities": [
                   {"id": "depot-d", "kind": "depot", "name": "Depot", "lat": 31.2710, "lon": 121.4620,
                    "opens": "00:00", "closes": "24:00"},
                   {"id": "plant-d", "kind": "treatment_plant", "name": "Plant", "lat": 31.2190, "lon": 121.3980,
                    "acceptedStreams": ["residual"], "opens": "00:00", "closes": "24:00"}],
                 "trucks": [
                   {"id": "%s", "depot": "depot-d", "streams": ["residual"], "capacityVolumeL": 18000,
                    "capacityWeightKg": 9000, "shiftStart": "00:00", "shiftEnd": "23:59"}]}
                """.formatted(truck));
        return file;
    }

    /** Bins with a job each, dispatched to the truck as the planner does (its events: open, planned, dispatched). */
    private static List<Long> dispatchedJobs(TestSchema schema, String truck, Instant now) throws Exception {
        Instant at = now.minus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.MILLIS);
        List<Long> jobs = new ArrayList<>();
        try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO zones (id, parent_id, level, name) VALUES ('d-d', NULL, 'district', 'D'),"
                    + " ('d-s', 'd-d', 'street', 'S'), ('d-c', 'd-s', 'community', 'C') ON CONFLICT DO NOTHING");
            for (int i = 1; i <= BINS; i++) {
                String bin = "drv-bin-" + i;
                s.execute("INSERT INTO bins (id, zone_id, stream, volume_l, depth_mm, lat, lon) VALUES ('" + bin
                        + "', 'd-c', 'residual', 240, 1000, " + (31.23 + i * 0.001) + ", " + (121.47 + i * 0.001) + ")");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO jobs (bin_id, reason, priority, state, due_at,"
                        + " truck_id, created_at, updated_at, cause) VALUES (?, 'threshold', 'normal', 'dispatched', ?, ?,"
                        + " ?, ?, 'test') RETURNING id")) {
                    ps.setString(1, bin);
                    ps.setObject(2, at.plus(Duration.ofHours(6)).atOffset(ZoneOffset.UTC));
                    ps.setString(3, truck);
                    ps.setObject(4, at.atOffset(ZoneOffset.UTC));
                    ps.setObject(5, at.atOffset(ZoneOffset.UTC));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        jobs.add(rs.getLong(1));
                    }
                }
                long job = jobs.get(jobs.size() - 1);
                s.execute("INSERT INTO job_events (job_id, from_state, to_state, at, actor) VALUES (" + job
                        + ", NULL, 'open', '" + at + "', 'engine'), (" + job + ", 'open', 'planned', '" + at
                        + "', 'planner'), (" + job + ", 'planned', 'dispatched', '" + at + "', 'planner')");
            }
        }
        return jobs;
    }

    /** The truck's route as the planner publishes it: retained, versioned; two bins, a break, two bins, the depot. */
    /** A fixed offset at which {@code now} is between 10:00 and 11:00, so that the day's shift has hours left. */
    static ZoneOffset midMorning(Instant now) {
        int utcHour = now.atOffset(ZoneOffset.UTC).getHour();
        return ZoneOffset.ofHours(Math.floorMod(10 - utcHour + 12, 24) - 12);
    }

    private static void publishRoute(String mqtt, String prefix, String truck, List<Long> jobs, Instant now,
            ZoneOffset city) throws Exception {
        StringBuilder stops = new StringBuilder();
        int seq = 0;
        for (int i = 0; i < jobs.size(); i++) {
            if (i == 2) {
                stops.append("{\"seq\":").append(++seq).append(",\"kind\":\"break\",\"plannedStart\":\"")
                        .append(now.plus(Duration.ofMinutes(40)).truncatedTo(ChronoUnit.SECONDS)).append("\",\"minutes\":30},");
            }
            stops.append("{\"seq\":").append(++seq).append(",\"kind\":\"bin\",\"jobId\":").append(jobs.get(i))
                    .append(",\"binId\":\"drv-bin-").append(i + 1).append("\",\"lat\":").append(31.23 + (i + 1) * 0.001)
                    .append(",\"lon\":").append(121.47 + (i + 1) * 0.001).append(",\"stream\":\"residual\",")
                    .append("\"priority\":\"normal\",\"plannedArrival\":\"")
                    .append(now.plus(Duration.ofMinutes(10L * (i + 1))).truncatedTo(ChronoUnit.SECONDS)).append("\"},");
        }
        stops.append("{\"seq\":").append(++seq).append(",\"kind\":\"depot\",\"facilityId\":\"depot-d\",\"lat\":31.271,")
                .append("\"lon\":121.462,\"plannedArrival\":\"")
                .append(now.plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS)).append("\"}");
        String route = "{\"version\":1,\"truckId\":\"" + truck + "\",\"shiftDate\":\"" + LocalDate.ofInstant(now,
                city) + "\",\"revision\":1000,\"publishedAt\":\"" + now.truncatedTo(ChronoUnit.SECONDS)
                + "\",\"stops\":[" + stops + "]}";
        MqttClient client = new MqttClient(mqtt, "driver-route-" + truck, new MemoryPersistence());
        try {
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            client.connect(options);
            MqttMessage message = new MqttMessage(route.getBytes(StandardCharsets.UTF_8));
            message.setQos(1);
            message.setRetained(true);
            client.publish(prefix + "trucks/" + truck + "/route", message);
            client.disconnect();
        } finally {
            client.close(true);
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Debian's chromium, headless, through Debian's chromedriver; skipped without them (.ci/run installs them). */
    static final class DriverBrowser {
        static final Path BROWSER = Path.of("/usr/bin/chromium");
        static final Path DRIVER = Path.of("/usr/bin/chromedriver");

        static void assumeInstalled() {
            org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER),
                    "browser test skipped: " + BROWSER + " and " + DRIVER + " are needed (apt-get install chromium "
                            + "chromium-driver; .ci/run does it)");
        }

        static ChromeDriver start(Path profile) throws Exception {
            java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(java.util.logging.Level.SEVERE);
            Files.createDirectories(profile);
            org.openqa.selenium.chrome.ChromeOptions options = new org.openqa.selenium.chrome.ChromeOptions();
            options.setBinary(BROWSER.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=420,900");
            org.openqa.selenium.chrome.ChromeDriverService service = new org.openqa.selenium.chrome.ChromeDriverService
                    .Builder().usingDriverExecutable(new File(DRIVER.toString())).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            return driver;
        }
    }
}
