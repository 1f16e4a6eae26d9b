package org.clearway.launcher;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.clearway.core.config.DatabaseConfig;
import org.clearway.core.config.Env;
import org.clearway.core.db.Databases;
import org.clearway.core.metrics.MetricsRegistry;
import org.clearway.core.time.DbClock;
import org.clearway.embedded.EmbeddedBroker;
import org.clearway.embedded.EmbeddedDatabase;
import org.clearway.ingest.app.IngestConfig;
import org.clearway.ingest.app.IngestService;
import org.clearway.simulator.Simulation;
import org.clearway.simulator.devices.Fleet;
import org.clearway.simulator.trucks.DrivingModel;
import org.clearway.simulator.model.SimulatedTime;
import org.clearway.simulator.trucks.TruckStats;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The all-in-one launcher: the whole system on one machine. By default it starts an embedded
 * PostgreSQL and an embedded MQTT broker (real servers, data kept in {@code --data-dir} between
 * runs), the ingest service, dispatch, the dashboard API, the simulator feeding it, and simulated
 * trucks following dispatch's routes, all on one city clock ({@link CityClock}: from now or the next day shift, at
 * {@code --speed}, 60 by default). {@code CLEARWAY_DB_URL} or
 * {@code CLEARWAY_MQTT_URL} (or the options) point it at an external database or broker instead.
 */
@Command(name = "clearway", mixinStandardHelpOptions = true, sortOptions = false, version = "Clearway 0.1.0",
        description = {"Runs Clearway on one machine: embedded PostgreSQL and MQTT broker (unless external ones",
                "are given), the ingest service, and simulated bins feeding it. Ctrl+C stops it cleanly."})
