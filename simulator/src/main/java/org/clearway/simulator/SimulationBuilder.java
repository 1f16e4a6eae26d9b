package org.clearway.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.clearway.core.contract.TelemetryTopic;
import org.clearway.core.time.DbClock;
import org.clearway.simulator.city.CitySpec;
import org.clearway.simulator.devices.Fleet;
import org.clearway.simulator.model.SensorSpec;
import org.clearway.simulator.model.Sleeper;
import org.clearway.simulator.payload.BadKind;

/**
 * Builds a {@link Simulation}. Defaults: seed 1, 100 bins around (31.2304, 121.4737) in
 * Asia/Shanghai, ids {@code sim-00001}..., no topic prefix, speed 60, a start 6 days before now
 * when the speed is above 1 (else now), a report every 15 minutes of simulated time, 30 % distance
 * sensors, outages at 0.2 % of reports, no bad and no duplicate messages, a maximum age of 7 days
 * and the system clock.
 */
public final class SimulationBuilder {
    /** How far in the past the simulation starts by default when it runs faster than real time. */
    public static final Duration DEFAULT_HISTORY = Duration.ofDays(6);

    private long seed = 1;
    private int bins = 100;
    private double centreLat = 31.2304;
    private double centreLon = 121.4737;
    private ZoneId zone = ZoneId.of("Asia/Shanghai");
    private String idPrefix = "sim";
    private String topicPrefix = "";
    private double speed = 60;
    private Instant start;
    private Duration reportInterval = Duration.ofMinutes(15);
    private double distanceShare = 0.3;
    private double outageShare = 0.002;
    private double alarmRate = 1;
    private double badShare;
    private Set<BadKind> badKinds = EnumSet.allOf(BadKind.class);
    private double duplicateShare;
    private Duration maxAge = Duration.ofDays(7);
    private double initialFill = SensorSpec.DEFAULT_INITIAL_FILL;
    private boolean standIns = true;
    private Clock clock = DbClock.wall();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Fleet fleet = Fleet.CONTRACT;

    SimulationBuilder() {
    }

    public SimulationBuilder seed(long value) {
        this.seed = value;
        return this;
    }

    public SimulationBuilder bins(int count) {
        this.bins = count;
        return this;
    }

    public SimulationBuilder centre(double lat, double lon) {
        this.centreLat = lat;
        this.centreLon = lon;
        return this;
    }

    /** The city's time zone: fill rates follow its hour of day and weekday. */
    public SimulationBuilder zone(ZoneId value) {
        this.zone = Objects.requireNonNull(value, "zone");
        return this;
    }

    /** First part of zone and bin ids ({@code sim} gives {@code sim-00001}). */
    public SimulationBuilder idPrefix(String value) {
        this.idPrefix = Objects.requireNonNull(value, "idPrefix");
        return this;
    }

    public SimulationBuilder topicPrefix(String value) {
        this.topicPrefix = value == null ? "" : value;
        return this;
    }

    /** Simulated seconds per wall-clock second, 1 or more. */
    public SimulationBuilder speed(double value) {
        this.speed = value;
        return this;
    }

    /** No speed limit: simulated time runs as fast as messages are taken, up to the real now. */
    public SimulationBuilder maxSpeed() {
        this.speed = Double.POSITIVE_INFINITY;
        return this;
    }

    /** Simulated time at the start; at most now, and within the maximum age less an hour. */
    public SimulationBuilder start(Instant value) {
        this.start = value;
        return this;
    }

    public SimulationBuilder reportInterval(Duration value) {
        this.reportInterval = Objects.requireNonNull(value, "reportInterval");
        return this;
    }

    public SimulationBuilder distanceShare(double value) {
        this.distanceShare = value;
        return this;
    }

    public SimulationBuilder outageShare(double value) {
        this.outageShare = value;
        return this;
    }

    public SimulationBuilder alarmRate(double value) {
        this.alarmRate = value;
        return this;
    }

    public SimulationBuilder badShare(double value) {
        this.badShare = value;
        return this;
    }

    public SimulationBuilder badKinds(Set<BadKind> kinds) {
        this.badKinds = EnumSet.copyOf(kinds.isEmpty() ? EnumSet.noneOf(BadKind.class) : kinds);
        return this;
    }

