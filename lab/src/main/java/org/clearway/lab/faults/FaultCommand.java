package org.clearway.lab.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.clearway.lab.ingest.BenchTargets;

/**
 * The fault runs at full size: each fault against the real broker and database, with progress lines
 * and a table of figures at the end. Exits 1 if a reading was lost or stored twice where the fault
 * promises neither (database cut, ingest kill, graceful broker restart on a plain subscription or
 * with the sensors pausing, revived replica, slow database, redelivery); the broker's hard kill, the
 * shared subscription's restart gap and the expired replica session are measured only.
 */
@Command(name = "faults", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs ingest's faults at full size and prints their books: published, acknowledged by the broker,",
                "stored, duplicates, rejected, lost, stored twice, duration, and what each fault measures.",
                "Exits 1 if anything was lost or stored twice where the fault promises none."})
public final class FaultCommand implements Callable<Integer> {
    @Mixin
    BenchTargets targets;
    @Option(names = "--mosquitto", defaultValue = "/usr/sbin/mosquitto",
            description = "Mosquitto binary for faults 3 and 4, which run brokers of their own (default: ${DEFAULT-VALUE})")
    Path mosquitto;
    @Option(names = "--mosquitto-config", description = "Broker configuration to copy (default: deploy/mosquitto/clearway.conf above the working directory)")
    Path mosquittoConfig;
    @Option(names = "--faults", defaultValue = "1,2,3,4,5,6", split = ",", description = "Faults to run: 1-6, and 9 (a sensor floods; not in the default) (default: ${DEFAULT-VALUE})")
    Set<Integer> faults;
    @Option(names = "--rate", defaultValue = "200", description = "Readings published per second (default: ${DEFAULT-VALUE})")
    int rate;
    @Option(names = "--cut", defaultValue = "30", description = "Fault 1: seconds the database is cut (default: ${DEFAULT-VALUE})")
    int cutSeconds;
    @Option(names = "--run", defaultValue = "30", description = "Faults 2 to 5: seconds of publishing (default: ${DEFAULT-VALUE})")
    int runSeconds;
    @Option(names = "--kills", defaultValue = "3", description = "Fault 2: hard kills of ingest in the run (default: ${DEFAULT-VALUE})")
    int kills;
    @Option(names = "--autosave", defaultValue = "60,1", split = ",",
            description = "Fault 3: Mosquitto autosave_interval seconds, one SIGKILL run each, plain subscription (default: ${DEFAULT-VALUE})")
    List<Integer> autosaves;
    @Option(names = "--broker-down", defaultValue = "3", description = "Fault 3: seconds the broker stays down (default: ${DEFAULT-VALUE})")
    int brokerDownSeconds;
    @Option(names = "--short-expiry", defaultValue = "5",
            description = "Fault 4: the dead replica's session expiry in the bounded run, seconds (default: ${DEFAULT-VALUE})")
    int shortExpiry;
    @Option(names = "--latency", defaultValue = "1000",
            description = "Fault 5: ms each database answer is held; a commit takes several (default: ${DEFAULT-VALUE})")
    int latencyMs;
    @Option(names = "--flood-rate", defaultValue = "200",
            description = "Fault 9: readings per second of the ordinary sensors around the flooding one (default: ${DEFAULT-VALUE})")
    int floodRate;
    @Option(names = "--flooder-rate", defaultValue = "0",
            description = "Fault 9: messages per second of the flooding sensor; 0 = as fast as the broker takes them (default: ${DEFAULT-VALUE})")
    int flooderRate;
    @Option(names = "--readings", defaultValue = "5000", description = "Fault 6: distinct readings, each published three times (default: ${DEFAULT-VALUE})")
    int readings;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FaultCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        FaultSetup setup = new FaultSetup(targets.dbUrl(), targets.dbUser(), targets.dbPassword(),
                targets.mqttUrl(), mosquitto,
                mosquittoConfig != null ? mosquittoConfig : Mosquitto.projectConfig());
        System.out.printf("Ingest faults %s at %,d readings/s; %s%n", faults, rate, setup);
        Duration run = Duration.ofSeconds(runSeconds);
        List<Figures> rows = new ArrayList<>();
        if (faults.contains(1)) {
            rows.add(report(DatabaseFaults.cut(setup, rate, Duration.ofSeconds(5), Duration.ofSeconds(cutSeconds),
                    Duration.ofSeconds(10))));
        }
        if (faults.contains(2)) {
            rows.add(report(IngestFaults.kill(setup, rate, run, kills)));
        }
        if (faults.contains(3)) {
            Duration down = Duration.ofSeconds(brokerDownSeconds);
            Duration autosave60 = Duration.ofSeconds(60);
            for (boolean shared : new boolean[] {false, true}) {
                for (boolean sensorsGoOn : new boolean[] {false, true}) {
                    rows.add(report(BrokerFaults.restart(setup, new BrokerFaults.Restart(false, shared, sensorsGoOn, autosave60),
                            rate, run, down)));
                }
            }
            for (int autosave : autosaves) {
                rows.add(report(BrokerFaults.restart(setup,
                        new BrokerFaults.Restart(true, false, true, Duration.ofSeconds(autosave)), rate, run, down)));
            }
        }
        if (faults.contains(4)) {
            rows.add(report(ReplicaFaults.killOne(setup, Duration.ofHours(1), true, rate, run)));
            rows.add(report(ReplicaFaults.killOne(setup, Duration.ofSeconds(shortExpiry), false, rate, run)));
        }
        if (faults.contains(5)) {
            rows.add(report(DatabaseFaults.slow(setup, rate, run, Duration.ofMillis(latencyMs))));
        }
        if (faults.contains(6)) {
            rows.add(report(IngestFaults.thrice(setup, readings, Math.max(rate, 1_000))));
        }
        if (faults.contains(9)) {
            rows.add(report(SensorFaults.flood(setup, floodRate, flooderRate, run)));
        }
        System.out.println();
        System.out.print(Figures.table(rows));
        boolean kept = rows.stream().allMatch(Figures::keptPromise);
        System.out.println(kept ? "Every fault that promises it lost nothing and stored nothing twice."
                : "FAILED: a fault lost readings or stored one twice where it promises neither.");
        return kept ? 0 : 1;
    }

    private static Figures report(Figures f) {
        System.out.printf("  => %s: %s%n", f.fault(), f.keptPromise() ? "kept its promise" : "PROMISE BROKEN");
        return f;
    }
}
