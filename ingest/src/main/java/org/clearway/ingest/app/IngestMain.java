package org.clearway.ingest.app;

import io.vertx.core.Vertx;
import org.clearway.core.config.Env;
import org.clearway.core.metrics.MetricsRegistry;
import org.clearway.core.time.DbClock;

/** Runs the ingest service with its configuration from the environment (see {@link IngestConfig}). */
public final class IngestMain {
    private IngestMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println("""
                    Usage: java -cp clearway-ingest.jar org.clearway.ingest.app.IngestMain
                    The ingest service: subscribes to {prefix}bins/+/telemetry, stores valid readings in
                    PostgreSQL before acknowledging them, keeps bad input in rejected_messages.
                    Configured by environment variables only; README.md lists them all
                    (CLEARWAY_DB_URL, CLEARWAY_MQTT_URL, CLEARWAY_INGEST_* ...).""");
            return;
        }
        IngestConfig config = IngestConfig.from(Env.system());
        Vertx vertx = Vertx.vertx();
        IngestService service = new IngestService(config, DbClock.wall(), MetricsRegistry.prometheus("ingest"), vertx)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            vertx.close().await();
        }, "ingest-shutdown"));
    }
}
