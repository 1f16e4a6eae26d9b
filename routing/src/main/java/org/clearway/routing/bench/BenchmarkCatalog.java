package org.clearway.routing.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.clearway.routing.model.Problem;

/** Lists and reads the instances of each set under a {@code vrp-data} folder. */
public final class BenchmarkCatalog {

    /**
     * Trucks offered beyond the lowest published count: none, so that a plan that serves every stop is at the
     * published vehicle count (or below it).
     */
    public static final int KIM_SPARE_TRUCKS = 0;

    private final Path dataDir;

    public BenchmarkCatalog(Path dataDir) {
        this.dataDir = dataDir;
    }

    public List<BenchmarkInstance> load(BenchmarkSet set) throws IOException {
        Path folder = dataDir.resolve(set.folder());
        if (!Files.isDirectory(folder)) {
            throw new IOException("no folder " + folder + ": point " + VrpDataLocator.ENV + " (or --data-dir) at a folder laid out like "
                    + VrpDataLocator.RELATIVE_PATH);
        }
        List<BenchmarkInstance> out = new ArrayList<>();
        for (Path file : files(folder, set)) {
            out.add(read(set, file));
        }
        return out;
    }

    private static List<Path> files(Path folder, BenchmarkSet set) throws IOException {
        try (Stream<Path> stream = Files.list(folder)) {
            return stream.filter(p -> {
                String name = p.getFileName().toString();
                return switch (set) {
                    case CVRP -> name.endsWith(".vrp");
                    case SOLOMON -> name.endsWith(".txt");
                    case CHRISTOFIDES -> name.startsWith("vrpnc") && name.endsWith(".txt");
                    case KIM -> name.endsWith("_stop.txt");
                };
            }).sorted(BenchmarkCatalog::naturalOrder).toList();
        }
    }

    private static int naturalOrder(Path a, Path b) {
        String x = a.getFileName().toString();
        String y = b.getFileName().toString();
        return x.length() != y.length() && x.replaceAll("\\d", "").equals(y.replaceAll("\\d", ""))
                ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    }

    private static BenchmarkInstance read(BenchmarkSet set, Path file) throws IOException {
        String name = file.getFileName().toString().replaceFirst("\\.(vrp|txt)$", "");
        return switch (set) {
            case CVRP -> {
                CvrplibReader reader = new CvrplibReader();
                Problem problem = reader.read(file);
                CvrplibReader.SolutionFile sol = reader.readSolution(file.resolveSibling(name + ".sol"));
                yield new BenchmarkInstance(name, set, problem,
                        new BestKnown(sol.cost(), sol.routes().size(), "CVRPLIB " + name + ".sol"));
            }
            case SOLOMON -> new BenchmarkInstance(name, set, new SolomonReader().read(file),
                    BestKnownTable.solomon(name).orElseThrow(() -> new IOException("no best-known value for Solomon " + name)));
            case CHRISTOFIDES -> new BenchmarkInstance(name, set, new ChristofidesReader().read(file),
                    BestKnownTable.christofides(name).orElseThrow(() -> new IOException("no best-known value for " + name)));
            case KIM -> {
                String id = name.replaceFirst("_stop$", "");
                BestKnown best = BestKnownTable.kim(id).orElseThrow(() -> new IOException("no published result for Kim " + id));
                Problem problem = new KimReader().read(file, best.vehicles() + KIM_SPARE_TRUCKS);
                yield new BenchmarkInstance(problem.name(), set, problem, best);
            }
        };
    }
}
