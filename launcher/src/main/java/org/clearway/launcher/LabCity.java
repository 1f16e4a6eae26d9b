package org.clearway.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.clearway.simulator.SimulationBuilder;
import org.clearway.simulator.city.City;
import org.clearway.simulator.city.CityGenerator;
import org.clearway.simulator.city.CitySpec;
import org.clearway.simulator.city.StreamSpec;
import org.clearway.simulator.devices.Fleet;
import org.clearway.simulator.trucks.DrivingModel;

/**
 * {@code --lab-city}: the launcher runs the policy evaluation's city (issue 12), the one that {@code PolicyEvaluation
 * --seed S --bins N --streams residual,recyclable,kitchen,hazardous --trucks T} simulates: the same bins, streams,
 * positions, districts and communities (the simulator's city model for the seed and bins), its depots and facilities,
 * and its fleet: {@code T} trucks per district and stream at the district's depot, with the stream's truck load,
 * 06:00 to 14:00 with a 30-minute break starting between 09:30 and 11:30, unloading at the stream's facility (open
 * 05:00 to 20:00). Its sensors report like the lab's: every {@code --report-minutes}, contract sensors with the model's
 * noise, no outages, alarms, bad or duplicate messages, bins starting at 0 to 70 %; the simulator's stand-in
 * collections are off, so the simulated trucks, following dispatch's routes, do every collection, and they drive the
 * lab's street grid at its speed (6 m/s) and service times. The city's clock runs in UTC, as the lab's days do, and
 * starts on a Monday at 00:00, as the lab's first day. Dispatch runs its default policy, whose settings are the lab's
 * defaults ({@code RoundsConfig}).
 */
final class LabCity {
    /** The lab's shift, break and facility hours ({@code lab}'s {@code ShiftPlanner}, {@code docs/policy.md}). */
    static final LocalTime SHIFT_START = LocalTime.of(6, 0);
    static final LocalTime SHIFT_END = LocalTime.of(14, 0);
    static final String BREAK = "30m";
    static final String BREAK_WINDOW = "09:30-11:30";
    static final LocalTime FACILITY_OPENS = LocalTime.of(5, 0);
    static final LocalTime FACILITY_CLOSES = LocalTime.of(20, 0);
    /**
     * The lab's trucks: 6 m/s on a street grid, a bin's service a minute (kitchen 40 s), 15 minutes to unload, never
     * at a stop before the plan's time (the lab collects at the planned times).
     */
    static final DrivingModel DRIVING = DrivingModel.DEFAULT.withGrid(true).withSpeedKmh(21.6)
            .withBinService(Duration.ofSeconds(60)).withUnloadService(Duration.ofMinutes(15)).withOnSchedule(true);
    /** How long before the shift dispatch gives the trucks their routes: the lab plans its day at 05:30. */
    static final Duration DISPATCH_AHEAD = Duration.ofMinutes(30);
    /** The lab's bins start at fills from 0 to this. */
    static final double INITIAL_FILL = 70;

    private final int trucksPerStream;
    private final Duration report;

    LabCity(int trucksPerStream, int reportMinutes) {
        if (trucksPerStream < 1) {
            throw new IllegalArgumentException("--trucks must be at least 1 truck per district and stream, got "
                    + trucksPerStream);
        }
        if (reportMinutes < 15 || reportMinutes % 15 != 0) {
            throw new IllegalArgumentException("--report-minutes must be a positive multiple of 15 (the lab's step), got "
                    + reportMinutes);
        }
        this.trucksPerStream = trucksPerStream;
        this.report = Duration.ofMinutes(reportMinutes);
    }

    /** The Monday 00:00 UTC at or after {@code at}: the lab's day 0 starts a week. */
    static Instant weekStart(Instant at) {
        ZonedDateTime utc = at.atZone(ZoneOffset.UTC);
        ZonedDateTime midnight = utc.toLocalDate().atStartOfDay(ZoneOffset.UTC);
        ZonedDateTime monday = midnight.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        return (monday.isBefore(utc) ? monday.plusWeeks(1) : monday).toInstant();
    }

