package org.clearway.deploy;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clearway.core.metrics.MetricsRegistry;

/**
 * The metric names a rule or a panel may use: the ingest metrics README.md documents and the dispatch
 * metrics docs/dispatch.md documents (with the series Micrometer adds to a histogram), the dashboard
 * API's HTTP server timer (Micrometer's {@code http.server.requests}), the JVM and process metrics of a
 * real scrape of the registry every service exposes, and Prometheus' own {@code up}.
 */
final class KnownMetrics {
    /** A metric name in PromQL: Clearway's, the JVM's and the process's, and {@code up{...}}. */
    static final Pattern REFERENCE = Pattern.compile(
            "\\b((?:clearway|jvm|process)_[a-z0-9_]+|http_server_requests_seconds_[a-z]+|up(?=\\s*\\{))");
    /** Micrometer's HTTP server timer as the dashboard API serves it: {@code method}, {@code uri}, {@code status}, {@code outcome}. */
    static final String API_HTTP_TIMER = "http_server_requests_seconds";
    private static final Pattern DOCUMENTED = Pattern.compile("`(clearway_[a-z0-9_]+)(?:\\{[^}]*})?`");
    private static final Pattern SCRAPED = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)", Pattern.MULTILINE);
    private static final String[] HISTOGRAM_SERIES = {"_bucket", "_count", "_sum", "_max"};

    private KnownMetrics() {
    }

    /** The ingest metrics README.md lists under Operations, as written there. */
    static Set<String> documented() {
        return documentedIn("README.md");
    }

    /** The dispatch metrics docs/dispatch.md lists under Operations. */
    static Set<String> documentedForDispatch() {
        Set<String> names = documentedIn("docs/dispatch.md");
        names.removeIf(n -> !n.startsWith("clearway_dispatch_"));
        return names;
    }

    private static Set<String> documentedIn(String file) {
        Set<String> names = new TreeSet<>();
        Matcher m = DOCUMENTED.matcher(DeployTree.read(DeployTree.repository().resolve(file)));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    static Set<String> all() {
        Set<String> names = new TreeSet<>();
        Set<String> documented = new TreeSet<>(documented());
        documented.addAll(documentedForDispatch());
        documented.add(API_HTTP_TIMER);
        for (String name : documented) {
            names.add(name);
            // Timers (_seconds) and distribution summaries (_messages) are histograms.
            if (name.endsWith("_seconds") || name.endsWith("_messages")) {
                for (String series : HISTOGRAM_SERIES) {
                    names.add(name + series);
                }
            }
        }
        names.addAll(scraped());
        names.add("up");
        return names;
    }

    /** The names in a scrape of the registry every service exposes, after a GC so that the GC timer exists. */
    static Set<String> scraped() {
        PrometheusMeterRegistry registry = MetricsRegistry.prometheus("ingest");
        Set<String> names = new TreeSet<>();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!names.contains("jvm_gc_pause_seconds_count") && System.nanoTime() < deadline) {
            System.gc();
            names.clear();
            Matcher m = SCRAPED.matcher(registry.scrape());
            while (m.find()) {
                names.add(m.group(1));
            }
            sleep();
        }
        registry.close();
        return names;
    }

    /** The metric names a PromQL expression refers to. */
    static Set<String> referencedBy(String promql) {
        Set<String> names = new TreeSet<>();
        Matcher m = REFERENCE.matcher(promql);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
