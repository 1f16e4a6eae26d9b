package org.clearway.lab.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.clearway.decisions.BinFacts;
import org.clearway.decisions.PolicyConfig;
import org.clearway.simulator.city.City;
import org.clearway.simulator.city.CityBin;

/**
 * Plain thresholds: at planning time, every bin whose latest reading is at or above its stream's threshold
 * ({@link PolicyConfig.Thresholds}: residual and kitchen 80 %, recyclable 85 %, others 80 %). The job is taken as
 * created by the first reading of the current run of readings at or above the threshold.
 */
public final class ThresholdPolicy implements CollectionPolicy {

    private final List<CityBin> bins;
    private final double[] threshold;
    private final double[] last;
    private final Instant[] crossedAt;

    public ThresholdPolicy(City city, PolicyConfig.Thresholds thresholds) {
        this.bins = city.bins();
        this.threshold = new double[bins.size()];
        this.last = new double[bins.size()];
        this.crossedAt = new Instant[bins.size()];
        for (CityBin bin : bins) {
            threshold[bin.index()] = thresholds.ruleFor(facts(bin)).thresholdPct();
        }
    }

    static BinFacts facts(CityBin bin) {
        return new BinFacts(bin.id(), bin.stream().code(), null, "district-" + bin.district(), List.of());
    }

    @Override
    public String name() {
        return "threshold";
    }

    @Override
    public void reading(CityBin bin, Instant at, double fillPct) {
        int i = bin.index();
        last[i] = fillPct;
        if (fillPct < threshold[i]) {
            crossedAt[i] = null;
        } else if (crossedAt[i] == null) {
            crossedAt[i] = at;
        }
    }

    @Override
    public List<Selection> select(PlanningDay day) {
        List<Selection> out = new ArrayList<>();
        for (int i = 0; i < bins.size(); i++) {
            if (last[i] >= threshold[i]) {
                out.add(new Selection(i, crossedAt[i] != null ? crossedAt[i] : day.planAt()));
            }
        }
        return out;
    }

    @Override
    public void emptied(CityBin bin, Instant at) {
        last[bin.index()] = 0;
        crossedAt[bin.index()] = null;
    }

    double thresholdOf(int bin) {
        return threshold[bin];
    }
}
