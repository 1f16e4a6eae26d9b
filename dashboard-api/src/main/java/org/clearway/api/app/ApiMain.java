package org.clearway.api.app;

import io.vertx.core.Vertx;
import org.clearway.core.config.Env;
import org.clearway.core.time.DbClock;

/** Runs the dashboard API, configured by the environment ({@link ApiConfig}); stops on SIGTERM/Ctrl+C. */
public final class ApiMain {
    private ApiMain() {
    }

    public static void main(String[] args) {
        ApiConfig config;
        ApiTls tls;
        try {
            config = ApiConfig.from(Env.system());
            tls = ApiTls.from(Env.system());
        } catch (Env.ConfigException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Vertx vertx = Vertx.vertx();
        ApiService service = new ApiService(config, tls, DbClock.wall(), vertx);
        service.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            vertx.close().await();
        }, "clearway-api-shutdown"));
    }
}
