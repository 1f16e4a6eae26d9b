package org.clearway.lab.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** One scrape of a Prometheus text endpoint ({@code /metrics}), with sums of series and histogram buckets. */
final class PrometheusText {
    private record Line(String name, String labels, double value) {
    }

    private final List<Line> lines;

    private PrometheusText(List<Line> lines) {
        this.lines = lines;
    }

    static PrometheusText scrape(HttpClient http, URI uri) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + r.statusCode() + ": is ingest running?");
        }
        return parse(r.body());
    }

    static PrometheusText parse(String text) {
        List<Line> out = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            String name = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, space).strip();
            String labels = brace >= 0 && brace < space ? line.substring(brace + 1, line.lastIndexOf('}')) : "";
            try {
                out.add(new Line(name, labels, Double.parseDouble(line.substring(space + 1))));
            } catch (NumberFormatException e) {
                // a value we do not read (such as a timestamp suffix); skip the line
            }
        }
        return new PrometheusText(out);
    }

    /** The sum of every series of this metric; 0 when it has none. */
    double sum(String name) {
        return lines.stream().filter(l -> l.name.equals(name)).mapToDouble(Line::value).sum();
    }

    /** A histogram's cumulative bucket counts by upper bound (summed over label sets); +Inf as infinity. */
    TreeMap<Double, Double> buckets(String histogram) {
        TreeMap<Double, Double> out = new TreeMap<>();
        String bucket = histogram + "_bucket";
        for (Line l : lines) {
            if (!l.name.equals(bucket)) {
                continue;
            }
            int at = l.labels.indexOf("le=\"");
            if (at < 0) {
                continue;
            }
            String le = l.labels.substring(at + 4, l.labels.indexOf('"', at + 4));
            double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
            out.merge(bound, l.value, Double::sum);
        }
        return out;
    }
}
