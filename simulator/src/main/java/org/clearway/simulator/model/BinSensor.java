package org.clearway.simulator.model;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.clearway.core.contract.Alarm;
import org.clearway.simulator.city.SimBin;
import org.clearway.simulator.waste.LiveWaste;

/**
 * The sensor of one bin and the waste in it. Each call of {@link #report()} measures at
 * {@link #nextAt()} and moves the schedule on. Fill rises by the city model's waste
 * ({@link LiveWaste}: the bin's rate, its stream's hour-of-week rhythm, noise and its community's
 * events, as in the lab) and is read with the model's sensor noise ({@link SensorNoise}); a bin
 * that passes its collection level (95 to 100 %) is emptied a few hours later, and now and then a
 * routine round empties a bin above 50 % (the live city's stand-in for collections when no truck does it; both off with
 * {@link SensorSpec#standIns()} false). The battery drains and is replaced
 * when low (the sensor reboots and its {@code seq} restarts at 0). Rarely the sensor raises an
 * alarm, or goes offline for a while and then sends what it buffered (at most 100, oldest first).
 * The sensor's own randomness (firmware, schedule, battery, alarms, outages, emptyings) comes from
 * the bin's own stream.
 */
public final class BinSensor {
    /** A sensor buffers this many readings while offline; the one measured on reconnect makes 100. */
    static final int BUFFER = 99;
    private static final long MAX_SEQ = 4_294_967_295L;
    private static final ZoneOffset[] OFFSETS = {ZoneOffset.UTC, ZoneOffset.ofHours(8), ZoneOffset.ofHours(-5),
        ZoneOffset.ofHoursMinutes(5, 30)};

    private final SimBin bin;
    private final SplittableRandom rng;
    private final SensorSpec spec;
    private long intervalSeconds;
    /** An interval a downlink asked for, taken at the next uplink (a Class A device hears it then); 0: none. */
    private volatile long askedIntervalSeconds;
    private final LiveWaste waste;
    private final SensorNoise noise;
    // Firmware: what this sensor sends.
    private final ZoneOffset offset;
    private final boolean sendsSeq;
    private final boolean sendsBattery;
    private final boolean sendsTemp;
    private final boolean sendsRssi;
    private final boolean sendsTiltAlways;
    // The bin's character.
    private final double tempBase;
    private final int rssiBase;
    private final double drainPerHour;
    // State.
    private double fill;
    /** The fill after the last measurement, for other threads (a truck weighing what it empties). */
    private volatile double fillSeen;
    private double collectAt;
    private Instant fullSince;
    private Duration collectDelay = Duration.ZERO;
    private double battery;
    private long seq;
    private int tiltLeft;
    private Instant last;
    private Instant nextAt;
    private Instant offlineUntil;
    private final ArrayDeque<SensorReading> buffer = new ArrayDeque<>();

    public BinSensor(SimBin bin, SplittableRandom rng, SensorSpec spec, Instant start, LiveWaste waste,
                     SensorNoise noise) {
        this.bin = bin;
        this.waste = waste;
        this.noise = noise;
        this.rng = rng;
        this.spec = spec;
        this.intervalSeconds = spec.reportInterval().toSeconds();
        double offsetDraw = rng.nextDouble();
        this.offset = offsetDraw < 0.8 ? ZoneOffset.UTC : OFFSETS[1 + rng.nextInt(OFFSETS.length - 1)];
        this.sendsSeq = rng.nextDouble() < 0.9;
        this.sendsBattery = rng.nextDouble() < 0.95;
        this.sendsTemp = rng.nextDouble() < 0.7;
        this.sendsRssi = rng.nextDouble() < 0.6;
        this.sendsTiltAlways = rng.nextDouble() < 0.3;
        this.tempBase = rng.nextDouble(10, 22);
        this.rssiBase = -60 - rng.nextInt(56);
        this.drainPerHour = rng.nextDouble(0.01, 0.03);
        this.fill = rng.nextDouble(0, spec.initialFill());
        this.fillSeen = fill;
        this.collectAt = rng.nextDouble(95, 100);
        this.battery = rng.nextDouble(30, 100);
        this.seq = rng.nextLong(50_000);
        this.nextAt = start.plusSeconds(rng.nextLong(intervalSeconds));
    }

    public SimBin bin() {
        return bin;
    }

    /** The bin's fill (percent) as of its last measurement; safe to read from any thread. */
    public double fill() {
        return fillSeen;
    }

    /**
     * A truck emptied the bin at {@code at}: the waste of the steps that ended by then goes in first (as the lab
     * empties a bin at the fill it reached), then what is left is 0 to 5 % (the next measurement shows the drop).
     * Call from the thread that calls {@link #report()}.
     */
    public void emptiedByTruck(Instant at) {
        if (last != null) {
            fill = waste.fillAt(bin.index(), fill, at);
        }
        fill = rng.nextDouble(0, 5);
        fillSeen = fill;
        fullSince = null;
        collectAt = rng.nextDouble(95, 100);
    }

    /**
     * A downlink set the reporting interval: as a LoRaWAN Class A device, the sensor hears it in the receive window of
     * its next uplink and reports at the new interval from then on. Safe to call from any thread.
     */
    public void askInterval(Duration interval) {
        askedIntervalSeconds = Math.max(1, interval.toSeconds());
    }

