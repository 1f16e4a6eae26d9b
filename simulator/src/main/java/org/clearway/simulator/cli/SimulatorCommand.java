package org.clearway.simulator.cli;

import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.clearway.core.config.DatabaseConfig;
import org.clearway.core.config.Env;
import org.clearway.core.config.MqttConfig;
import org.clearway.core.mqtt.MqttClientSettings;
import org.clearway.core.mqtt.PahoMqttSession;
import org.clearway.simulator.devices.DownlinkReceiver;
import org.clearway.core.time.DbClock;
import org.clearway.simulator.Ledger;
import org.clearway.simulator.Publication;
import org.clearway.simulator.Simulation;
import org.clearway.simulator.SimulationBuilder;
import org.clearway.simulator.devices.Fleet;
import org.clearway.simulator.payload.BadKind;
import org.clearway.simulator.publish.PublishOptions;
import org.clearway.simulator.publish.PublishSummary;
import org.clearway.simulator.publish.Publisher;
import org.clearway.simulator.trucks.TruckFleet;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The simulator's command line: simulated bin sensors publishing contract payloads over MQTT. */
@Command(name = "clearway-simulator", mixinStandardHelpOptions = true, version = "clearway-simulator 0.1.0",
        sortOptions = false, showDefaultValues = true, usageHelpWidth = 110, defaultValueProvider = EnvDefaults.class,
        description = {
            "Publishes telemetry of simulated bins, as the device contract defines it, to {prefix}bins/{binId}/telemetry.",
            "Simulated time runs at --speed from --start and never passes the real now; the same --seed gives the"
                + " same city and the same payloads.",
            "Without --count or --duration it runs until stopped (Ctrl-C), then waits for the last acknowledgements.",
            ""},
        footer = {"", "Examples:",
            "  Register 200 bins and replay the last 6 days at 60x:   --bins 200 --register",
            "  Load test, 2,000 messages/s for 5 minutes:             --speed max --rate 2000 --duration 5m --bins 5000",
            "  Bad input and redeliveries:                            --bad-share 0.1 --duplicate-share 0.05",
            "  Look at payloads without a broker:                     --print --count 20 --speed max --bad-share 0.3",
            "  Trucks of the database following dispatch's routes:    --trucks-from-db --bins 200 --register"})
public final class SimulatorCommand implements Callable<Integer> {

