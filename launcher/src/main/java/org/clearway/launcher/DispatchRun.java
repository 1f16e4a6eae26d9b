package org.clearway.launcher;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.clearway.core.config.Env;
import org.clearway.core.metrics.MetricsRegistry;
import org.clearway.dispatch.app.DispatchConfig;
import org.clearway.dispatch.app.DispatchService;
import org.clearway.dispatch.fleet.FleetFile;

/**
 * The dispatch service in the all-in-one run: jobs from the readings, with the demonstration fleet
 * unless {@code CLEARWAY_DISPATCH_FLEET_FILE} names another.
 */
final class DispatchRun implements AutoCloseable {
    private final DispatchService service;
    private final Path fleetFile;

    private DispatchRun(DispatchService service, Path fleetFile) {
        this.service = service;
        this.fleetFile = fleetFile;
    }

    static DispatchRun start(Map<String, String> environment, int port, Vertx vertx, Clock clock) throws Exception {
        Map<String, String> vars = new HashMap<>(environment);
        vars.putIfAbsent("CLEARWAY_DISPATCH_HTTP_PORT", Integer.toString(port));
        Path fleet = null;
        if (vars.getOrDefault("CLEARWAY_DISPATCH_FLEET_FILE", "").isBlank()) {
            fleet = demoFleet();
            vars.put("CLEARWAY_DISPATCH_FLEET_FILE", fleet.toString());
        }
        DispatchService service = new DispatchService(DispatchConfig.from(new Env(vars)), clock,
                MetricsRegistry.prometheus("dispatch"), vertx).start();
        return new DispatchRun(service, fleet);
    }

    private static Path demoFleet() throws IOException {
        Path file = Files.createTempFile("clearway-demo-fleet", ".json");
        try (InputStream in = FleetFile.class.getResourceAsStream(FleetFile.DEMO_RESOURCE)) {
            if (in == null) {
                throw new IOException("The demonstration fleet " + FleetFile.DEMO_RESOURCE + " is missing from dispatch's jar");
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    int httpPort() {
        return service.httpPort();
    }

    String describe() {
        return "http://localhost:" + service.httpPort() + "/health" + (fleetFile == null ? "" : " (demonstration fleet)")
                + "; jobs on MQTT dispatch/jobs/{id}, in the jobs table";
    }

    @Override
    public void close() throws IOException {
        service.close();
        if (fleetFile != null) {
            Files.deleteIfExists(fleetFile);
        }
    }
}