public final class ClearwayLauncher implements Callable<Integer> {
    @Option(names = "--data-dir", defaultValue = "data", description = "Where the embedded servers keep their data (default: ${DEFAULT-VALUE})")
    Path dataDir;
    @Option(names = "--db-url", description = "External PostgreSQL JDBC URL instead of the embedded one (env CLEARWAY_DB_URL)")
    String dbUrl;
    @Option(names = "--db-port", defaultValue = "15432", description = "Port of the embedded PostgreSQL (default: ${DEFAULT-VALUE})")
    int dbPort;
    @Option(names = "--mqtt-url", description = "External broker URI instead of the embedded one (env CLEARWAY_MQTT_URL)")
    String mqttUrl;
    @Option(names = "--mqtt-port", defaultValue = "11883", description = "Port of the embedded MQTT broker (default: ${DEFAULT-VALUE})")
    int mqttPort;
    @Option(names = "--mqtt-tls-port", defaultValue = "18883",
            description = "Port of the embedded broker's MQTT over TLS, which the services use (default: ${DEFAULT-VALUE}; 0: any free one)")
    int mqttTlsPort;
    @Option(names = "--http-port", defaultValue = "8081", description = "Ingest's /health and /metrics port (default: ${DEFAULT-VALUE})")
    int httpPort;
    @Option(names = "--api-port", defaultValue = "8082", description = "Dashboard API port (default: ${DEFAULT-VALUE})")
    int apiPort;
    @Option(names = "--dispatch-port", defaultValue = "8083", description = "Dispatch's /health and /metrics port (default: ${DEFAULT-VALUE})")
    int dispatchPort;
    // Plain flags: picocli's negatable options named --no-x turned the simulator on rather than off.
    @Option(names = "--no-simulator", description = "Do not run the simulator feeding ingest (nor its trucks)")
    boolean noSimulator;
    @Option(names = "--no-trucks", description = "Do not simulate the trucks of the fleet dispatch stored (they follow its routes)")
    boolean noTrucks;
    @Option(names = "--bins", defaultValue = "200", description = "Simulated bins (default: ${DEFAULT-VALUE})")
    int bins;
    @Option(names = "--speed", defaultValue = "60", description = "How fast the city's clock runs, shared by every service, the bins and the trucks: 60 makes a wall-clock minute one city hour, 1 is real time (default: ${DEFAULT-VALUE})")
    double speed;
    @Option(names = "--start", defaultValue = "auto", description = "Where the city's clock starts: auto (now during the day shift, 06:00-20:00 in CLEARWAY_DISPATCH_TIME_ZONE, else the next 06:00), now, or an instant such as 2026-11-30T06:00:00Z; a city kept in --data-dir that ran ahead resumes where it stopped (default: ${DEFAULT-VALUE})")
    String start;
    @Option(names = "--rate", defaultValue = "100", description = "Simulator messages per second at most (default: ${DEFAULT-VALUE})")
    double rate;
    @Option(names = "--bad-share", defaultValue = "0.01", description = "Share of bad payloads the simulator sends (default: ${DEFAULT-VALUE})")
    double badShare;
    @Option(names = "--seed", defaultValue = "1", description = "Simulator seed (default: ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--fleet", defaultValue = "mixed", description = "The simulated bins' sensors: contract (the contract's JSON), mixed (40 % contract, the rest LoRaWAN devices whose frames come through ChirpStack and The Things Stack; ingest reads all three and relays the LoRaWAN readings to dispatch, which decides on every bin), or lorawan; docs/devices.md (default: ${DEFAULT-VALUE})")
    String fleet;
    @Option(names = "--lab-city", description = "Run the policy evaluation's city instead of the demonstration's: for --seed and --bins the same bins, depots, facilities and fleet (--trucks per district and stream) as PolicyEvaluation --streams residual,recyclable,kitchen,hazardous, sensors as the lab's (--report-minutes, contract sensors, no faults), no stand-in collections (the trucks do them all), the city's clock in UTC from a Monday 00:00; at exit it prints the measured truck-km and overflow (docs/policy.md, \"The live city\")")
    boolean labCity;
    @Option(names = "--trucks", defaultValue = "2", description = "With --lab-city: trucks per district and stream, as PolicyEvaluation's --trucks (default: ${DEFAULT-VALUE})")
    int trucksPerStream;
    @Option(names = "--report-minutes", defaultValue = "60", description = "With --lab-city: the sensors' report period, as PolicyEvaluation's (default: ${DEFAULT-VALUE})")
    int reportMinutes;
    @Option(names = "--warmup-days", defaultValue = "7", description = "With --lab-city: days not measured at the start, as PolicyEvaluation's; at exit the launcher prints the figures of the whole days after them (default: ${DEFAULT-VALUE})")
    int warmupDays;

