package org.clearway.decisions.forecast;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.clearway.decisions.forecast.Forecast.Basis;
import org.clearway.decisions.forecast.Forecast.Eta;
import org.clearway.decisions.signal.FillSample;

/**
 * Per-bin online fill forecast: a robust trend over the smoothed levels since the last emptying, shaped by the
 * bin's hour-of-week profile once that has seen enough, with a p10 to p90 band. Deterministic, no clock of its own,
 * state in a {@link ForecastState}; an update costs a few thousand arithmetic operations.
 *
 * <p>The forecast: fit a Theil-Sen line to the window's levels against the wall clock, or, once the profile is
 * ready and expects at least {@value #MIN_PROFILE_FILL_PCT} point of fill over the window, against the profile
 * clock (the fill the profile expects since the window's start). Then project the fitted level forward: the
 * median estimate at the median slope; the p10 at the upper slope bound from the fitted level plus
 * {@code z·σ/√n}; the p90 at the lower bound from the level minus that. Searches stop at the horizon.
 */
public final class FillForecaster {

    /** The profile clock needs this much expected fill across the trend window, else the wall clock is used. */
    static final double MIN_PROFILE_FILL_PCT = 1.0;
    /** A forecast's "full". */
    public static final double FULL_PCT = 100.0;
    /**
     * A level at or above this is censored: a full bin's sensor reads about 100 % however much waste is added (it
     * lands beside the bin), so an interval ending there teaches the profile nothing about the rate.
     */
    static final double CENSORED_PCT = 95.0;

    private final ForecastSettings settings;
    private final LocalHours hours;
    private final double memoryWeeks;

    public FillForecaster(ForecastSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.hours = new LocalHours(settings.zone().getRules());
        this.memoryWeeks = Math.max(1, settings.profileMemory().toSeconds() / (7 * 24 * 3600.0));
    }

    /**
     * The state after a smoothed level: the profile learns the increment from the previous level (unless the gap
     * is longer than {@code maxGap} or the bin is full, see {@link #CENSORED_PCT}), and the level joins the trend
     * window. A level not after the last is ignored.
     */
    public ForecastState observe(ForecastState state, FillSample level) {
        FillSample last = state.last();
        if (last != null && !level.at().isAfter(last.at())) {
            return state;
        }
        HourOfWeekProfile profile = state.profile();
        if (last != null) {
            double from = LocalHours.seconds(last.at());
            double to = LocalHours.seconds(level.at());
            if (to - from <= settings.maxGap().toSeconds() && level.pct() < CENSORED_PCT) {
                double rate = (level.pct() - last.pct()) / ((to - from) / LocalHours.SECONDS_PER_HOUR);
                profile = profile.learn(hours, from, to, rate, memoryWeeks);
            }
        }
        Instant windowStart = level.at().minus(settings.rateWindow());
        List<FillSample> points = new ArrayList<>(settings.maxPoints());
        for (FillSample p : state.points()) {
            if (!p.at().isBefore(windowStart)) {
                points.add(p);
            }
        }
        points.add(level);
        if (points.size() > settings.maxPoints()) {
            points = points.subList(points.size() - settings.maxPoints(), points.size());
        }
        Instant segmentStart = state.segmentStart() == null ? level.at() : state.segmentStart();
        return new ForecastState(segmentStart, points, level, profile);
    }

    /** The state after an emptying: a new trend starting at {@code first}; the profile stays. */
    public ForecastState restart(ForecastState state, FillSample first) {
        return new ForecastState(first.at(), List.of(first), first, state.profile());
    }

    /** The forecast at {@code now}, or empty while the trend window holds too few levels. */
    public Optional<Forecast> forecast(ForecastState state, Instant now, double thresholdPct) {
        List<FillSample> points = state.points();
        int n = points.size();
        if (n < settings.minPoints()) {
            return Optional.empty();
        }
        double start = LocalHours.seconds(points.get(0).at());
        double end = LocalHours.seconds(points.get(n - 1).at());
        if (end - start < settings.minSpan().toSeconds()) {
            return Optional.empty();
        }
        FillClock clock = clock(state.profile(), start, end);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double t = LocalHours.seconds(points.get(i).at());
            x[i] = i == 0 ? 0 : x[i - 1] + clock.between(LocalHours.seconds(points.get(i - 1).at()), t);
            y[i] = points.get(i).pct();
        }
        RobustSlope fit = RobustSlope.fit(x, y, settings.bandZ());
        if (fit == null) {
            return Optional.empty();
        }
        Instant at = now.isAfter(points.get(n - 1).at()) ? now : points.get(n - 1).at();
        double nowSecond = LocalHours.seconds(at);
        double level = fit.at(x[n - 1] + clock.between(end, nowSecond));
        Projection projection = new Projection(clock, fit, level, settings.bandZ() * fit.sigma() * Math.sqrt(1 + 1.0 / n),
                at, nowSecond + settings.horizon().toSeconds());
        Basis basis = clock instanceof FillClock.Profile ? Basis.TREND_AND_PROFILE : Basis.TREND;
        return Optional.of(new Forecast(at, level, fit.slope() * clock.rateAt(nowSecond), basis, n,
                projection.eta(FULL_PCT), projection.eta(thresholdPct)));
    }

    private FillClock clock(HourOfWeekProfile profile, double start, double end) {
        if (profile.ready(settings.profileReady())) {
            FillClock.Profile byProfile = new FillClock.Profile(profile.rates(), hours);
            if (byProfile.between(start, end) >= MIN_PROFILE_FILL_PCT) {
                return byProfile;
            }
        }
        return new FillClock.Wall();
    }

    /** Projects the fitted trend forward from {@code now} until {@code limit}. */
    private record Projection(FillClock clock, RobustSlope fit, double level, double levelBand, Instant now, double limit) {

        Eta eta(double targetPct) {
            return new Eta(targetPct,
                    reach(targetPct, level + levelBand, fit.high()),
                    reach(targetPct, level, fit.slope()),
                    reach(targetPct, level - levelBand, fit.low()));
        }

        private Instant reach(double target, double from, double slope) {
            double need = target - from;
            if (need <= 0) {
                return now;
            }
            if (slope <= 0) {
                return null;
            }
            double at = clock.solve(LocalHours.seconds(now), need / slope, limit);
            return Double.isFinite(at) ? LocalHours.instant(at) : null;
        }
    }
}
