package org.clearway.dispatch.rounds;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.clearway.core.job.JobReason;
import org.clearway.core.job.JobState;
import org.clearway.core.job.Priority;
import org.clearway.decisions.BinState;
import org.clearway.decisions.Decision.CreateJob;
import org.clearway.decisions.forecast.Forecast;
import org.clearway.decisions.rounds.BinRisk;
import org.clearway.decisions.rounds.GroupDay;
import org.clearway.decisions.rounds.Reason;
import org.clearway.decisions.rounds.RiskRules;
import org.clearway.decisions.rounds.Selected;
import org.clearway.dispatch.store.JobStore;

/**
 * Opens the jobs of a selection: {@code risk} for a bin at risk on its group's round day, {@code urgent} for a bin
 * urgent between rounds whose trip is worth it, {@code round} for a bin the round passes by; due by the end of the
 * group's shift today. A bin with an open collection job of any reason gets no second one (the store also keeps one
 * open job per bin and reason).
 */
final class RoundJobs {

    /** The actor of the jobs' first events. */
    static final String ACTOR = "rounds";

    /** Open, unassigned round jobs created before a shift day's start. */
    static final String SELECT_STALE_ROUND_JOBS = "SELECT id FROM jobs WHERE reason = 'round' AND state = 'open' "
            + "AND truck_id IS NULL AND created_at < ? ORDER BY id";

    private final JobStore jobs;

    RoundJobs(JobStore jobs) {
        this.jobs = jobs;
    }

    /** What a run opened: jobs per reason, and the bins selected per group. */
    record Opened(Map<JobReason, Integer> byReason, Map<String, Integer> selectedByGroup) {
        int total() {
            return byReason.values().stream().mapToInt(Integer::intValue).sum();
        }

        int selectedOf(String group) {
            return selectedByGroup.getOrDefault(group, 0);
        }
    }

    /** @param bins the candidates' bins, in the candidates' order */
    Opened open(Connection c, List<Selected> selected, List<GroupBin> bins, Map<String, GroupDay> days,
                RoundCalendar calendar, LocalDate today, Instant now) throws SQLException {
        Map<JobReason, Integer> byReason = new EnumMap<>(JobReason.class);
        Map<String, Integer> byGroup = new HashMap<>();
        for (Selected s : selected) {
            GroupBin bin = bins.get(s.index());
            byGroup.merge(bin.groupKey(), 1, Integer::sum);
            if (bin.openCollection()) {
                continue;
            }
            JobReason reason = reason(s.reason());
            Instant due = calendar.shift(bin.stream(), today).end();
            CreateJob job = new CreateJob(bin.id(), reason, Priority.NORMAL, due.isBefore(now) ? now : due, now,
                    cause(s.reason(), bin, days.get(bin.groupKey())));
            if (jobs.create(c, job, ACTOR).isPresent()) {
                byReason.merge(reason, 1, Integer::sum);
            }
        }
        return new Opened(byReason, byGroup);
    }

    /**
     * Cancels the {@code round} jobs of earlier shift days that no truck took (still open, none assigned): a bin on the
     * way of a round that has passed waits for its group's next round, as the lab's selection does each day, rather
     * than sending a truck between rounds. Jobs at risk or urgent stay. Returns how many were cancelled.
     */
    int expire(Connection c, Instant dayStart, Instant now) throws SQLException {
        List<Long> stale = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_STALE_ROUND_JOBS)) {
            ps.setTimestamp(1, Timestamp.from(dayStart));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stale.add(rs.getLong(1));
                }
            }
        }
        for (long id : stale) {
            jobs.transition(c, id, JobState.CANCELLED, now, ACTOR, "its round is over: the bin waits for the next round");
        }
        return stale.size();
    }

    /** The group's bins at risk (its round day) or urgent (between rounds), before the worth-the-trip rule. */
    static int atRisk(List<GroupBin> bins, GroupDay day, RiskRules rules) {
        int n = 0;
        for (GroupBin bin : bins) {
            boolean risk = day.roundToday()
                    ? BinRisk.atRisk(bin.state(), bin.thresholdPct(), day.nextRound().end().plusSeconds(
                            Math.round(rules.riskMarginHours() * 3600)), rules.riskQuantile())
                    : BinRisk.urgent(bin.state(), day.nextRound().start());
            n += risk ? 1 : 0;
        }
        return n;
    }

    static JobReason reason(Reason reason) {
        return switch (reason) {
            case RISK -> JobReason.RISK;
            case URGENT -> JobReason.URGENT;
            case ON_THE_WAY -> JobReason.ROUND;
        };
    }

    static String cause(Reason reason, GroupBin bin, GroupDay day) {
        BinState state = bin.state();
        Forecast forecast = state.forecast();
        String level = String.format(Locale.ROOT, "level %.1f %%", BinRisk.level(state));
        String full = forecast == null ? "no forecast yet"
                : "full p10 " + forecast.full().p10() + ", p50 " + forecast.full().p50() + ", p90 " + forecast.full().p90();
        return switch (reason) {
            case RISK -> "round of " + bin.groupKey() + ": at risk before the next round ends at " + day.nextRound().end()
                    + " (" + level + ", " + full + ")";
            case URGENT -> "between rounds of " + bin.groupKey() + ": full before the next round at "
                    + day.nextRound().start() + ", worth the trip (" + level + ", " + full + ")";
            case ON_THE_WAY -> "round of " + bin.groupKey() + ": on the way (" + level + ")";
        };
    }
}