    /**
     * The services' settings for the lab's city: its time zone (UTC), its drivers' break, trucks that cost the
     * planner the drive depot, facility, depot to use, the lab's travel model (its grid, speed and time at a bin) and
     * routes given to the trucks half an hour before their shift (unless the environment says otherwise).
     */
    void environment(Map<String, String> vars) {
        vars.put("CLEARWAY_DISPATCH_TIME_ZONE", "UTC");
        vars.put("CLEARWAY_DISPATCH_BREAK", BREAK);
        vars.put("CLEARWAY_DISPATCH_BREAK_WINDOW", BREAK_WINDOW);
        vars.putIfAbsent("CLEARWAY_DISPATCH_PLAN_TRUCK_COST", "true");  // a truck used costs what the lab's planner charges
        // the lab's travel model: its street grid at its trucks' speed, a minute at a bin (DRIVING)
        vars.putIfAbsent("CLEARWAY_DISPATCH_PLAN_STREETS", "grid");
        vars.putIfAbsent("CLEARWAY_DISPATCH_PLAN_SPEED", Double.toString(DRIVING.speedKmh()));
        vars.putIfAbsent("CLEARWAY_DISPATCH_PLAN_BIN_SERVICE", DRIVING.binService().toSeconds() + "s");
        // routes go out half an hour before the shift, as the lab plans its day at 05:30; earlier plans stay free
        vars.putIfAbsent("CLEARWAY_DISPATCH_PLAN_DISPATCH_AHEAD", DISPATCH_AHEAD.toMinutes() + "m");
    }

    /** The simulator's sensors as the lab's: contract sensors every report period, nothing but the model's noise. */
    SimulationBuilder sensors(SimulationBuilder builder) {
        return builder.zone(ZoneOffset.UTC).reportInterval(report).fleet(Fleet.CONTRACT).distanceShare(0)
                .outageShare(0).alarmRate(0).badShare(0).duplicateShare(0).initialFill(INITIAL_FILL)
                .standInCollections(false);
    }

    /** Writes dispatch's fleet file for the city: its depots, facilities and trucks; the caller deletes it. */
    Path fleetFile(City model, CitySpec spec) throws IOException {
        Path file = Files.createTempFile("clearway-lab-fleet", ".json");
        Files.writeString(file, fleetJson(model, spec));
        return file;
    }

    String fleetJson(City model, CitySpec spec) {
        List<String> facilities = new ArrayList<>();
        for (City.Site depot : model.depots()) {
            facilities.add(site(model, spec, depot, "depot", "Depot of district " + (district(depot) + 1), List.of(),
                    LocalTime.MIDNIGHT, null));
        }
        List<StreamSpec> streams = model.config().streams();
        for (City.Site facility : model.facilities()) {
            List<String> accepted = streams.stream().filter(s -> s.facilityId().equals(facility.id()))
                    .map(StreamSpec::code).toList();
            if (!accepted.isEmpty()) {
                boolean transfer = facility.id().equals(StreamSpec.TRANSFER_STATION);
                facilities.add(site(model, spec, facility, transfer ? "transfer_station" : "treatment_plant",
                        transfer ? "Transfer station" : "Recycling centre", accepted, FACILITY_OPENS, FACILITY_CLOSES));
            }
        }
        List<String> trucks = new ArrayList<>();
        for (City.Site depot : model.depots()) {
            for (StreamSpec stream : streams) {
                for (int k = 1; k <= trucksPerStream; k++) {
                    trucks.add(String.format(Locale.ROOT, "    {\"id\": \"truck-d%d-%s-%d\", \"depot\": \"%s\", "
                                    + "\"streams\": [\"%s\"], \"capacityVolumeL\": %d, \"capacityWeightKg\": %d, "
                                    + "\"shiftStart\": \"%s\", \"shiftEnd\": \"%s\"}", district(depot) + 1,
                            stream.code(), k, depot.id(), stream.code(), stream.truckVolumeL(), stream.truckWeightKg(),
                            SHIFT_START, SHIFT_END));
                }
            }
        }
        return "{\n  \"version\": 1,\n  \"facilities\": [\n" + String.join(",\n", facilities) + "\n  ],\n"
                + "  \"trucks\": [\n" + String.join(",\n", trucks) + "\n  ]\n}\n";
    }

    private static int district(City.Site depot) {
        return Integer.parseInt(depot.id().substring(depot.id().lastIndexOf('-') + 1));
    }

    private static String site(City model, CitySpec spec, City.Site site, String kind, String name, List<String> streams,
                               LocalTime opens, LocalTime closes) {
        double[] at = CityGenerator.latLon(spec, model, site.x(), site.y());
        return String.format(Locale.ROOT, "    {\"id\": \"%s\", \"kind\": \"%s\", \"name\": \"%s\", \"lat\": %.6f, "
                        + "\"lon\": %.6f%s, \"opens\": \"%s\", \"closes\": \"%s\"}", site.id(), kind, name, at[0], at[1],
                streams.isEmpty() ? "" : ", \"acceptedStreams\": [\"" + String.join("\", \"", streams) + "\"]",
                opens, closes == null ? "24:00" : closes);
    }

    String describe() {
        return "the lab's city (PolicyEvaluation --streams residual,recyclable,kitchen,hazardous --trucks "
                + trucksPerStream + " --report-minutes " + report.toMinutes() + "; no stand-in collections)";
    }
}
