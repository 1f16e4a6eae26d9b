package org.clearway.dispatch.rounds;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import org.clearway.decisions.rounds.Candidate;
import org.clearway.decisions.rounds.GroupDay;
import org.clearway.decisions.rounds.RiskRules;
import org.clearway.decisions.rounds.RiskSelector;
import org.clearway.decisions.rounds.Selected;
import org.clearway.dispatch.leader.PacedChore;
import org.clearway.dispatch.store.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's rounds chore (the {@link DispatchPolicy#ROUNDS} policy), every {@code CLEARWAY_DISPATCH_ROUNDS_EVERY}
 * of the city clock. On a shift day's first run (and at a first start) it gives every group (a district and a
 * stream) its round days: a city's pinned days stay; otherwise, a week after the last fit (or while none has
 * succeeded), they are fitted to the week's rhythm the stream's sensors show ({@link RoundFit}), and until that
 * rhythm is known they are evenly spaced, the groups staggered so that some have a round on the first day. Then,
 * until the group's shift ends, it selects the bins with the policy library's {@link RiskSelector} (the lab's own
 * rules) and opens their jobs ({@link RoundJobs}): {@code risk} and {@code round} on a round day, {@code urgent}
 * between rounds when the trip is worth it. The shift planner plans them with the other open jobs.
 */
public final class RoundsChore implements PacedChore.Work {
    private static final Logger LOG = LoggerFactory.getLogger(RoundsChore.class);

    private final RoundsStore store;
    private final RoundJobs jobs;
    private final ZoneId zone;
    private final RiskRules rules;
    private final Duration refitAfter;
    private final RiskSelector selector;
    private final RoundFit fit;
    private final RoundsMetrics metrics;

