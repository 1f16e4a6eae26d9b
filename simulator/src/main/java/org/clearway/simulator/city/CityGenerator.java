package org.clearway.simulator.city;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The live simulator's city, made from the city model: {@link City#generate} with the registry's streams
 * ({@link StreamSpec#registered()}) gives the bins, their streams, positions, districts, communities and fill rates
 * (the lab's policy evaluation generates the same city for the same seed, bins and streams). This class registers
 * it: the model's rectangle is centred on the spec's centre (metres to degrees), each district that holds bins is a
 * district zone, the bins of a community within a district are a community zone, and a district's communities
 * make streets of three. Each bin's sensor installation (inside depth from its stream's bin volume with a
 * jitter, sensor offset, an own threshold for one bin in five, a distance sensor for the spec's share) comes from
 * the bin's own stream, so the distance share decides only the sensor kind.
 */
public final class CityGenerator {
    private static final double METRES_PER_DEGREE = 111_320.0;
    private static final int COMMUNITIES_PER_STREET = 3;
    private static final String[] DISTRICTS = {"Harbour", "Old Town", "Riverside", "Hillcrest", "Market",
        "Northgate", "Parkside", "Station", "University", "Eastfield", "Westbrook", "Lakeside"};
    private static final String[] STREETS = {"Maple", "Cedar", "Willow", "Canal", "Bridge", "Mill", "Garden",
        "Orchard", "Temple", "Silk", "Salt", "Lantern", "Ferry", "Bamboo", "Chestnut", "Pine"};
    private static final String[] STREET_KINDS = {"Street", "Road", "Avenue", "Lane"};

    private CityGenerator() {
    }

    /** The model city the live simulator runs for a spec: its seed and bins, the registry's streams. */
    public static City model(CitySpec spec) {
        return City.generate(new CityConfig(spec.seed(), spec.binCount(), StreamSpec.registered(), 1));
    }

    public static LiveCity generate(CitySpec spec) {
        City model = model(spec);
        Map<Integer, Map<Integer, List<CityBin>>> byDistrict = new TreeMap<>();
        for (CityBin b : model.bins()) {
            byDistrict.computeIfAbsent(b.district(), d -> new TreeMap<>())
                    .computeIfAbsent(b.community(), c -> new ArrayList<>()).add(b);
        }
        List<SimZone> zones = new ArrayList<>();
        SimZone[] zoneOfBin = new SimZone[model.bins().size()];
        int streets = 0;
        int communities = 0;
        for (Map.Entry<Integer, Map<Integer, List<CityBin>>> d : byDistrict.entrySet()) {
            City.Site depot = model.depots().get(d.getKey());
            double[] at = latLon(spec, model, depot.x(), depot.y());
            SimZone district = new SimZone(String.format("%s-d%02d", spec.idPrefix(), d.getKey() + 1),
                    ZoneLevel.DISTRICT, DISTRICTS[d.getKey() % DISTRICTS.length] + " District", null, at[0], at[1]);
            zones.add(district);
            List<List<CityBin>> groups = new ArrayList<>(d.getValue().values());
            for (int from = 0; from < groups.size(); from += COMMUNITIES_PER_STREET) {
                List<List<CityBin>> ofStreet = groups.subList(from, Math.min(groups.size(), from + COMMUNITIES_PER_STREET));
                double[] centre = centre(spec, model, ofStreet.stream().flatMap(List::stream).toList());
                SimZone street = new SimZone(String.format("%s-s%03d", spec.idPrefix(), streets + 1), ZoneLevel.STREET,
                        streetName(streets), district, centre[0], centre[1]);
                streets++;
                zones.add(street);
                for (List<CityBin> group : ofStreet) {
                    double[] c = centre(spec, model, group);
                    communities++;
                    SimZone community = new SimZone(String.format("%s-c%04d", spec.idPrefix(), communities),
                            ZoneLevel.COMMUNITY, street.name() + ", block " + communities, street, c[0], c[1]);
                    zones.add(community);
                    group.forEach(b -> zoneOfBin[b.index()] = community);
                }
            }
        }
        List<SimBin> bins = new ArrayList<>(model.bins().size());
        for (CityBin b : model.bins()) {
            bins.add(bin(spec, model, b, zoneOfBin[b.index()]));
        }
        return new LiveCity(model, zones, bins);
    }

    private static String streetName(int s) {
        return STREETS[s % STREETS.length] + " " + STREET_KINDS[(s / STREETS.length) % STREET_KINDS.length]
                + (s >= STREETS.length * STREET_KINDS.length ? " " + (s + 1) : "");
    }

    private static SimBin bin(CitySpec spec, City model, CityBin b, SimZone community) {
        SplittableRandom rng = CitySeeds.random(spec.seed(), CitySeeds.INSTALLATION, b.index());
        // Draw every number in a fixed order, so that changing one share changes only what it decides.
        int offset = 20 + rng.nextInt(101);
        int depthJitter = rng.nextInt(-40, 41);
        double thresholdDraw = rng.nextDouble();
        double threshold = 70 + rng.nextInt(21);
        double distanceDraw = rng.nextDouble();
        WasteStream stream = WasteStream.of(b.stream().code());
        long volume = b.stream().binVolumeL();
        double[] at = latLon(spec, model, b.x(), b.y());
        return new SimBin(String.format("%s-%05d", spec.idPrefix(), b.index() + 1), b.index(), community, stream,
                volume, depthFor(volume) + depthJitter, offset, at[0], at[1], thresholdDraw < 0.2 ? threshold : null,
                distanceDraw < spec.distanceShare());
    }

    /** Typical inside depth of a bin of this volume, in mm. */
    static int depthFor(long volumeL) {
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

    private static double[] centre(CitySpec spec, City model, List<CityBin> bins) {
        double x = bins.stream().mapToDouble(CityBin::x).average().orElse(model.width() / 2);
        double y = bins.stream().mapToDouble(CityBin::y).average().orElse(model.height() / 2);
        return latLon(spec, model, x, y);
    }

    /** A point of the model (metres east and north of its south-west corner) in degrees, the model centred on the spec's centre. */
    public static double[] latLon(CitySpec spec, City model, double x, double y) {
        double northM = y - model.height() / 2;
        double eastM = x - model.width() / 2;
        double lat = spec.centreLat();
        double dLat = northM / METRES_PER_DEGREE;
        double dLon = eastM / (METRES_PER_DEGREE * Math.cos(Math.toRadians(lat)));
        double east = spec.centreLon() + dLon;
        // Across the antimeridian, wrap into -180..180 as the registry requires.
        east = east > 180 ? east - 360 : east < -180 ? east + 360 : east;
        return new double[] {round6(lat + dLat), round6(east)};
    }

    private static double round6(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }
}
