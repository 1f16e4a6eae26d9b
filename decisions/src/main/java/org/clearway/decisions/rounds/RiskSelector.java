package org.clearway.decisions.rounds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which bins the coming shift collects, and why. The trucks of a group (a district and stream) make rounds; a
 * bin's next feasible visit is its group's next round ({@link GroupDay}). At the planning moment a bin is collected
 * when:
 *
 * <ol>
 *   <li>on its group's round day, <b>it is at risk</b> ({@link Reason#RISK}): its forecast's early estimate of
 *   "full" (the p10 of the time to 100 %: one chance in ten of being full earlier; or the median with
 *   {@code riskQuantile} P50) is not later than the end of the group's next round's shift (plus
 *   {@code riskMarginHours}). A bin with no forecast yet (too few readings since its emptying) is at risk when its
 *   level is at or above its threshold. With {@code sectorMinAtRisk} above 1, the bins at risk of a sector wait
 *   unless the sector has that many or one is likely full before the next round;</li>
 *   <li>on any other working day, <b>it is urgent</b> ({@link Reason#URGENT}): even the late estimate of "full"
 *   (p90: nine chances in ten of being full earlier) is before the start of the group's next round; with no
 *   forecast, its level is 100 %. Urgent bins send their group's truck out between rounds (a whole extra truck-day)
 *   only when there are at least {@code urgentMin} of them and they would stand full at least {@code urgentHours}
 *   bin-hours in all (median forecast) before the next round; otherwise they wait for it. Urgent bins are counted
 *   per planner run ({@link Candidate#run()}), and go along whenever another group of their run has its round that
 *   day;</li>
 *   <li>or <b>it is on the way</b> ({@link Reason#ON_THE_WAY}): a bin selected by rule 1 or 2, of the same group,
 *   stands in its sector (with {@code sectors}) or within {@code nearM} (by the {@link Distance}, the street grid by
 *   default), and its level is at least {@code opportunisticPct} or (with {@code aheadRounds}) it would be at risk
 *   within that many further rounds.</li>
 * </ol>
 */
public final class RiskSelector {

    /** How far apart two bins are, metres. */
    @FunctionalInterface
    public interface Distance {
        /** Street-grid (Manhattan) distance of the candidates' positions. */
        Distance STREET_GRID = (a, b) -> Math.abs(a.x() - b.x()) + Math.abs(a.y() - b.y());

        double metres(Candidate a, Candidate b);
    }

    private record SectorKey(String group, String sector) {
    }

    private final RiskRules rules;
    private final Distance distance;

    public RiskSelector(RiskRules rules, Distance distance) {
        this.rules = rules;
        this.distance = distance;
    }

    public RiskSelector(RiskRules rules) {
        this(rules, Distance.STREET_GRID);
    }

    /**
     * The bins to collect in the coming shift, in the candidates' order, each once.
     *
     * @param now        the planning moment (from the caller's clock)
     * @param candidates the bins
     * @param groupDays  each group's calendar for the coming shift, by {@link Candidate#group()}
     */
    public List<Selected> select(Instant now, List<Candidate> candidates, Function<String, GroupDay> groupDays) {
        int n = candidates.size();
        GroupDay[] days = new GroupDay[n];
        Map<String, GroupDay> byGroup = new HashMap<>();
        for (int i = 0; i < n; i++) {
            days[i] = byGroup.computeIfAbsent(candidates.get(i).group(), groupDays);
        }
        boolean[] job = new boolean[n];
        Map<SectorKey, Integer> atRiskBySector = new HashMap<>();
        Set<SectorKey> likelyFullSectors = new HashSet<>();
        Set<String> roundRuns = new HashSet<>();
        for (int i = 0; i < n; i++) {
            Candidate c = candidates.get(i);
            Shift next = days[i].nextRound();
            boolean round = days[i].roundToday();
            job[i] = round
                    ? BinRisk.atRisk(c.state(), c.thresholdPct(), riskHorizon(next), rules.riskQuantile())
                    : BinRisk.urgent(c.state(), next.start());
            if (round && job[i]) {
                roundRuns.add(c.run());
                SectorKey key = sectorKey(c);
                atRiskBySector.merge(key, 1, Integer::sum);
                if (BinRisk.atRisk(c.state(), c.thresholdPct(), next.end(), RiskRules.RiskQuantile.P50)) {
                    likelyFullSectors.add(key);
                }
            }
        }
        Map<String, Integer> urgentByRun = new HashMap<>();
        Map<String, Double> overflowHoursByRun = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (job[i] && !days[i].roundToday()) {
                Candidate c = candidates.get(i);
                urgentByRun.merge(c.run(), 1, Integer::sum);
                overflowHoursByRun.merge(c.run(), BinRisk.overflowHours(c.state(), now, days[i].nextRound().start()),
                        Double::sum);
            }
        }
        Map<String, List<Candidate>> anchorsByGroup = new HashMap<>();
        Set<SectorKey> visitedSectors = new HashSet<>();
        for (int i = 0; i < n; i++) {
            Candidate c = candidates.get(i);
            if (job[i] && !days[i].roundToday()) {
                job[i] = roundRuns.contains(c.run()) || urgentByRun.get(c.run()) >= rules.urgentMin()
                        && overflowHoursByRun.get(c.run()) >= rules.urgentHours();
            }
            if (job[i] && days[i].roundToday() && rules.sectorMinAtRisk() > 1
                    && rules.sectors() != RiskRules.Sectors.NONE) {
                SectorKey key = sectorKey(c);
                job[i] = likelyFullSectors.contains(key) || atRiskBySector.get(key) >= rules.sectorMinAtRisk();
            }
            if (job[i]) {
                anchorsByGroup.computeIfAbsent(c.group(), k -> new ArrayList<>()).add(c);
                visitedSectors.add(sectorKey(c));
            }
        }
        List<Selected> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Candidate c = candidates.get(i);
            if (job[i]) {
                out.add(new Selected(i, c, days[i].roundToday() ? Reason.RISK : Reason.URGENT));
            } else if (anchorsByGroup.containsKey(c.group()) && passedBy(c, anchorsByGroup.get(c.group()), visitedSectors)
                    && (BinRisk.level(c.state()) >= rules.opportunisticPct() || dueSoon(c, days[i]))) {
                out.add(new Selected(i, c, Reason.ON_THE_WAY));
            }
        }
        return out;
    }

    /** Whether the group's truck passes by the bin: its sector is visited, or a selected bin of its group stands near. */
    private boolean passedBy(Candidate c, List<Candidate> anchorsOfGroup, Set<SectorKey> visitedSectors) {
        if (rules.sectors() != RiskRules.Sectors.NONE && visitedSectors.contains(sectorKey(c))) {
            return true;
        }
        for (Candidate anchor : anchorsOfGroup) {
            if (distance.metres(anchor, c) <= rules.nearM()) {
                return true;
            }
        }
        return false;
    }

    /** Whether the bin would be at risk at the round {@code aheadRounds} after the group's next one. */
    private boolean dueSoon(Candidate c, GroupDay day) {
        if (rules.aheadRounds() == 0 || c.state().forecast() == null) {
            return false;
        }
        if (day.nextRounds().size() <= rules.aheadRounds()) {
            throw new IllegalArgumentException("with aheadRounds " + rules.aheadRounds() + " a group's day needs its "
                    + (rules.aheadRounds() + 1) + " next rounds, got " + day.nextRounds().size());
        }
        return BinRisk.atRisk(c.state(), c.thresholdPct(), riskHorizon(day.nextRounds().get(rules.aheadRounds())),
                rules.riskQuantile());
    }

    /** Rule 1 looks this far: the end of the given round's shift plus the margin. */
    private Instant riskHorizon(Shift round) {
        return round.end().plusSeconds(Math.round(rules.riskMarginHours() * 3600));
    }

    private static SectorKey sectorKey(Candidate c) {
        return new SectorKey(c.group(), c.sector());
    }
}
