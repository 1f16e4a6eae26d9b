package org.clearway.decisions.forecast;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;

import org.clearway.decisions.signal.FillSample;

/**
 * A bin that fills at a rate given per local hour, read every {@code interval} with Gaussian noise from a seeded
 * generator (so every run sees the same numbers), emptied to {@code emptiedTo} when it passes {@code emptyAbove}.
 */
final class SyntheticFill {

    private final ToDoubleFunction<Instant> ratePerHour;
    private final Duration interval;
    private final double noise;
    private final double emptyAbove;
    private final double emptiedTo;
    private final Random random;
    private Instant at;
    private double level;

    SyntheticFill(Instant start, double level, Duration interval, double noise, ToDoubleFunction<Instant> ratePerHour,
                  double emptyAbove, double emptiedTo, long seed) {
        this.at = start;
        this.level = level;
        this.interval = interval;
        this.noise = noise;
        this.ratePerHour = ratePerHour;
        this.emptyAbove = emptyAbove;
        this.emptiedTo = emptiedTo;
        this.random = new Random(seed);
    }

    /** Fills at a constant rate, never emptied. */
    static SyntheticFill linear(Instant start, double level, double ratePerHour, double noise, long seed) {
        return new SyntheticFill(start, level, Duration.ofMinutes(15), noise, t -> ratePerHour, 1000, 0, seed);
    }

    /** Base rate, with {@code mealRate} from 11:00 to 13:00 and from 18:00 to 20:00 local time. */
    static ToDoubleFunction<Instant> mealtimes(ZoneId zone, double baseRate, double mealRate) {
        return t -> {
            int hour = t.atZone(zone).getHour();
            return (hour >= 11 && hour < 13) || (hour >= 18 && hour < 20) ? mealRate : baseRate;
        };
    }

    /** A reading, and whether the bin was emptied just before it. */
    record Tick(FillSample reading, boolean emptied) {
    }

    /** The next reading; the true level advances by one interval first. */
    FillSample next() {
        return tick().reading();
    }

    Tick tick() {
        level = advance(at, level, interval);
        at = at.plus(interval);
        boolean emptied = level > emptyAbove;
        if (emptied) {
            level = emptiedTo;
        }
        return new Tick(new FillSample(at, level + noise * random.nextGaussian()), emptied);
    }

    /** The readings until {@code span} from now. */
    List<Tick> ticks(Duration span) {
        Instant end = at.plus(span);
        List<Tick> ticks = new ArrayList<>();
        while (at.isBefore(end)) {
            ticks.add(tick());
        }
        return ticks;
    }

    Instant at() {
        return at;
    }

    double level() {
        return level;
    }

    /** When the true (noise-free) level reaches {@code target} from now, ignoring emptyings. */
    Instant trueTimeTo(double target) {
        Instant t = at;
        double l = level;
        Duration step = Duration.ofMinutes(1);
        while (l < target) {
            l = advance(t, l, step);
            t = t.plus(step);
        }
        return t;
    }

    private double advance(Instant from, double fromLevel, Duration span) {
        double hours = span.toSeconds() / 3600.0;
        return fromLevel + ratePerHour.applyAsDouble(from) * hours;
    }
}