    public static void main(String[] args) {
        int code = new CommandLine(new ClearwayLauncher()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws Exception {
        RunningSystem system = start(System.getenv());
        // Ctrl+C, SIGINT or SIGTERM: one hook stops everything in reverse order (the services flush, commit,
        // acknowledge and disconnect while the broker and the database still run) and says so.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Clearway ...");
            system.measuredDays(warmupDays).ifPresent(System.out::println);
            system.close();
            System.out.println("Clearway stopped.");
        }, "clearway-shutdown"));
        system.stopEmbeddedServersOnlyOnClose();
        new CountDownLatch(1).await(); // until Ctrl+C
        return 0;
    }

    /** Everything the launcher started, stopped in reverse order. */
    public static final class RunningSystem implements AutoCloseable {
        private final List<AutoCloseable> parts;
        private final int httpPort;
        private final int apiPort;

        private final SimulatorRun simulator;
        private final Map<String, String> environment;

        private final int dispatchPort;
        private final DbClock clock;
        private final LabCityMeter meter;
        private final DatabaseConfig database;

        RunningSystem(List<AutoCloseable> parts, int httpPort, int apiPort, int dispatchPort, SimulatorRun simulator,
                      Map<String, String> environment, DbClock clock, LabCityMeter meter, DatabaseConfig database) {
            this.parts = parts;
            this.meter = meter;
            this.database = database;
            this.clock = clock;
            this.dispatchPort = dispatchPort;
            this.httpPort = httpPort;
            this.apiPort = apiPort;
            this.simulator = simulator;
            this.environment = java.util.Collections.unmodifiableMap(new HashMap<>(environment));
        }

        /** The environment the services were configured from, with the database and broker actually used. */
        public Map<String, String> environment() {
            return environment;
        }

        /** The simulated trucks' counters; empty without the simulator or without trucks. */
        public Optional<TruckStats> truckStats() {
            return simulator == null || simulator.fleet() == null ? Optional.empty()
                    : Optional.of(simulator.fleet().stats());
        }

        /** The sensors' simulated clock; empty without the simulator. */
        public Optional<SimulatedTime> simulatedTime() {
            return simulator == null ? Optional.empty() : Optional.of(simulator.simulation().time());
        }

        /** With {@code --lab-city}, what measures the run as the lab measures a policy; else empty. */
        public Optional<LabCityMeter> labCityMeter() {
            return Optional.ofNullable(meter);
        }

        /** With {@code --lab-city}, the figures of days {@code fromDay} to {@code toDay} (exclusive; day 0 the first). */
        public LabCityMeter.Figures labCityFigures(int fromDay, int toDay) throws java.sql.SQLException {
            return labCityMeter().orElseThrow(() -> new IllegalStateException("only a --lab-city run is measured"))
                    .figures(fromDay, toDay, database);
        }

        /** With {@code --lab-city}, the line of the whole days measured after the warm-up so far. */
        Optional<String> measuredDays(int warmupDays) {
            return labCityMeter().map(m -> m.measuredLine(warmupDays, database));
        }

        /** The city's clock every service, the bins and the trucks share. */
        public DbClock clock() {
            return clock;
        }

        /** Ingest's /health and /metrics. */
        public int httpPort() {
            return httpPort;
        }

        public int apiPort() {
            return apiPort;
        }

        /** Dispatch's /health and /metrics. */
        public int dispatchPort() {
            return dispatchPort;
        }

        /** The embedded servers stop when this closes, after the services, rather than at JVM exit beside them. */
        void stopEmbeddedServersOnlyOnClose() {
            synchronized (ClearwayLauncher.class) { // as stopAll, which a shutdown may be running
                for (AutoCloseable part : parts) {
                    if (part instanceof EmbeddedDatabase database) {
                        database.stopOnlyOnClose();
                    } else if (part instanceof EmbeddedBroker broker) {
                        broker.stopOnlyOnClose();
                    }
                }
            }
        }

        @Override
        public void close() {
            stopAll(parts);
        }
    }

    /** Starts the system with these options and environment; the caller closes it. */
    public RunningSystem start(Map<String, String> environment) throws Exception {
        Env env = new Env(environment);
        List<AutoCloseable> running = new ArrayList<>();
        try {
            return startParts(env, environment, running);
        } catch (Exception | Error e) {
            stopAll(running);
            throw e;
        }
    }

    private RunningSystem startParts(Env env, Map<String, String> environment, List<AutoCloseable> running)
            throws Exception {
        Infrastructure infra = Infrastructure.start(dataDir, firstOf(dbUrl, env.string("CLEARWAY_DB_URL", null)), dbPort,
                firstOf(mqttUrl, env.string("CLEARWAY_MQTT_URL", null)), mqttPort, mqttTlsPort, env, running);

        Map<String, String> vars = servicesEnvironment(environment, infra);
        vars.putIfAbsent("CLEARWAY_HTTP_PORT", Integer.toString(httpPort));
        LabCity lab = labCity ? new LabCity(trucksPerStream, reportMinutes) : null;
        if (lab != null) {
            lab.environment(vars);
        }
        Fleet sensors = lab != null ? Fleet.CONTRACT : Fleet.parse(fleet);
        if (!noSimulator) {
            SimulatorRun.sources(vars, sensors);
        }
        IngestConfig config = IngestConfig.from(new Env(vars));
        String zoneName = vars.getOrDefault("CLEARWAY_DISPATCH_TIME_ZONE", "");
        ZoneId zone = ZoneId.of(zoneName.isBlank() ? "UTC" : zoneName);
        Optional<Instant> stored;
        try (var pool = Databases.pool(config.database(), "launcher-clock")) {
            stored = CityClock.newestStored(pool);
        }
        Instant startAt = CityClock.start(start, DbClock.wall().instant(), zone, stored);
        DbClock clock = CityClock.of(lab == null ? startAt : LabCity.weekStart(startAt), speed);
        Simulation simulation = noSimulator ? null
                : SimulatorRun.simulation(config, bins, seed, clock, badShare, sensors, lab);
        if (lab != null && simulation != null) {
            Path fleetFile = lab.fleetFile(simulation.city().model(), simulation.settings().city());
            running.add(() -> java.nio.file.Files.deleteIfExists(fleetFile));
            vars.put("CLEARWAY_DISPATCH_FLEET_FILE", fleetFile.toString());
        }
        Vertx vertx = Vertx.vertx();
        running.add(() -> vertx.close().await());
        IngestService ingest = new IngestService(config, clock, MetricsRegistry.prometheus("ingest"), vertx)
                .start();
        running.add(ingest);

        ApiRun api = ApiRun.start(vars, apiPort, vertx, clock);
        running.add(api);
        DispatchRun dispatch = DispatchRun.start(vars, dispatchPort, vertx, clock);
        running.add(dispatch);

        SimulatorRun sim = null;
        if (!noSimulator) {
            sim = SimulatorRun.start(config, simulation, seed, rate, !noTrucks,
                    lab == null ? DrivingModel.DEFAULT : LabCity.DRIVING);
            running.add(sim);
        }
        LabCityMeter meter = null;
        if (lab != null && sim != null) {
            meter = new LabCityMeter(clock, simulation.waste().epoch(), simulation, sim.fleet());
            running.add(meter);
        }
        printBanner(infra, ingest, api, dispatch, sim, CityClock.describe(clock, zone)
                + (lab == null ? "" : "; " + lab.describe() + ", day 1 starts " + LabCity.weekStart(startAt)));
        return new RunningSystem(running, ingest.httpPort(), api.port(), dispatch.httpPort(), sim, vars, clock, meter,
                config.database());
    }

    /**
     * The services' environment: the given one with the database and broker actually used, the CA they verify the
     * broker with, the driver app's broker and, with the run's own device CA, the files the API signs device
     * certificates with (issue 17).
     */
    static Map<String, String> servicesEnvironment(Map<String, String> environment, Infrastructure infra) {
        Map<String, String> vars = new HashMap<>(environment);
        vars.put("CLEARWAY_DB_URL", infra.jdbcUrl());
        vars.put("CLEARWAY_DB_USER", infra.dbUser());
        vars.put("CLEARWAY_DB_PASSWORD", infra.dbPassword());
        vars.put("CLEARWAY_MQTT_URL", infra.mqttUrl());
        vars.put("CLEARWAY_MQTT_USERNAME", infra.mqttUser());
        vars.put("CLEARWAY_MQTT_PASSWORD", infra.mqttPassword());
        vars.put("CLEARWAY_MQTT_CA_FILE", infra.mqttCaFile());
        if (infra.deviceCa().local()) { // the API signs device certificates with the CA the broker trusts
            vars.put("CLEARWAY_DEVICE_CA_CERT", infra.deviceCa().certificate());
            vars.put("CLEARWAY_DEVICE_CA_KEY", infra.deviceCa().key());
        }
        if (!infra.drivers().webSocketUrl().isBlank()) {
            vars.put("CLEARWAY_DRIVER_MQTT_URL", infra.drivers().webSocketUrl()); // the driver app's broker
        }
        if (infra.drivers().truckPassword() != null && !infra.drivers().trucks().isEmpty()) {
            // The driver app's photos: each truck's photo key is its password of this run (docs/driver.md#photos).
            String key = org.clearway.api.security.TokenRegistry.sha256(infra.drivers().truckPassword());
            vars.putIfAbsent("CLEARWAY_DRIVER_PHOTO_KEYS", String.join(",",
                    infra.drivers().trucks().stream().map(t -> key + "=" + t).toList()));
        }
        return vars;
    }

    private void printBanner(Infrastructure infra, IngestService ingest, ApiRun api, DispatchRun dispatch,
                             SimulatorRun sim, String clock) {
        System.out.printf("""

                Clearway is running. Ctrl+C stops it (flushes, commits, acknowledges, disconnects).
                  city clock      %10$s
                  ingest health   http://localhost:%1$d/health
                  ingest metrics  http://localhost:%1$d/metrics
                  dashboard API   %8$s
                  console         http://localhost:%11$d/  (dispatcher console: sign in with an API token)
                  dispatch        %9$s
                  database        %2$s (user %3$s)%4$s
                  MQTT broker     %5$s
                  simulator       %6$s
                  officer report  http://localhost:%11$d/report  (the quarterly community report: the console's sign-in)
                  driver app      http://localhost:%11$d/driver/  %12$s
                Try:  psql "%7$s" -c "SELECT * FROM bin_state ORDER BY last_seen_at DESC LIMIT 5"
                %13$s
                """, ingest.httpPort(), infra.jdbcUrl(), infra.dbUser(),
                infra.embeddedDatabase() ? " (embedded, data in " + dataDir.toAbsolutePath() + ")" : "",
                infra.mqttUrl() + (infra.embeddedBroker() ? " (embedded; user " + infra.mqttUser() + ", password "
                        + infra.mqttPassword() + " for this run, client ids " + Infrastructure.CLIENT_ID_PREFIX + "*)" : ""),
                sim == null ? "off" : sim.describe(),
                infra.psqlUrl(), api.describe(), dispatch.describe(), clock, api.port(), describeDrivers(infra.drivers()),
                infra.trustInstructions().isEmpty() ? "" : "MQTT over TLS (the services use it; plain " + infra.plainMqttUrl()
                        + " on the loopback only): " + infra.trustInstructions() + "\n" + describeDeviceCa(infra));
    }

    /** Where the device CA is and how devices get their credentials (issue 17). */
    private static String describeDeviceCa(Infrastructure infra) {
        Infrastructure.DeviceCa ca = infra.deviceCa();
        if (ca.certificate().isBlank()) {
            return "";
        }
        return "Device certificates on the same TLS listener: device CA " + ca.certificate() + (ca.key().isBlank() ? ""
                : " (key " + ca.key() + ", keep it private)") + "; a device's password or certificate from the API:"
                + " POST /bins/{id}/credentials/password or /certificate, POST /trucks/{id}/credentials/password or"
                + " /certificate (docs/api.md#device-credentials)\n";
    }

    /** The driver app's sign-in (docs/driver.md): which trucks, which password, which broker. */
    private String describeDrivers(Infrastructure.Drivers drivers) {
        if (drivers.webSocketUrl().isBlank()) {
            return "(set CLEARWAY_DRIVER_MQTT_URL to the broker's ws:// or wss:// URL; trucks sign in with their accounts)";
        }
        if (drivers.truckPassword() == null) {
            return "(broker " + drivers.webSocketUrl() + "; trucks sign in with their own accounts)";
        }
        return "(sign in as a truck: " + String.join(", ", drivers.trucks()) + "; password " + drivers.truckPassword()
                + " for this run; broker " + drivers.webSocketUrl() + onThisMachine(drivers) + (noTrucks || noSimulator ? ""
                : "; --no-trucks leaves the trucks to their drivers") + (speed == 1 ? "" : "; --speed 1 for real time")
                + ")";
    }

    /** A browser on this machine may take the loopback's plain listener rather than trust the run's CA first. */
    private static String onThisMachine(Infrastructure.Drivers drivers) {
        String loopback = drivers.loopbackWebSocketUrl();
        return loopback == null || loopback.equals(drivers.webSocketUrl()) ? ""
                : " (a browser on this machine that does not trust data/tls/ca.crt: broker "
                        + loopback.replace("127.0.0.1", "localhost") + ")";
    }

    private static String firstOf(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    private static synchronized void stopAll(List<AutoCloseable> running) {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                System.err.println("While stopping: " + e);
            }
        }
        running.clear();
    }
}
