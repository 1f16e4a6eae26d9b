package org.clearway.simulator.model;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How simulated sensors behave.
 *
 * @param reportInterval simulated time between two measurements of one sensor (each varies by up to
 *                       a tenth of it), 1 second or more
 * @param zone           the city's time zone, for the hour of day and the weekday that set fill rates
 * @param outageShare    chance, per measurement, that a sensor goes offline and buffers its readings
 * @param alarmRate      multiplier of the (rare) alarm chances; 0 for none
 * @param initialFill    bins start at fills drawn evenly from 0 to this (in %, at most 95: below the level at which
 *                       a full bin is emptied without a truck)
 * @param standIns       whether the bins are emptied without trucks too: a bin that passes 95 to 100 % a few hours
 *                       later, and now and then one above 50 % by a routine round (the live city's stand-ins for
 *                       collections); off when simulated trucks do every collection, as in the lab's city
 */
public record SensorSpec(Duration reportInterval, ZoneId zone, double outageShare, double alarmRate,
                         double initialFill, boolean standIns) {
    /** The initial fills' upper bound unless told otherwise. */
    public static final double DEFAULT_INITIAL_FILL = 70;

    public SensorSpec(Duration reportInterval, ZoneId zone, double outageShare, double alarmRate) {
        this(reportInterval, zone, outageShare, alarmRate, DEFAULT_INITIAL_FILL, true);
    }

    public SensorSpec(Duration reportInterval, ZoneId zone, double outageShare, double alarmRate, double initialFill) {
        this(reportInterval, zone, outageShare, alarmRate, initialFill, true);
    }

    public SensorSpec {
        if (!(initialFill > 0 && initialFill <= 95)) {
            throw new IllegalArgumentException("the initial fill must be above 0 and at most 95 %, got " + initialFill);
        }
        Objects.requireNonNull(reportInterval, "reportInterval");
        Objects.requireNonNull(zone, "zone");
        if (reportInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("the report interval must be 1 second or more, got " + reportInterval);
        }
        if (!(outageShare >= 0 && outageShare <= 1)) {
            throw new IllegalArgumentException("the outage share must be from 0 to 1, got " + outageShare);
        }
        if (!(alarmRate >= 0 && alarmRate <= 1_000)) {
            throw new IllegalArgumentException("the alarm rate must be from 0 to 1000, got " + alarmRate);
        }
    }
}
