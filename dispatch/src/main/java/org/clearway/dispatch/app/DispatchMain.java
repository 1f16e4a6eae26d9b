package org.clearway.dispatch.app;


import io.vertx.core.Vertx;

import org.clearway.core.config.Env;
import org.clearway.core.metrics.MetricsRegistry;
import org.clearway.core.time.DbClock;

/** Runs the dispatch service with its configuration from the environment (see {@link DispatchConfig}). */
public final class DispatchMain {
    private DispatchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println("""
                    Usage: java -cp clearway-dispatch.jar org.clearway.dispatch.app.DispatchMain
                    The dispatch service: one leader among its instances (a PostgreSQL advisory lock)
                    subscribes to {prefix}bins/+/telemetry, decides per reading which bins need a job,
                    stores the jobs and publishes them on {prefix}dispatch/jobs/{jobId}.
                    Configured by environment variables only; docs/dispatch.md lists them all
                    (CLEARWAY_DB_URL, CLEARWAY_MQTT_URL, CLEARWAY_DISPATCH_* ...).""");
            return;
        }
        DispatchConfig config = DispatchConfig.from(Env.system());
        Vertx vertx = Vertx.vertx();
        DispatchService service = new DispatchService(config, DbClock.wall(), MetricsRegistry.prometheus("dispatch"),
                vertx).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            vertx.close().await();
        }, "dispatch-shutdown"));
    }
}
