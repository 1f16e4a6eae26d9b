package org.clearway.dispatch.alarms;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.clearway.decisions.Decision.StuckFlag;
import org.clearway.decisions.SensorAlarm;
import org.clearway.core.job.JobReason;
import org.clearway.dispatch.metrics.DispatchMetrics;
import org.clearway.dispatch.store.AlarmStore;
import org.clearway.dispatch.store.JobRecord;
import org.clearway.dispatch.store.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@code alarms} table in step with the bins' readings, in the reading's transaction.
 *
 * <ul>
 *   <li>A sensor alarm ({@code fire}, {@code tilt} (also {@code tilt: true}), {@code tamper}, {@code lid_open},
 *       {@code sensor_fault}) on a reading raises the bin's live alarm of that kind, or counts one more occurrence
 *       of it. The alarm is linked to the job that answers it: the one the engine created for it, else the bin's
 *       open job of that reason (fire: {@code fire_alarm}; tilt, tamper, sensor_fault: {@code maintenance}).
 *       A sensor alarm the sensor stops reporting stays live: operators acknowledge and clear it.</li>
 *   <li>A stuck sensor ({@link StuckFlag}) raises a {@code stuck_sensor} alarm, source {@code rule}; it clears itself
 *       ({@code cleared_by = 'rule'}) when the bin's level moves again.</li>
 * </ul>
 */
public final class BinAlarms {
    private static final Logger LOG = LoggerFactory.getLogger(BinAlarms.class);
    /** The alarm kind of the stuck-sensor rule. */
    public static final String STUCK_SENSOR = "stuck_sensor";
    /** The sensor alarms the {@code alarms} table keeps ({@code battery} is informational and not kept). */
    private static final Set<String> SENSOR_KINDS = Set.of("fire", "tilt", "tamper", "lid_open", "sensor_fault");

    private final AlarmStore alarms;
    private final JobStore jobs;
    private final DispatchMetrics metrics;

    public BinAlarms(AlarmStore alarms, JobStore jobs, DispatchMetrics metrics) {
        this.alarms = Objects.requireNonNull(alarms, "alarms");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * The sensor alarms of one reading the engine took (not of one it ignored as old: a redelivery counts nothing).
     *
     * @param names   the reading's alarm names ({@code tilt: true} included as {@code tilt})
     * @param created the jobs created for this bin in the same transaction
     */
    public void reading(Connection c, String binId, Instant at, Set<String> names, List<JobRecord> created)
            throws SQLException {
        Set<String> kinds = new TreeSet<>(names);
        kinds.retainAll(SENSOR_KINDS);
        if (kinds.isEmpty()) {
            return;
        }
        List<JobRecord> open = jobs.openJobsOfBin(c, binId);
        for (String kind : kinds) {
            Long jobId = answeringJob(kind, created, open);
            AlarmStore.Raised raised = alarms.raise(c, binId, kind, AlarmStore.SENSOR, at, "reported by the sensor", jobId);
            if (raised.inserted()) {
                metrics.alarmRaised(kind, AlarmStore.SENSOR);
                LOG.info("Bin {}: {} alarm raised at {} (alarm {}, job {})", binId, kind, at, raised.id(), jobId);
            }
        }
    }

    /** The engine flagged the bin's sensor as stuck at the reading of {@code at}. */
    public void stuck(Connection c, StuckFlag flag, Instant at, double neighbourRisePct) throws SQLException {
        String detail = String.format(Locale.ROOT,
                "level %.1f %% unchanged since %s while its neighbours rose by %.1f points (median)",
                flag.levelPct(), flag.since(), neighbourRisePct);
        AlarmStore.Raised raised = alarms.raise(c, flag.binId(), STUCK_SENSOR, AlarmStore.RULE, at, detail, null);
        if (raised.inserted()) {
            metrics.alarmRaised(STUCK_SENSOR, AlarmStore.RULE);
        }
        LOG.warn("Bin {}: sensor looks stuck: {} (alarm {})", flag.binId(), detail, raised.id());
    }

    /** The bin's level moved again after a stuck flag: the rule's alarm clears itself. */
    public void unstuck(Connection c, String binId, Instant at) throws SQLException {
        if (alarms.clear(c, binId, STUCK_SENSOR, at, AlarmStore.RULE)) {
            LOG.info("Bin {}: level moved at {}; stuck_sensor alarm cleared", binId, at);
        }
    }

    private static Long answeringJob(String kind, List<JobRecord> created, List<JobRecord> open) {
        Optional<JobReason> reason = SensorAlarm.fromWireName(kind).flatMap(SensorAlarm::jobReason);
        if (reason.isEmpty()) {
            return null;
        }
        for (List<JobRecord> candidates : List.of(created, open)) {
            for (JobRecord job : candidates) {
                if (job.reason() == reason.get()) {
                    return job.id();
                }
            }
        }
        return null;
    }
}
