package org.clearway.lab.reporting;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import org.clearway.decisions.reporting.ReportingIntervals;
import org.clearway.decisions.reporting.ReportingRule;
import org.clearway.simulator.city.City;
import org.clearway.simulator.city.CityConfig;
import org.clearway.simulator.city.StreamSpec;
import org.clearway.simulator.devices.BatteryModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Fixed-interval against adaptive reporting on the same simulated city (docs/devices.md, "Adaptive reporting"): the
 * same waste, sensors and decision engine, the adaptive run through the service's own {@code ReportingRule}; prints
 * uplinks per bin-day, battery days (the simulator's {@link BatteryModel}), overflow bin-hours and how soon a full bin
 * is detected, for both, with their ratios and the machine's load.
 */
@Command(name = "reporting", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Simulates a city with fixed-interval and with adaptive sensor reporting and compares uplinks, "
                + "battery days and decision quality.")
public final class ReportingCommand implements Callable<Integer> {

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the city, its waste and its sensors (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--bins", defaultValue = "1000", description = "Bins in the city (default: ${DEFAULT-VALUE}).")
    int bins;

    @Option(names = "--weeks", defaultValue = "4", description = "Measured weeks (default: ${DEFAULT-VALUE}).")
    int weeks;

    @Option(names = "--warmup-days", defaultValue = "7", description = "Days simulated before measuring (default: ${DEFAULT-VALUE}).")
    int warmupDays;

    @Option(names = "--fixed-minutes", defaultValue = "60", description = "The fixed scheme's interval, a multiple of 15 (default: ${DEFAULT-VALUE}).")
    int fixedMinutes;

    @Option(names = "--fast-minutes", defaultValue = "30", description = "Adaptive FAST interval (default: ${DEFAULT-VALUE}).")
    int fastMinutes;

    @Option(names = "--normal-minutes", defaultValue = "120", description = "Adaptive NORMAL interval (default: ${DEFAULT-VALUE}).")
    int normalMinutes;

    @Option(names = "--slow-minutes", defaultValue = "240", description = "Adaptive SLOW interval (default: ${DEFAULT-VALUE}).")
    int slowMinutes;

    @Option(names = "--response-hours", defaultValue = "8", description = "Hours from a collection job to the bin's "
            + "emptying, the same for both schemes (default: ${DEFAULT-VALUE}).")
    int responseHours;

    @Option(names = "--frame-bytes", defaultValue = "10", description = "Bytes of one uplink's frame (an EM310-UDL "
            + "frame with battery, distance and position is 10) (default: ${DEFAULT-VALUE}).")
    int frameBytes;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ReportingCommand()).execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (int m : new int[] {fixedMinutes, fastMinutes, normalMinutes, slowMinutes}) {
            if (m < 15 || m % 15 != 0) {
                err.println("Intervals must be multiples of 15 minutes, not " + m);
                return 2;
            }
        }
        if (bins < 1 || weeks < 1 || warmupDays < 0 || responseHours < 1) {
            err.println("--bins, --weeks and --response-hours must be positive, --warmup-days not negative");
            return 2;
        }
        String loadBefore = uptime();
        long started = System.nanoTime();
        City city = City.generate(new CityConfig(seed, bins, StreamSpec.defaults(), 2));
        Consumer<String> progress = line -> {
            err.println(line);
            err.flush();
        };
        ReportingRun run = new ReportingRun(city, warmupDays + 7 * weeks, warmupDays, Duration.ofHours(responseHours),
                progress);
        ReportingScheme fixed = ReportingScheme.fixed(Duration.ofMinutes(fixedMinutes));
        ReportingScheme adaptive = ReportingScheme.adaptive(new ReportingIntervals(Duration.ofMinutes(fastMinutes),
                Duration.ofMinutes(normalMinutes), Duration.ofMinutes(slowMinutes)), ReportingRule.Settings.DEFAULTS);
        ReportingFigures a = run.run(fixed);
        ReportingFigures b = run.run(adaptive);
        out.printf(Locale.ROOT, "seed %d: %d bins, %d measured weeks after %d warm-up days, collection %d h after the "
                + "job; %.1f s%n", seed, bins, weeks, warmupDays, responseHours, (System.nanoTime() - started) / 1e9);
        out.println("load before: " + loadBefore);
        out.println("load after:  " + uptime());
        out.println();
        print(out, a, b, List.of(new BatteryModel(7, frameBytes), new BatteryModel(10, frameBytes)));
        return 0;
    }

    static void print(PrintWriter out, ReportingFigures a, ReportingFigures b, List<BatteryModel> batteries) {
        String row = "| %-34s | %14s | %20s | %7s |%n";
        out.printf(Locale.ROOT, row, "", a.scheme(), b.scheme(), "ratio");
        out.printf(Locale.ROOT, row, "---", "---:", "---:", "---:");
        line(out, row, "uplinks per bin-day", a.uplinksPerBinDay(), b.uplinksPerBinDay(), "%.1f");
        line(out, row, "downlinks per bin-day", a.downlinksPerBinDay(), b.downlinksPerBinDay(), "%.2f");
        int sf = 7;
        for (BatteryModel m : batteries) {
            line(out, row, "battery days, SF" + (sf == 7 ? "7" : "10"), m.batteryDays(a.uplinksPerBinDay()),
                    m.batteryDays(b.uplinksPerBinDay()), "%,.0f");
            sf = 10;
        }
        line(out, row, "overflow bin-hours", a.overflowHours(), b.overflowHours(), "%,.1f");
        line(out, row, "threshold crossings", a.crossings(), b.crossings(), "%,.0f");
        line(out, row, "detection delay, mean (h)", a.meanDelayHours(), b.meanDelayHours(), "%.2f");
        line(out, row, "detection delay, p95 (h)", a.p95DelayHours(), b.p95DelayHours(), "%.2f");
        line(out, row, "late detections (> 1 h)", a.late(), b.late(), "%,.0f");
        line(out, row, "missed (100 % before a job)", a.missed(), b.missed(), "%,.0f");
        line(out, row, "collections", a.collections(), b.collections(), "%,.0f");
        out.flush();
    }

    private static void line(PrintWriter out, String row, String name, double a, double b, String format) {
        out.printf(Locale.ROOT, row, name, String.format(Locale.ROOT, format, a), String.format(Locale.ROOT, format, b),
                a == 0 ? "-" : String.format(Locale.ROOT, "%.3f", b / a));
    }

    /** The machine's load as {@code uptime} prints it, else the JVM's one-minute load average. */
    static String uptime() {
        try {
            Process p = new ProcessBuilder("uptime").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor();
            return text;
        } catch (IOException e) {
            return String.format(Locale.ROOT, "load average %.2f (uptime unavailable)",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