    /** The interval it reports at now. */
    public Duration interval() {
        return Duration.ofSeconds(intervalSeconds);
    }

    /** When this sensor measures next. */
    public Instant nextAt() {
        return nextAt;
    }

    /**
     * Measures at {@link #nextAt()}, moves the schedule on and returns what the sensor sends now:
     * nothing while offline, one reading, or on reconnect the buffered readings and this one.
     */
    public List<SensorReading> report() {
        Instant at = nextAt;
        long asked = askedIntervalSeconds;
        if (asked > 0) {
            intervalSeconds = asked;
            askedIntervalSeconds = 0;
        }
        long jitter = intervalSeconds / 10;
        nextAt = at.plusSeconds(Math.max(1, intervalSeconds + (jitter == 0 ? 0 : rng.nextLong(-jitter, jitter + 1))));
        advance(at);
        fillSeen = fill;
        SensorReading reading = measure(at);
        if (offlineUntil != null) {
            if (at.isBefore(offlineUntil)) {
                keep(reading);
                return List.of();
            }
            offlineUntil = null;
            List<SensorReading> out = new ArrayList<>(buffer);
            out.add(reading);
            buffer.clear();
            return out;
        }
        if (rng.nextDouble() < spec.outageShare()) {
            offlineUntil = at.plus(spec.reportInterval().multipliedBy(2 + rng.nextInt(149)));
            keep(reading);
            return List.of();
        }
        return List.of(reading);
    }

    private void keep(SensorReading reading) {
        if (buffer.size() == BUFFER) {
            buffer.removeFirst();
        }
        buffer.addLast(reading);
    }

    private void advance(Instant at) {
        fill = waste.fillAt(bin.index(), fill, at);
        if (last != null) {
            battery -= drainPerHour * Duration.between(last, at).toSeconds() / 3600.0;
        }
        last = at;
        if (fill >= collectAt) {
            if (fullSince == null) {
                fullSince = at;
                collectDelay = Duration.ofMinutes(30 + rng.nextInt(450));
            } else if (spec.standIns() && !at.isBefore(fullSince.plus(collectDelay))) {
                empty();
            }
        } else if (fill > 50 && rng.nextDouble() < 0.002 && spec.standIns()) {
            empty();  // a routine round came by
        }
        if (battery < 3) {
            battery = 100;  // replaced: the sensor restarts
            seq = 0;
        } else if (rng.nextDouble() < 0.0003) {
            seq = 0;  // a reboot
        }
    }

    private void empty() {
        fill = rng.nextDouble(0, 3);
        fullSince = null;
        collectAt = rng.nextDouble(95, 100);
    }

    private SensorReading measure(Instant at) {
        ZonedDateTime local = at.atZone(spec.zone());
        double measured = round1(noise.read(bin.index(), fill));
        List<Alarm> alarms = new ArrayList<>(2);
        double rate = spec.alarmRate();
        boolean fire = rng.nextDouble() < 0.0002 * rate;
        double hourOfDay = local.getHour() + local.getMinute() / 60.0;
        double temp = tempBase + 6 * Math.sin(2 * Math.PI * (hourOfDay - 9) / 24) + 0.5 * Seeds.gaussian(rng);
        if (fire) {
            temp = rng.nextDouble(70, 120);
            alarms.add(Alarm.FIRE);
        }
        if (tiltLeft > 0) {
            tiltLeft--;
        } else if (rng.nextDouble() < 0.0005 * rate) {
            tiltLeft = 1 + rng.nextInt(4);
        }
        boolean tilted = tiltLeft > 0;
        if (tilted) {
            alarms.add(Alarm.TILT);
        }
        if (rng.nextDouble() < 0.002 * rate) {
            alarms.add(Alarm.LID_OPEN);
        }
        if (rng.nextDouble() < 0.0005 * rate) {
            alarms.add(Alarm.TAMPER);
        }
        if (rng.nextDouble() < 0.0005 * rate) {
            alarms.add(Alarm.SENSOR_FAULT);
        }
        int rssi = (int) Math.max(-150, Math.min(0, Math.round(rssiBase + 3 * Seeds.gaussian(rng))));
        long sentSeq = seq;
        seq = seq == MAX_SEQ ? 0 : seq + 1;
        Integer distance = null;
        Double fillSent = measured;
        if (bin.distanceSensor()) {
            distance = distanceFor(measured, bin.depthMm(), bin.sensorOffsetMm());
            fillSent = null;
        }
        return new SensorReading(at, offset, fillSent, distance, sendsSeq ? sentSeq : null,
                sendsBattery ? round1(Math.max(0, battery)) : null,
                sendsTemp || fire ? round1(Math.max(-40, Math.min(125, temp))) : null,
                tilted ? Boolean.TRUE : sendsTiltAlways ? Boolean.FALSE : null,
                sendsRssi ? rssi : null, alarms);
    }

    /** The distance an ultrasonic sensor measures at this fill: the contract's conversion, inverted. */
    public static int distanceFor(double fillPct, int depthMm, int sensorOffsetMm) {
        long d = Math.round(sensorOffsetMm + depthMm * (1 - fillPct / 100.0));
        return (int) Math.max(0, Math.min(10_000, d));
    }

    static double round1(double v) {
        double r = Math.round(v * 10) / 10.0;
        return r == 0 ? 0.0 : r;  // no -0.0
    }
}
