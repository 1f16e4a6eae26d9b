package org.clearway.decisions;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import org.clearway.decisions.forecast.FillForecaster;
import org.clearway.decisions.forecast.ForecastSettings;
import org.clearway.decisions.job.PickupVerifier;
import org.clearway.decisions.signal.EmptyingDetector;
import org.clearway.decisions.signal.SpikeFilter;
import org.clearway.decisions.signal.StuckSensorDetector;
import org.clearway.decisions.signal.ThresholdRule;

/**
 * Every threshold and window of the decisions, with the defaults of {@link #defaults()}. The app builds it from its
 * configuration; nothing here reads the environment. See {@code docs/decisions.md}.
 *
 * @param thresholds   when a bin needs service
 * @param quality      spikes, emptyings, stuck sensors
 * @param forecast     the fill forecast (including the city's time zone)
 * @param jobs         when jobs are due
 * @param verification how pickups are checked
 */
public record PolicyConfig(Thresholds thresholds, Quality quality, ForecastSettings forecast, Jobs jobs,
                           Verification verification) {

    public PolicyConfig {
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(forecast, "forecast");
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(verification, "verification");
    }

    public static PolicyConfig defaults() {
        return new PolicyConfig(Thresholds.defaults(), Quality.defaults(), ForecastSettings.defaults(), Jobs.defaults(),
                Verification.defaults());
    }

    /**
     * @param defaultPct   threshold of a bin whose stream is not listed (default 80)
     * @param byStreamPct  default threshold per waste stream (defaults as seeded in the registry: kitchen 80,
     *                     recyclable 85, hazardous 60, residual 80)
     * @param rearmBandPct a triggered bin re-arms below threshold minus this (default 10 points), or when emptied
     */
    public record Thresholds(double defaultPct, Map<String, Double> byStreamPct, double rearmBandPct) {

        public Thresholds {
            byStreamPct = Map.copyOf(byStreamPct);
        }

        public static Thresholds defaults() {
            return new Thresholds(80, Map.of("kitchen", 80.0, "recyclable", 85.0, "hazardous", 60.0, "residual", 80.0), 10);
        }

        /** The bin's own threshold, else its stream's, else {@link #defaultPct}. */
        public ThresholdRule ruleFor(BinFacts facts) {
            double pct = facts.thresholdPct() != null ? facts.thresholdPct()
                    : byStreamPct.getOrDefault(facts.stream(), defaultPct);
            return new ThresholdRule(pct, rearmBandPct);
        }
    }

    /**
     * @param spikeJumpPct          a reading this far from both neighbours, on the same side, is counted as a spike
     *                              (default 25 points; the median of three ignores it whatever its size)
     * @param emptyingMinBeforePct  an emptying starts above this level (default 40)
     * @param emptyingMaxAfterPct   and ends below this one (default 15)
     * @param stuckAfter            a sensor flat this long may be stuck (default 48 h)
     * @param stuckNoisePct         "flat": within this many points of the stretch's first level (default 2)
     * @param stuckNeighbourRisePct stuck only if the median neighbour rose more than this meanwhile (default 15 points)
     */
    public record Quality(double spikeJumpPct, double emptyingMinBeforePct, double emptyingMaxAfterPct,
                          Duration stuckAfter, double stuckNoisePct, double stuckNeighbourRisePct) {

        public static Quality defaults() {
            return new Quality(25, 40, 15, Duration.ofHours(48), 2, 15);
        }
    }

    /**
     * @param forecastLookahead     with no visit planned, a forecast job is asked for when the bin is forecast full
     *                              within this (default 24 h)
     * @param collectionDueWithin   a collection job is due at the forecast's p10 "full", but no later than this after
     *                              it is asked for (default 24 h)
     * @param maintenanceDueWithin  a maintenance job is due this long after the alarm (default 24 h)
     */
    public record Jobs(Duration forecastLookahead, Duration collectionDueWithin, Duration maintenanceDueWithin) {

        public static Jobs defaults() {
            return new Jobs(Duration.ofHours(24), Duration.ofHours(24), Duration.ofHours(24));
        }
    }

    /**
     * @param window       a drop may show until this long after collection (default 2 h)
     * @param arrivalSlack the truck may have been there this long before its recorded arrival (default 15 min)
     */
    public record Verification(Duration window, Duration arrivalSlack) {

        public static Verification defaults() {
            return new Verification(Duration.ofHours(2), Duration.ofMinutes(15));
        }
    }

    public SpikeFilter spikeFilter() {
        return new SpikeFilter(quality.spikeJumpPct());
    }

    public EmptyingDetector emptyingDetector() {
        return new EmptyingDetector(quality.emptyingMinBeforePct(), quality.emptyingMaxAfterPct());
    }

    public StuckSensorDetector stuckSensorDetector() {
        return new StuckSensorDetector(quality.stuckAfter(), quality.stuckNoisePct(), quality.stuckNeighbourRisePct(),
                emptyingDetector());
    }

    public FillForecaster forecaster() {
        return new FillForecaster(forecast);
    }

    public PickupVerifier pickupVerifier() {
        return new PickupVerifier(emptyingDetector(), verification.window(), verification.arrivalSlack());
    }
}
