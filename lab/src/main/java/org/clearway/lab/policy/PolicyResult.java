package org.clearway.lab.policy;

import java.util.Map;

/**
 * What one policy achieved over the measured weeks.
 *
 * @param policy                  the policy's name
 * @param truckKm                 length of all routes driven, km
 * @param collections             bins emptied
 * @param meanFillPct             mean true fill of a bin when it was emptied
 * @param overflowBinHours        hours bins spent at 100 % (summed over bins)
 * @param binDays                 bins × measured days
 * @param responseMeanHours       mean time from a job's creation to the bin's emptying; NaN without jobs
 * @param responseP90Hours        its 90th percentile; NaN without jobs
 * @param jobs                    collections that had a job
 * @param truckDays               trucks that left the depot, summed over days
 * @param unplanned               bins the day's routes could not fit, summed over days
 * @param plans                   planner runs
 * @param cappedPlans             runs stopped by the time cap before their local optimum
 * @param byStream                the same figures per stream code (km, truck-days, collections, overflow bin-hours)
 */
public record PolicyResult(String policy, double truckKm, long collections, double meanFillPct, double overflowBinHours,
                           double binDays, double responseMeanHours, double responseP90Hours, long jobs, long truckDays,
                           long unplanned, int plans, int cappedPlans, Map<String, StreamFigures> byStream) {

    public PolicyResult {
        byStream = Map.copyOf(byStream);
    }

    /** A result without its figures per stream. */
    public PolicyResult(String policy, double truckKm, long collections, double meanFillPct, double overflowBinHours,
                        double binDays, double responseMeanHours, double responseP90Hours, long jobs, long truckDays,
                        long unplanned, int plans, int cappedPlans) {
        this(policy, truckKm, collections, meanFillPct, overflowBinHours, binDays, responseMeanHours,
                responseP90Hours, jobs, truckDays, unplanned, plans, cappedPlans, Map.of());
    }

    /** Overflow bin-hours per 1,000 bin-days. */
    public double overflowPer1000BinDays() {
        return binDays == 0 ? 0 : overflowBinHours / binDays * 1000;
    }
}