    public SimulationBuilder duplicateShare(double value) {
        this.duplicateShare = value;
        return this;
    }

    /**
     * Bins start at fills drawn evenly from 0 to this (default 70 %); a live start (the launcher's) uses 95, so that
     * some bins are past their threshold at once.
     */
    /**
     * Whether bins are emptied without trucks too (default on): a bin past 95 to 100 % a few hours later, now and
     * then one above 50 % by a routine round. Off when simulated trucks do every collection (the lab's city).
     */
    public SimulationBuilder standInCollections(boolean on) {
        this.standIns = on;
        return this;
    }

    public SimulationBuilder initialFill(double maxPct) {
        this.initialFill = maxPct;
        return this;
    }

    /** The ingest's maximum reading age ({@code CLEARWAY_MAX_READING_AGE}), default 7 days. */
    public SimulationBuilder maxAge(Duration value) {
        this.maxAge = Objects.requireNonNull(value, "maxAge");
        return this;
    }

    public SimulationBuilder clock(Clock value) {
        this.clock = Objects.requireNonNull(value, "clock");
        return this;
    }

    /** How the simulation waits for simulated time; tests pass one that moves their clock. */
    public SimulationBuilder sleeper(Sleeper value) {
        this.sleeper = Objects.requireNonNull(value, "sleeper");
        return this;
    }

    /** Which sensor each bin carries (default {@link Fleet#CONTRACT}: the contract's JSON on every bin). */
    public SimulationBuilder fleet(Fleet value) {
        this.fleet = Objects.requireNonNull(value, "fleet");
        return this;
    }

    /** @throws IllegalArgumentException with what to change, when a setting cannot work */
    public Simulation build() {
        return new Simulation(settings());
    }

    SimulationSettings settings() {
        if (!(speed >= 1)) {
            throw new IllegalArgumentException("speed must be 1 or more (or unlimited), got " + speed);
        }
        check(duplicateShare, "duplicate share");
        check(badShare, "bad share");
        if (badShare > 0 && badKinds.isEmpty()) {
            throw new IllegalArgumentException("a bad share above 0 needs at least one bad kind");
        }
        if (maxAge.compareTo(Duration.ofHours(2)) < 0) {
            throw new IllegalArgumentException("the maximum age must be 2 hours or more, got " + maxAge);
        }
        if (topicPrefix.contains("+") || topicPrefix.contains("#") || topicPrefix.startsWith("$")) {
            throw new IllegalArgumentException("the topic prefix must hold no + or # and not start with $, like"
                    + " city-a/; got '" + topicPrefix + "'");
        }
        Instant now = clock.instant();
        Instant from = (start != null ? start : speed > 1 ? now.minus(DEFAULT_HISTORY) : now)
                .truncatedTo(ChronoUnit.SECONDS);
        Instant oldest = now.minus(maxAge).plus(Simulation.AGE_MARGIN);
        if (from.isBefore(oldest)) {
            throw new IllegalArgumentException("the start " + from + " is too far back: the ingest keeps readings for "
                    + maxAge.toHours() + " hours, so start after " + oldest.truncatedTo(ChronoUnit.SECONDS));
        }
        if (from.isAfter(now)) {
            throw new IllegalArgumentException("the start " + from + " is in the future: start at or before now ("
                    + now.truncatedTo(ChronoUnit.SECONDS) + ")");
        }
        CitySpec city = new CitySpec(seed, bins, centreLat, centreLon, distanceShare, idPrefix);
        if (!TelemetryTopic.isValidBinId("unregistered-" + idPrefix + "-" + "0".repeat(Math.max(5,
                Integer.toString(bins).length())))) {
            throw new IllegalArgumentException("the id prefix '" + idPrefix + "' is too long for unknown-bin ids;"
                    + " use at most 40 characters in all with the bin number");
        }
        SensorSpec sensors = new SensorSpec(reportInterval, zone, outageShare, alarmRate, initialFill, standIns);
        return new SimulationSettings(seed, city, sensors, from, speed, topicPrefix, badShare, badKinds,
                duplicateShare, maxAge, clock, sleeper, fleet);
    }

    private static void check(double share, String name) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("the " + name + " must be from 0 to 1, got " + share);
        }
    }
}
