package org.clearway.lab.dispatch;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariDataSource;

import io.vertx.core.Vertx;

import org.clearway.core.config.DatabaseConfig;
import org.clearway.core.config.MqttConfig;
import org.clearway.core.db.Databases;
import org.clearway.core.metrics.MetricsRegistry;
import org.clearway.core.mqtt.MqttClientSettings;
import org.clearway.core.mqtt.PahoMqttSession;
import org.clearway.core.time.DbClock;
import org.clearway.dispatch.app.DispatchConfig;
import org.clearway.dispatch.app.DispatchService;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Dispatch's sustained telemetry throughput: a real {@link DispatchService} leads once so that its persistent broker
 * session exists, steps down, the broker is filled with a backlog of readings for that session, and the service
 * starts again: the rate at which its leader handles the backlog (first to last message handled) is the figure.
 * Each bin's readings rise from 10 % by 9 points a reading (15 minutes apart), so every bin crosses its threshold and
 * gets a job on the way. The rate at which the broker took the backlog from one QoS 1 publisher is printed beside it.
 */
@Command(name = "dispatch-throughput-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures the messages per second the dispatch leader handles from a backlog waiting in the broker.",
                "Prints the broker's intake rate of the backlog and dispatch's handling rate. Exits 1 if not all were handled."})
public final class DispatchThroughputBenchmark implements Callable<Integer> {
    private static final int READINGS_PER_BIN_LIMIT = 10;

    @Mixin
    BenchConnection connection;
    @Option(names = "--bins", defaultValue = "2000", description = "Bins (default: ${DEFAULT-VALUE})")
    int bins;
    @Option(names = "--messages", defaultValue = "20000",
            description = "Telemetry messages in the backlog, one reading each, spread over the bins in turn (default: ${DEFAULT-VALUE})")
    int messages;
    @Option(names = "--batch-size", defaultValue = "" + DispatchConfig.DEFAULT_BATCH_SIZE,
            description = "CLEARWAY_DISPATCH_BATCH_SIZE of the service (default: ${DEFAULT-VALUE})")
    int batchSize;
    @Option(names = "--wait", defaultValue = "600",
            description = "Seconds to wait for the backlog to be handled (default: ${DEFAULT-VALUE})")
    int waitSeconds;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DispatchThroughputBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (bins < 1 || bins > 99_999 || messages < 1 || batchSize < 1 || messages > bins * READINGS_PER_BIN_LIMIT) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--bins must be 1 to 99999, --messages "
                    + "1 to 10 per bin, --batch-size at least 1");
        }
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String schema = "dispatch_tput_" + tag;
        String prefix = "bench-tput-" + tag + "/";
        System.out.printf(Locale.ROOT, "Dispatch throughput benchmark: %,d messages for %,d bins, batch size %d; "
                + "broker %s, database %s, schema %s%n", messages, bins, batchSize, connection.mqttUrl, connection.dbUrl, schema);
        String schemaUrl = connection.schemaUrl(schema);
        DatabaseConfig dbConfig = connection.database(schemaUrl);
        Vertx vertx = Vertx.vertx();
        try (HikariDataSource pool = Databases.pool(dbConfig, "dispatch-bench")) {
            try {
                BenchSetup.prepare(pool, schema, bins);
                DispatchConfig config = BenchSetup.config(connection, schemaUrl, prefix, tag, 1,
                        Map.of("CLEARWAY_DISPATCH_BATCH_SIZE", Integer.toString(batchSize)));
                return run(vertx, config, prefix, tag);
            } finally {
                BenchSetup.drop(pool, schema);
            }
        } finally {
            vertx.close().await();
        }
    }

    private int run(Vertx vertx, DispatchConfig config, String prefix, String tag) throws Exception {
        DispatchService first = new DispatchService(config, DbClock.wall(), MetricsRegistry.prometheus("dispatch"),
                vertx).start();
        try {
            BenchSetup.await("the dispatch service to lead and subscribe", first::isConsuming);
        } finally {
            first.close();
        }
        System.out.println("  dispatch's broker session and subscription exist; the service stepped down");
        double intake = fill(prefix, tag);
        DispatchService service = new DispatchService(config, DbClock.wall(), MetricsRegistry.prometheus("dispatch"),
                vertx).start();
        try {
            long started = System.nanoTime();
            long deadline = started + TimeUnit.SECONDS.toNanos(waitSeconds);
            long firstHandled = 0;
            long lastPrint = started;
            while (service.processedMessages() < messages && System.nanoTime() < deadline) {
                if (firstHandled == 0 && service.processedMessages() > 0) {
                    firstHandled = System.nanoTime();
                }
                if (System.nanoTime() - lastPrint > 5_000_000_000L) {
                    lastPrint = System.nanoTime();
                    System.out.printf(Locale.ROOT, "  %.0f s: %,d of %,d handled, %d unacknowledged%n",
                            (lastPrint - started) / 1e9, service.processedMessages(), messages,
                            service.unacknowledged());
                }
                Thread.sleep(5);
            }
            long handled = service.processedMessages();
            double seconds = (System.nanoTime() - (firstHandled == 0 ? started : firstHandled)) / 1e9;
            System.out.println();
            System.out.printf(Locale.ROOT, "Broker intake:     %,d messages from one QoS 1 publisher at %,.0f messages/s%n",
                    messages, intake);
            System.out.printf(Locale.ROOT, "Dispatch handled:  %,d of %,d messages in %.1f s (first to last): "
                    + "%,.0f messages/s with batch size %d%n", handled, messages, seconds, handled / seconds, batchSize);
            if (handled < messages) {
                System.out.printf("FAILED: %,d messages not handled within %d s%n", messages - handled, waitSeconds);
                return 1;
            }
            return 0;
        } finally {
            service.close();
        }
    }

    /** Publishes the backlog, bins in turn, and returns the rate at which the broker acknowledged it. */
    private double fill(String prefix, String tag) throws Exception {
        MqttConfig broker = new MqttConfig(connection.mqttUrl, "", "", prefix);
        Instant base = DbClock.wall().instant().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(3));
        AtomicLong failed = new AtomicLong();
        try (PahoMqttSession publisher = new PahoMqttSession(MqttClientSettings.publisher(broker, "bench-pub-" + tag,
                100))) {
            publisher.start();
            BenchSetup.await("the publisher to connect", publisher::isConnected);
            long start = System.nanoTime();
            CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
            for (int m = 0; m < messages; m++) {
                int bin = m % bins;
                int k = m / bins;
                last = publisher.publish(prefix + "bins/" + BenchSetup.binId(bin) + "/telemetry",
                        reading(base.plus(Duration.ofMinutes(15L * k)), 10 + 9 * k), 1, false);
                last.whenComplete((ok, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                    }
                });
            }
            last.get(60, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (failed.get() > 0) {
                throw new IllegalStateException(failed.get() + " publishes failed: check the broker at " + connection.mqttUrl);
            }
            System.out.printf(Locale.ROOT, "  backlog of %,d messages published in %.1f s%n", messages, seconds);
            return messages / seconds;
        }
    }

    private static byte[] reading(Instant ts, double fill) {
        return ("{\"ts\":\"" + ts + "\",\"fill\":" + fill + "}").getBytes(StandardCharsets.UTF_8);
    }
}
