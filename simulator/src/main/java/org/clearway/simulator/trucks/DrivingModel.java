package org.clearway.simulator.trucks;

import java.time.Duration;

/**
 * How simulated trucks drive and work, in simulated time.
 *
 * @param speedKmh        average road speed
 * @param roadFactor      road distance per straight-line (haversine) distance, 1 or more
 * @param binService      time at a bin, from arrival to emptied
 * @param unloadService   time to unload at a facility
 * @param positionEvery   least time between positions; each truck draws its interval between this and twice it
 * @param grid            streets are a grid, as in the lab's city: a leg is its north-south plus its east-west
 *                        distance (Manhattan; {@code roadFactor} unused), else the straight line times
 *                        {@code roadFactor}
 * @param onSchedule      a truck never arrives before a stop's planned arrival: it leaves so as to arrive then (and
 *                        later when it runs late), as the lab's trucks collect at the planned times; else it drives
 *                        on as soon as it can
 */
public record DrivingModel(double speedKmh, double roadFactor, Duration binService, Duration unloadService,
                           Duration positionEvery, boolean grid, boolean onSchedule) {
    public static final DrivingModel DEFAULT = new DrivingModel(25, 1.3, Duration.ofSeconds(90),
            Duration.ofMinutes(15), Duration.ofSeconds(15), false, false);
    private static final double KM_PER_DEGREE = 111.32;

    public DrivingModel {
        if (!(speedKmh > 0) || Double.isInfinite(speedKmh)) {
            throw new IllegalArgumentException("truck speed must be a positive number of km/h, got " + speedKmh);
        }
        if (!(roadFactor >= 1) || Double.isInfinite(roadFactor)) {
            throw new IllegalArgumentException("road factor must be 1 or more, got " + roadFactor);
        }
        if (binService.isNegative() || unloadService.isNegative()) {
            throw new IllegalArgumentException("service times must not be negative");
        }
        if (positionEvery.isNegative() || positionEvery.isZero()) {
            throw new IllegalArgumentException("the position interval must be positive, got " + positionEvery);
        }
    }

    /** Road kilometres between two points. */
    public double roadKm(double lat1, double lon1, double lat2, double lon2) {
        if (grid) {
            double north = Math.abs(lat2 - lat1) * KM_PER_DEGREE;
            double east = Math.abs(lon2 - lon1) * KM_PER_DEGREE * Math.cos(Math.toRadians((lat1 + lat2) / 2));
            return north + east;
        }
        return Geo.km(lat1, lon1, lat2, lon2) * roadFactor;
    }

    /** Time to drive between two points at road speed. */
    public Duration travel(double lat1, double lon1, double lat2, double lon2) {
        double hours = roadKm(lat1, lon1, lat2, lon2) / speedKmh;
        return Duration.ofMillis(Math.round(hours * 3_600_000));
    }

    public DrivingModel withSpeedKmh(double kmh) {
        return new DrivingModel(kmh, roadFactor, binService, unloadService, positionEvery, grid, onSchedule);
    }

    public DrivingModel withRoadFactor(double factor) {
        return new DrivingModel(speedKmh, factor, binService, unloadService, positionEvery, grid, onSchedule);
    }

    public DrivingModel withBinService(Duration d) {
        return new DrivingModel(speedKmh, roadFactor, d, unloadService, positionEvery, grid, onSchedule);
    }

    /** On a street grid (the lab's city) or on roads a {@code roadFactor} longer than the straight line. */
    public DrivingModel withGrid(boolean on) {
        return new DrivingModel(speedKmh, roadFactor, binService, unloadService, positionEvery, on, onSchedule);
    }

    /** Whether a truck waits so as never to arrive before a stop's planned arrival. */
    public DrivingModel withOnSchedule(boolean on) {
        return new DrivingModel(speedKmh, roadFactor, binService, unloadService, positionEvery, grid, on);
    }

    public DrivingModel withUnloadService(Duration d) {
        return new DrivingModel(speedKmh, roadFactor, binService, d, positionEvery, grid, onSchedule);
    }
}