    @Option(names = "--mqtt-url", paramLabel = "URI",
            description = "Broker URI; env CLEARWAY_MQTT_URL sets the default.")
    String mqttUrl;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX",
            description = "Before bins/, e.g. city-a/; env CLEARWAY_TOPIC_PREFIX sets the default.")
    String topicPrefix;

    @Option(names = "--client-id", paramLabel = "ID",
            description = "MQTT client id (default: clearway-simulator-<pid>).")
    String clientId;

    @Option(names = "--bins", paramLabel = "N", defaultValue = "100", description = "Simulated bins.")
    int bins;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the city and of every sensor.")
    long seed;

    @Option(names = "--speed", paramLabel = "X|max", defaultValue = "60", converter = Converters.SpeedConverter.class,
            description = "Simulated seconds per real second (1 or more), or max.")
    double speed;

    @Option(names = "--start", paramLabel = "WHEN", converter = Converters.StartConverter.class,
            description = "Simulated start: a date-time (2026-11-22T00:00:00Z) or how long ago (6d, 36h). Default: 6d ago"
                    + " when --speed is above 1, else now.")
    Converters.Start start;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "15m",
            converter = Converters.DurationConverter.class,
            description = "Simulated time between two reports of one sensor.")
    Duration interval;

    @Option(names = "--rate", paramLabel = "MSG/S", defaultValue = "0",
            description = "Target messages per second, paced evenly; 0 for no limit.")
    double rate;

    @ArgGroup(exclusive = true)
    Limit limit;

    static final class Limit {
        @Option(names = "--count", paramLabel = "N", description = "Stop after N publications.")
        Long count;

        @Option(names = "--duration", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
                description = "Stop after this long (e.g. 10m).")
        Duration duration;
    }

    @Option(names = "--qos", paramLabel = "0|1", defaultValue = "1", description = "0 or 1.")
    int qos;

    @Option(names = "--bad-share", paramLabel = "0..1", defaultValue = "0", description = "Share of bad messages.")
    double badShare;

    @Option(names = "--bad-kinds", paramLabel = "CODES", defaultValue = "all",
            converter = Converters.BadKindsConverter.class,
            description = "Which bad kinds, by reject reason: all, or some of bad_topic, unknown_bin, too_large, not_utf8,"
                    + " not_json, empty_batch, batch_too_large, not_a_reading, missing_ts, bad_ts, ts_in_future,"
                    + " ts_too_old, missing_fill, wrong_type, not_finite, out_of_range, unknown_alarm.")
    Set<BadKind> badKinds = EnumSet.allOf(BadKind.class);

    @Option(names = "--fleet", paramLabel = "contract|mixed|lorawan", defaultValue = "contract",
            converter = Converters.FleetConverter.class, description = "Which sensors the bins carry: the contract's JSON,"
                    + " mixed (40 % contract, the rest LoRaWAN devices through ChirpStack and The Things Stack), or lorawan.")
    Fleet fleet = Fleet.CONTRACT;

    @Option(names = "--obey-downlinks", description = "The LoRaWAN devices hear the reporting-interval downlinks dispatch"
            + " sends (CLEARWAY_DISPATCH_REPORTING=adaptive) through ChirpStack's and The Things Stack's topics and report"
            + " at the new interval from their next uplink.")
    boolean obeyDownlinks;

    @Option(names = "--duplicate-share", paramLabel = "0..1", defaultValue = "0",
            description = "Share of messages sent twice (as a QoS 1 redelivery).")
    double duplicateShare;

    @Option(names = "--distance-share", paramLabel = "0..1", defaultValue = "0.3",
            description = "Share of sensors sending distanceMm instead of fill.")
    double distanceShare;

    @Option(names = "--outage-share", paramLabel = "0..1", defaultValue = "0.002",
            description = "Chance per report that a sensor goes offline and later sends a buffered batch.")
    double outageShare;

    @Option(names = "--alarm-rate", paramLabel = "X", defaultValue = "1",
            description = "Multiplier of the alarm chances (fire, tilt, lid_open...); 0 for none.")
    double alarmRate;

    @Option(names = "--centre", paramLabel = "LAT,LON", defaultValue = "31.2304,121.4737",
            converter = Converters.CentreConverter.class,
            description = "Centre of the synthetic city.")
    Converters.Centre centre;

    @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "Asia/Shanghai",
            description = "The city's time zone (fill rates follow its hours).")
    ZoneId zone;

    @Option(names = "--id-prefix", paramLabel = "PREFIX", defaultValue = "sim",
            description = "Prefix of bin and zone ids (sim-00001).")
    String idPrefix;

    @Option(names = "--max-age", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "The ingest's maximum reading age; env CLEARWAY_MAX_READING_AGE sets the default.")
    Duration maxAge;

    @Option(names = "--window", paramLabel = "N", defaultValue = "100",
            description = "QoS 1 messages awaiting their acknowledgement at once.")
    int window;

    @Option(names = "--progress-every", paramLabel = "DURATION", defaultValue = "5s",
            converter = Converters.DurationConverter.class,
            description = "How often to print progress.")
    Duration progressEvery;

    @Option(names = "--register",
            description = "Apply the schema migrations and register the bins and zones first (idempotent).")
    boolean register;

    @Option(names = "--db-url", paramLabel = "JDBC-URL",
            description = "Database for --register, whose currentSchema is used; env CLEARWAY_DB_URL sets the default.")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER",
            description = "Database user; env CLEARWAY_DB_USER sets the default.")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "PASSWORD", showDefaultValue = CommandLine.Help.Visibility.NEVER,
            description = "Database password; env CLEARWAY_DB_PASSWORD sets the default.")
    String dbPassword;

    @Option(names = "--print",
            description = "Print the publications (kind, expected rejections, topic, payload) instead of publishing.")
    boolean print;

    @Option(names = "--no-ledger",
            description = "Keep no ledger of expected readings (saves memory on long load runs).")
    boolean noLedger;

    @Option(names = {"-v", "--verbose"}, description = "Log more.")
    boolean verbose;

    /** Simulated trucks (docs/simulator.md). */
    @CommandLine.Mixin
    TruckOptions trucks;

    private final PrintStream out;
    private final PrintStream err;
    private volatile boolean stoppedBySignal;

    public SimulatorCommand() {
        this(System.out, System.err);
    }

    SimulatorCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        SimulatorCommand command = new SimulatorCommand();
        int exit = commandLine(command).execute(args);
        if (!command.stoppedBySignal) {
            // During a shutdown (Ctrl-C, SIGTERM) System.exit would block; the JVM ends as main returns.
            System.exit(exit);
        }
    }

    /** Runs the command with these arguments and streams, without exiting; returns the exit code. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cl = commandLine(new SimulatorCommand(out, err));
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        return cl.execute(args);
    }

    static CommandLine commandLine(SimulatorCommand command) {
        CommandLine cl = new CommandLine(command);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException || e instanceof SQLException) {
                line.getErr().println("clearway-simulator: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cl;
    }

    @Override
    public Integer call() throws Exception {
        CliLogging.configure(verbose);
        topicPrefix = topicPrefix == null ? "" : topicPrefix;
        if (window < 1 || window > 65_535) {
            throw new IllegalArgumentException("--window must be from 1 to 65535, got " + window);
        }
        Simulation simulation = simulation();
        Long count = limit == null ? null : limit.count;
        Duration duration = limit == null ? null : limit.duration;
        if (register) {
            register(simulation);
        }
        Stream<Publication> stream = count != null ? simulation.stream(count) : simulation.stream();
        if (print) {
            PayloadPrinter printer = new PayloadPrinter(out);
            stream = duration == null ? stream : stream.takeWhile(deadline(duration));
            stream.forEach(printer::print);
            return 0;
        }
        describe(simulation, count, duration);
        return publish(simulation, stream, duration);
    }

    private Simulation simulation() {
        SimulationBuilder b = Simulation.builder().seed(seed).bins(bins).centre(centre.lat(), centre.lon()).zone(zone)
                .idPrefix(idPrefix).topicPrefix(topicPrefix).reportInterval(interval).distanceShare(distanceShare)
                .outageShare(outageShare).alarmRate(alarmRate).badShare(badShare).badKinds(badKinds)
                .duplicateShare(duplicateShare).maxAge(maxAge).fleet(fleet);
        b = Double.isInfinite(speed) ? b.maxSpeed() : b.speed(speed);
        if (start != null) {
            b.start(start.resolve(DbClock.wall().instant()));
        }
        return b.build();
    }

    private DatabaseConfig database() {
        DatabaseConfig defaults = DatabaseConfig.from(Env.system());
        return new DatabaseConfig(dbUrl, dbUser, dbPassword, 2, defaults.readingsRetention(),
                defaults.rejectedRetention());
    }

    private void register(Simulation simulation) throws SQLException {
        CityRegistration.register(database(), simulation, err);
    }

    private void describe(Simulation simulation, Long count, Duration duration) {
        var time = simulation.time();
        err.printf(Locale.ROOT,
                "Simulating %,d bins (seed %d) from %s at speed %s, a report every %s; publishing to %s%s"
                        + " at QoS %d%s.%n", bins, seed, time.start(), RateAdvice.speedText(speed),
                Durations.format(interval), mqttUrl, topicPrefix.isEmpty() ? "" : " under " + topicPrefix, qos,
                rate > 0 ? String.format(Locale.ROOT, ", %,.0f messages/s", rate) : "");
        RateAdvice.warning(bins, interval, speed, time.start(), time.realNow(), rate, count, duration)
                .ifPresent(err::println);
    }

    private int publish(Simulation simulation, Stream<Publication> stream, Duration duration) throws SQLException {
        MqttConfig defaults = MqttConfig.from(Env.system());
        MqttConfig mqtt = new MqttConfig(mqttUrl, defaults.username(), defaults.password(), topicPrefix);
        String id = clientId != null ? clientId : "clearway-simulator-" + ProcessHandle.current().pid();
        PublishOptions options = PublishOptions.defaults().withQos(qos).withRate(rate).withDuration(duration)
                .withProgressInterval(progressEvery);
        Ledger ledger = noLedger ? null : new Ledger();
        try (PahoMqttSession session = new PahoMqttSession(MqttClientSettings.publisher(mqtt, id, window));
             TruckFleet fleet = trucks == null ? null : trucks.start(simulation, mqtt, this::database, seed, err)) {
            session.start();
            if (obeyDownlinks) {
                new DownlinkReceiver(topicPrefix, simulation::device).subscribe(session);
            }
            Publisher publisher = new Publisher(session, options);
            Thread main = Thread.currentThread();
            Thread hook = new Thread(() -> {
                stoppedBySignal = true;
                publisher.stop();
                joinQuietly(main, options.ackTimeout().plusSeconds(5));
            }, "simulator-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            PublishSummary summary = publisher.publish(stream, ledger, p -> {
                err.println(p.line() + simulatedTime(simulation));
                if (fleet != null) {
                    err.println(fleet.stats().line());
                }
            });
            if (fleet != null) {
                out.println(fleet.stats().line());
            }
            removeHook(hook);
            summarize(simulation, summary);
            return summary.errors() == 0 ? 0 : 1;
        }
    }

    private void summarize(Simulation simulation, PublishSummary s) {
        out.printf(Locale.ROOT, "Published %,d messages in %s (%,.0f/s): %,d acknowledged, %,d errors%s.%n", s.sent(),
                Durations.format(s.elapsed().truncatedTo(ChronoUnit.MILLIS)), s.averageRate(), s.acked(), s.errors(),
                s.lastError() == null ? "" : " (last: " + s.lastError() + ")");
        Ledger l = s.ledger();
        if (l != null) {
            out.printf(Locale.ROOT,
                    "Expected in the store: %,d distinct readings (%,d sent, %,d duplicate publications),"
                    + " rejections: %s.%n", l.distinctValidReadings(), l.validReadingsSent(), l.duplicates(),
                    rejections(l));
        }
        if (simulation.droppedReadings() > 0) {
            out.printf(Locale.ROOT, "%,d readings were left out because publishing fell too far behind simulated time;"
                    + " lower --bins or raise --rate.%n", simulation.droppedReadings());
        }
    }

    private static String rejections(Ledger ledger) {
        var byReason = ledger.expectedRejections();
        return byReason.isEmpty() ? "none" : byReason.entrySet().stream()
                .map(e -> e.getKey().code() + " " + String.format(Locale.ROOT, "%,d", e.getValue()))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static String simulatedTime(Simulation simulation) {
        Instant at = simulation.lastReportAt();
        Duration lag = Duration.between(at, simulation.time().realNow());
        return " | simulated " + at.truncatedTo(ChronoUnit.SECONDS)
                + (lag.compareTo(Duration.ofMinutes(1)) < 0 ? " (real time)" : " (" + Durations.lag(lag) + " behind)");
    }

    private static java.util.function.Predicate<Publication> deadline(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        return p -> System.nanoTime() < end;
    }

    private static void joinQuietly(Thread t, Duration timeout) {
        try {
            t.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running already.
        }
    }
}
