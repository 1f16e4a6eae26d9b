package org.clearway.simulator.city;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.clearway.simulator.model.Seeds;

/**
 * Lays out a synthetic city around a centre: districts on a ring, streets around each district's
 * centre, communities along each street, and bins scattered in each community. About 12 bins make
 * a community, 3 communities a street, 2 streets a district (at most 12 districts). Everything is
 * drawn from streams of the seed, so the same spec always gives the same city, and a bin's own
 * properties depend on its index only (adding bins does not change the first ones' streams or
 * geometry, though it may move them to other zones).
 */
public final class CityGenerator {
    private static final double METRES_PER_DEGREE = 111_320.0;
    private static final String[] DISTRICTS = {"Harbour", "Old Town", "Riverside", "Hillcrest", "Market",
        "Northgate", "Parkside", "Station", "University", "Eastfield", "Westbrook", "Lakeside"};
    private static final String[] STREETS = {"Maple", "Cedar", "Willow", "Canal", "Bridge", "Mill", "Garden",
        "Orchard", "Temple", "Silk", "Salt", "Lantern", "Ferry", "Bamboo", "Chestnut", "Pine"};
    private static final String[] STREET_KINDS = {"Street", "Road", "Avenue", "Lane"};
    /** Stream weights: kitchen, recyclable, hazardous, residual. */
    private static final double[] STREAM_WEIGHTS = {0.35, 0.25, 0.05, 0.35};

    private CityGenerator() {
    }

    public static City generate(CitySpec spec) {
        int bins = spec.binCount();
        int communities = Math.max(1, ceilDiv(bins, 12));
        int streets = Math.max(1, ceilDiv(communities, 3));
        int districts = Math.max(1, Math.min(12, ceilDiv(streets, 2)));
        List<SimZone> zones = new ArrayList<>(districts + streets + communities);

        SimZone[] districtZones = new SimZone[districts];
        for (int d = 0; d < districts; d++) {
            SplittableRandom rng = Seeds.stream(spec.seed(), "district", d);
            double angle = 2 * Math.PI * d / districts + rng.nextDouble(-0.2, 0.2);
            double radius = districts == 1 ? 0 : rng.nextDouble(2_000, 3_500);
            double[] at = offset(spec.centreLat(), spec.centreLon(), radius * Math.sin(angle),
                    radius * Math.cos(angle));
            String name = DISTRICTS[d % DISTRICTS.length] + " District";
            districtZones[d] = new SimZone(String.format("%s-d%02d", spec.idPrefix(), d + 1), ZoneLevel.DISTRICT,
                    name, null, at[0], at[1]);
            zones.add(districtZones[d]);
        }
        SimZone[] streetZones = new SimZone[streets];
        for (int s = 0; s < streets; s++) {
            SimZone district = districtZones[(int) ((long) s * districts / streets)];
            SplittableRandom rng = Seeds.stream(spec.seed(), "street", s);
            double[] at = scatter(rng, district.lat(), district.lon(), 900);
            String name = STREETS[s % STREETS.length] + " " + STREET_KINDS[(s / STREETS.length) % STREET_KINDS.length]
                    + (s >= STREETS.length * STREET_KINDS.length ? " " + (s + 1) : "");
            streetZones[s] = new SimZone(String.format("%s-s%03d", spec.idPrefix(), s + 1), ZoneLevel.STREET,
                    name, district, at[0], at[1]);
            zones.add(streetZones[s]);
        }
        SimZone[] communityZones = new SimZone[communities];
        for (int c = 0; c < communities; c++) {
            SimZone street = streetZones[(int) ((long) c * streets / communities)];
            SplittableRandom rng = Seeds.stream(spec.seed(), "community", c);
            double[] at = scatter(rng, street.lat(), street.lon(), 300);
            communityZones[c] = new SimZone(String.format("%s-c%04d", spec.idPrefix(), c + 1), ZoneLevel.COMMUNITY,
                    street.name() + ", block " + (c + 1), street, at[0], at[1]);
            zones.add(communityZones[c]);
        }
        List<SimBin> binList = new ArrayList<>(bins);
        for (int i = 0; i < bins; i++) {
            binList.add(bin(spec, i, communityZones[(int) ((long) i * communities / bins)]));
        }
        return new City(zones, binList);
    }

    private static SimBin bin(CitySpec spec, int index, SimZone community) {
        SplittableRandom rng = Seeds.stream(spec.seed(), "bin", index);
        // Draw every number in a fixed order, so that changing one share changes only what it decides.
        double streamDraw = rng.nextDouble();
        int volumeDraw = rng.nextInt(1_000);
        double[] at = scatter(rng, community.lat(), community.lon(), 80);
        int offset = 20 + rng.nextInt(101);
        int depthJitter = rng.nextInt(-40, 41);
        double thresholdDraw = rng.nextDouble();
        double threshold = 70 + rng.nextInt(21);
        double distanceDraw = rng.nextDouble();

        WasteStream stream = pickStream(streamDraw);
        int volume = stream.volumeChoice(volumeDraw % stream.volumeChoices());
        return new SimBin(String.format("%s-%05d", spec.idPrefix(), index + 1), index, community, stream, volume,
                depthFor(volume) + depthJitter, offset, at[0], at[1], thresholdDraw < 0.2 ? threshold : null,
                distanceDraw < spec.distanceShare());
    }

    private static WasteStream pickStream(double draw) {
        double sum = 0;
        WasteStream[] all = WasteStream.values();
        for (int i = 0; i < all.length; i++) {
            sum += STREAM_WEIGHTS[i];
            if (draw < sum) {
                return all[i];
            }
        }
        return all[all.length - 1];
    }

    /** Typical inside depth of a bin of this volume, in mm. */
    static int depthFor(int volumeL) {
        if (volumeL <= 60) {
            return 550;
        } else if (volumeL <= 120) {
            return 900;
        } else if (volumeL <= 240) {
            return 1_000;
        } else if (volumeL <= 660) {
            return 1_150;
        } else if (volumeL <= 1_100) {
            return 1_300;
        }
        return 2_000;
    }

    private static double[] scatter(SplittableRandom rng, double lat, double lon, double radiusM) {
        double angle = rng.nextDouble(2 * Math.PI);
        double r = radiusM * Math.sqrt(rng.nextDouble());
        return offset(lat, lon, r * Math.sin(angle), r * Math.cos(angle));
    }

    private static double[] offset(double lat, double lon, double northM, double eastM) {
        double dLat = northM / METRES_PER_DEGREE;
        double dLon = eastM / (METRES_PER_DEGREE * Math.cos(Math.toRadians(lat)));
        double east = lon + dLon;
        // Across the antimeridian, wrap into -180..180 as the registry requires.
        east = east > 180 ? east - 360 : east < -180 ? east + 360 : east;
        return new double[] {round6(lat + dLat), round6(east)};
    }

    private static double round6(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
