package org.clearway.simulator.city;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The simulated city, generated from a {@link CityConfig}: a rectangle of 37.5 bins per km² split into a 2 by 2
 * grid of districts, each with a truck depot at its centre; communities of about 25 bins scattered uniformly; each
 * bin within about 120 m of its community's centre. Two facilities on the city's west and east edges (the transfer
 * station for residual and kitchen waste, the recycling centre for recyclables and glass).
 *
 * <p>A bin's mean fill rate is its stream's median rate times two log-normal factors: its community's (σ = 0.15:
 * some neighbourhoods produce more) and its own (σ = 0.3). The same seed always gives the same city.
 *
 * <p>This is the project's one city model: the lab's policy evaluation runs on it, and the live simulator
 * ({@link CityGenerator}) registers its bins, zones and positions from it; the waste the bins receive comes from
 * {@code org.clearway.simulator.waste.WasteGenerator}.
 */
public final class City {

    public static final double COMMUNITY_SIGMA = 0.15;
    public static final double BIN_SIGMA = 0.30;
    public static final double SCATTER_M = 120;

    /** A point of the city: a depot or a facility. */
    public record Site(String id, double x, double y) {
    }

    private final CityConfig config;
    private final double width;
    private final double height;
    private final List<CityBin> bins;
    private final List<Site> depots;
    private final List<Site> facilities;
    private final int communities;

    private City(CityConfig config, double width, double height, List<CityBin> bins, List<Site> depots,
                 List<Site> facilities, int communities) {
        this.config = config;
        this.width = width;
        this.height = height;
        this.bins = List.copyOf(bins);
        this.depots = List.copyOf(depots);
        this.facilities = List.copyOf(facilities);
        this.communities = communities;
    }

    public static City generate(CityConfig config) {
        SplittableRandom random = CitySeeds.random(config.seed(), CitySeeds.CITY, 0);
        double areaM2 = config.bins() / CityConfig.BINS_PER_KM2 * 1e6;
        double width = Math.sqrt(areaM2 * 1.25);
        double height = areaM2 / width;
        int communityCount = Math.max(CityConfig.DISTRICT_COLUMNS * CityConfig.DISTRICT_ROWS,
                Math.round(config.bins() / (float) CityConfig.BINS_PER_COMMUNITY));
        double[][] centres = new double[communityCount][];
        double[] communityFactor = new double[communityCount];
        for (int c = 0; c < communityCount; c++) {
            centres[c] = new double[] {random.nextDouble() * width, random.nextDouble() * height};
            communityFactor[c] = Math.exp(COMMUNITY_SIGMA * CitySeeds.gaussian(random));
        }
        double shareSum = config.streams().stream().mapToDouble(StreamSpec::share).sum();
        List<CityBin> bins = new ArrayList<>(config.bins());
        for (int i = 0; i < config.bins(); i++) {
            int community = random.nextInt(communityCount);
            StreamSpec stream = pick(config.streams(), random.nextDouble() * shareSum);
            double x = clamp(centres[community][0] + SCATTER_M * CitySeeds.gaussian(random), width);
            double y = clamp(centres[community][1] + SCATTER_M * CitySeeds.gaussian(random), height);
            double rate = stream.medianRatePctPerHour() * communityFactor[community]
                    * Math.exp(BIN_SIGMA * CitySeeds.gaussian(random));
            bins.add(new CityBin(i, String.format(Locale.ROOT, "bin-%05d", i), stream, district(x, y, width, height),
                    community, x, y, rate));
        }
        List<Site> depots = new ArrayList<>();
        for (int row = 0; row < CityConfig.DISTRICT_ROWS; row++) {
            for (int col = 0; col < CityConfig.DISTRICT_COLUMNS; col++) {
                depots.add(new Site("depot-" + (row * CityConfig.DISTRICT_COLUMNS + col),
                        (col + 0.5) * width / CityConfig.DISTRICT_COLUMNS, (row + 0.5) * height / CityConfig.DISTRICT_ROWS));
            }
        }
        List<Site> facilities = List.of(new Site(StreamSpec.TRANSFER_STATION, 0.05 * width, 0.5 * height),
                new Site(StreamSpec.RECYCLING_CENTRE, 0.95 * width, 0.5 * height));
        return new City(config, width, height, bins, depots, facilities, communityCount);
    }

    /** A city laid out by hand (for tests): the bins' indexes must be their positions. */
    public static City of(CityConfig config, double width, double height, List<CityBin> bins, List<Site> depots,
                   List<Site> facilities, int communities) {
        for (int i = 0; i < bins.size(); i++) {
            if (bins.get(i).index() != i) {
                throw new IllegalArgumentException("bin " + bins.get(i).id() + " has index " + bins.get(i).index()
                        + " at position " + i);
            }
        }
        return new City(config, width, height, bins, depots, facilities, communities);
    }

    private static StreamSpec pick(List<StreamSpec> streams, double at) {
        double sum = 0;
        for (StreamSpec s : streams) {
            sum += s.share();
            if (at < sum) {
                return s;
            }
        }
        return streams.get(streams.size() - 1);
    }

    private static double clamp(double v, double max) {
        return Math.max(0, Math.min(max, v));
    }

    private static int district(double x, double y, double width, double height) {
        int col = Math.min(CityConfig.DISTRICT_COLUMNS - 1, (int) (x / width * CityConfig.DISTRICT_COLUMNS));
        int row = Math.min(CityConfig.DISTRICT_ROWS - 1, (int) (y / height * CityConfig.DISTRICT_ROWS));
        return row * CityConfig.DISTRICT_COLUMNS + col;
    }

    public CityConfig config() {
        return config;
    }

    public List<CityBin> bins() {
        return bins;
    }

    /** One depot per district, in district order. */
    public List<Site> depots() {
        return depots;
    }

    public List<Site> facilities() {
        return facilities;
    }

    public int communities() {
        return communities;
    }

    public double width() {
        return width;
    }

    public double height() {
        return height;
    }
}