    public RoundsChore(RoundsStore store, JobStore jobs, ZoneId zone, RoundsSettings settings, RoundsMetrics metrics) {
        this.store = Objects.requireNonNull(store, "store");
        this.jobs = new RoundJobs(jobs);
        this.zone = Objects.requireNonNull(zone, "zone");
        this.rules = settings.rules();
        this.refitAfter = settings.refitAfter();
        this.selector = new RiskSelector(rules);
        this.fit = new RoundFit(rules);
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public boolean run(Connection c, Instant now) throws SQLException {
        long start = System.nanoTime();
        boolean ok = false;
        try {
            select(c, now);
            ok = true;
            return false;
        } finally {
            metrics.run(ok, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private void select(Connection c, Instant now) throws SQLException {
        RoundCalendar calendar = new RoundCalendar(zone, store.shifts(c));
        LocalDate today = calendar.today(now);
        int expired = jobs.expire(c, today.atStartOfDay(zone).toInstant(), now);
        List<GroupBin> bins = store.bins(c, today.atStartOfDay(zone).toInstant());
        Map<String, List<GroupBin>> byGroup = new TreeMap<>();
        Map<String, List<GroupBin>> byStream = new HashMap<>();
        for (GroupBin bin : bins) {
            byGroup.computeIfAbsent(bin.groupKey(), k -> new ArrayList<>()).add(bin);
            byStream.computeIfAbsent(bin.stream(), k -> new ArrayList<>()).add(bin);
        }
        Map<String, Round> rounds = new HashMap<>(store.rounds(c));
        Staggers staggers = new Staggers(bins);
        Map<String, Boolean> fitted = new HashMap<>();
        for (List<GroupBin> group : byGroup.values()) {
            GroupBin first = group.get(0);
            Round round = rounds.get(first.groupKey());
            if (round == null || !round.pinned() && !today.equals(round.selectedOn())) {
                round = days(round, first, byStream.get(first.stream()), staggers.of(first), today, now, fitted);
            }
            rounds.put(first.groupKey(), round);
        }
        List<Candidate> candidates = new ArrayList<>();
        List<GroupBin> open = new ArrayList<>();
        Map<String, GroupDay> groupDays = new HashMap<>();
        Sectors sectors = new Sectors(rules, bins);
        for (GroupBin bin : bins) {
            Round round = rounds.get(bin.groupKey());
            if (!calendar.over(bin.stream(), today, now)) {
                groupDays.computeIfAbsent(bin.groupKey(), k -> calendar.day(round, today, rules.aheadRounds()));
                candidates.add(sectors.candidate(bin));
                open.add(bin);
            }
        }
        List<Selected> selected = selector.select(now, candidates, groupDays::get);
        RoundJobs.Opened opened = jobs.open(c, selected, open, groupDays, calendar, today, now);
        List<Round> saved = new ArrayList<>();
        for (Map.Entry<String, Round> e : rounds.entrySet()) {
            if (!byGroup.containsKey(e.getKey())) {
                continue;
            }
            Round round = e.getValue();
            GroupDay day = groupDays.get(e.getKey());
            int atRisk = day == null ? 0 : RoundJobs.atRisk(byGroup.get(e.getKey()), day, rules);
            Round done = round.selected(today, calendar.nextRoundStart(round, today, now), atRisk,
                    opened.selectedOf(e.getKey()));
            store.save(c, done, now);
            saved.add(done);
        }
        c.commit();
        opened.byReason().forEach(metrics::opened);
        metrics.cancelled(expired);
        for (Round round : saved) {
            metrics.group(round.districtId(), round.stream(), round.binsAtRisk(), round.binsSelected());
            if (round.fittedAt() != null) {
                metrics.fitted(round.stream(), round.fittedAt());
            }
        }
        if (opened.total() > 0 || expired > 0) {
            LOG.info("Rounds of {}: {} bins selected, {} jobs opened ({}), {} round jobs of past rounds cancelled", today,
                    selected.size(), opened.total(), opened.byReason(), expired);
        }
    }

    /** The group's round days for today: fitted when due, else as they were, else evenly spaced. */
    private Round days(Round round, GroupBin first, List<GroupBin> streamBins, int stagger, LocalDate today,
                       Instant now, Map<String, Boolean> fittedStreams) {
        if (!rules.weekdayRounds()) {
            // evenly spaced rounds (CLEARWAY_DISPATCH_ROUNDS_DAYS=cycle or a fixed spacing): no fit; a fitted group
            // goes back to evenly spaced days
            return round != null && round.fittedAt() == null ? round : Round.spaced(first.districtId(), first.stream(),
                    fit.spaced(streamBins.stream().map(GroupBin::state).toList(), stagger, today.getDayOfWeek()));
        }
        boolean due = round == null || round.fittedAt() == null || !now.isBefore(round.fittedAt().plus(refitAfter));
        if (due) {
            boolean firstFit = round == null || round.fittedAt() == null;
            var best = fit.fit(first.stream(), streamBins.stream().map(GroupBin::state).toList(), firstFit);
            if (best.isPresent()) {
                if (fittedStreams.put(first.stream(), true) == null) {
                    LOG.info("Rounds: the {} stream's days fitted to the week's rhythm: {}", first.stream(),
                            best.get().stream().map(RoundFit::weekdays).toList());
                }
                Round base = round != null ? round : Round.spaced(first.districtId(), first.stream(),
                        RoundFit.forGroup(best.get(), stagger));
                return base.fitted(RoundFit.forGroup(best.get(), stagger), now,
                        RoundFit.gap(best.get(), stagger));
            }
        }
        if (round != null) {
            return round;
        }
        return Round.spaced(first.districtId(), first.stream(),
                fit.spaced(streamBins.stream().map(GroupBin::state).toList(), stagger, today.getDayOfWeek()));
    }

    /** The groups' staggers: the district's index plus the stream's, both in sorted order (as the lab's groups). */
    private static final class Staggers {
        private final List<String> districts;
        private final List<String> streams;

        Staggers(List<GroupBin> bins) {
            TreeSet<String> d = new TreeSet<>();
            TreeSet<String> s = new TreeSet<>();
            bins.forEach(b -> {
                d.add(b.districtId());
                s.add(b.stream());
            });
            districts = List.copyOf(d);
            streams = List.copyOf(s);
        }

        int of(GroupBin bin) {
            return districts.indexOf(bin.districtId()) + streams.indexOf(bin.stream());
        }
    }
}
