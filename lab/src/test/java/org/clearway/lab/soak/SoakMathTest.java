package org.clearway.lab.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SoakMathTest {
    private static final String METRICS = """
            # HELP clearway_ingest_readings_stored_total Readings stored (new rows)
            # TYPE clearway_ingest_readings_stored_total counter
            clearway_ingest_readings_stored_total{service="ingest"} 1500.0
            clearway_ingest_rejected_total{reason="not_json",service="ingest"} 3.0
            clearway_ingest_rejected_total{reason="out_of_range",service="ingest"} 4.0
            clearway_ingest_lag_pipeline_seconds_bucket{service="ingest",le="0.1"} 50.0
            clearway_ingest_lag_pipeline_seconds_bucket{service="ingest",le="0.5"} 90.0
            clearway_ingest_lag_pipeline_seconds_bucket{service="ingest",le="1.0"} 99.0
            clearway_ingest_lag_pipeline_seconds_bucket{service="ingest",le="+Inf"} 100.0
            clearway_ingest_lag_pipeline_seconds_count{service="ingest"} 100.0
            """;

    @Test
    void readsCountersAndBuckets() {
        PrometheusText t = PrometheusText.parse(METRICS);
        assertThat(t.sum("clearway_ingest_readings_stored_total")).isEqualTo(1500.0);
        assertThat(t.sum("clearway_ingest_rejected_total")).isEqualTo(7.0);
        assertThat(t.sum("no_such_metric")).isZero();
        assertThat(t.buckets("clearway_ingest_lag_pipeline_seconds")).containsEntry(0.5, 90.0)
                .containsEntry(Double.POSITIVE_INFINITY, 100.0).hasSize(4);
    }

    @Test
    void percentilesOfAWindowComeFromBucketDeltas() {
        TreeMap<Double, Double> before = new TreeMap<>();
        before.put(0.1, 40.0);
        before.put(0.5, 40.0);
        before.put(1.0, 40.0);
        before.put(Double.POSITIVE_INFINITY, 40.0);
        TreeMap<Double, Double> window = Histograms.delta(before,
                PrometheusText.parse(METRICS).buckets("clearway_ingest_lag_pipeline_seconds"));
        assertThat(Histograms.count(window)).isEqualTo(60);
        assertThat(Histograms.quantile(window, 0.10)).isEqualTo(0.1);  // 10 of 60 at most 0.1 s
        assertThat(Histograms.quantile(window, 0.50)).isEqualTo(0.5);
        assertThat(Histograms.quantile(window, 0.99)).as("beyond the last finite bound: that bound").isEqualTo(1.0);
        assertThat(Histograms.quantile(new TreeMap<>(), 0.5)).isNaN();
    }

    @Test
    void slopesPerHour() {
        List<Double> seconds = List.of(0.0, 1800.0, 3600.0, 5400.0);
        assertThat(Trend.slopePerHour(seconds, List.of(100.0, 110.0, 120.0, 130.0))).isCloseTo(20.0, within(1e-9));
        assertThat(Trend.slopePerHour(seconds, List.of(5.0, 5.0, Double.NaN, 5.0))).isCloseTo(0.0, within(1e-9));
        assertThat(Trend.slopePerHour(List.of(0.0), List.of(1.0))).isNaN();
    }

    @Test
    void durations() {
        assertThat(SoakFormat.parseDuration("20s")).isEqualTo(Duration.ofSeconds(20));
        assertThat(SoakFormat.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(SoakFormat.parseDuration("PT90S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(SoakFormat.duration(Duration.ofSeconds(3725))).isEqualTo("1h02m05s");
    }

    @Test
    void theVerdictNeedsBalancedBooksAndFlatHeapAndLag() {
        SoakReport r = new SoakReport();
        for (int i = 0; i <= 6; i++) {
            r.line(new Sample(i * 600.0, i * 1000L, i * 1000L, i * 990L, 0, i * 10L, i * 1000L, new double[] {0.5, 0.6, 0.7},
                    new double[] {0.1, 0.2, 0.3}, 200L << 20, 40, 500L << 20, 0, 0));
        }
        SoakReport.Books good = new SoakReport.Books(6000, 0, 5940, 60, 5940, 0, 60, true);
        assertThat(r.summary(good, 100, 200.0)).last().asString().startsWith("Verdict: PASS");
        SoakReport.Books lost = new SoakReport.Books(6000, 0, 5940, 60, 5939, 0, 60, true);
        assertThat(r.summary(lost, 100, 200.0)).last().asString().startsWith("Verdict: FAIL (books not balanced");

        SoakReport growing = new SoakReport();
        for (int i = 0; i <= 6; i++) {
            growing.line(new Sample(i * 600.0, 0, 0, 0, 0, 0, 0, new double[] {0.5, 0.6, 0.7 + i},
                    new double[] {0.1, 0.2, 0.3}, (200L + 50L * i) << 20, 40, 500L << 20, 0, 0));
        }
        assertThat(growing.summary(good, 100, null)).last().asString().contains("heap growing").contains("lag growing");

        SoakReport behind = new SoakReport();
        for (int i = 0; i <= 6; i++) {
            behind.line(new Sample(i * 600.0, i * 1000L, i * 1000L, i * 990L, 0, i * 10L, i * 100L,
                    new double[] {0.5, 0.6, 0.7}, new double[] {0.1, 0.2, 0.3}, 200L << 20, 40, 500L << 20, 0, 0));
        }
        assertThat(behind.summary(good, 100, null)).last().asString().startsWith("Verdict: FAIL")
                .contains("dispatch falls behind");
    }
}
