package org.clearway.dispatch.jobs;

import org.clearway.dispatch.metrics.DispatchMetrics;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clearway.core.mqtt.MqttSession;
import org.clearway.dispatch.store.BinProfile;
import org.clearway.dispatch.store.BinStore;
import org.clearway.dispatch.store.JobRecord;
import org.clearway.dispatch.store.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes new jobs on {@code {prefix}dispatch/jobs/{jobId}} (QoS 1, not retained), at least once: a job is
 * published after the transaction that created it commits, and {@code jobs.announced_at} is set once the broker
 * acknowledged it. Jobs still unannounced (the leader stopped in between, the broker was away) are published again
 * by {@link #publishPending}, which the leader calls when it takes over and when idle. Consumers may see a job twice.
 *
 * <p>All database work is on the leader's connection, from the leader's thread; the broker's acknowledgements only
 * queue the job ids for the next {@link #flush}.
 */
public final class JobAnnouncer {
    private static final Logger LOG = LoggerFactory.getLogger(JobAnnouncer.class);
    private static final int QOS = 1;
    private static final int PENDING_BATCH = 500;

    private final MqttSession mqtt;
    private final String topicPrefix;
    private final ObjectMapper json;
    private final JobStore jobs;
    private final BinStore bins;
    private final DispatchMetrics metrics;
    private final Announcements announcements;

    public JobAnnouncer(MqttSession mqtt, String topicPrefix, ObjectMapper json, JobStore jobs, BinStore bins,
                        Clock clock, DispatchMetrics metrics) {
        this.mqtt = Objects.requireNonNull(mqtt, "mqtt");
        this.topicPrefix = topicPrefix == null ? "" : topicPrefix;
        this.json = Objects.requireNonNull(json, "json");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.bins = Objects.requireNonNull(bins, "bins");
        this.announcements = new Announcements(clock);
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    public String topicOf(long jobId) {
        return topicPrefix + "dispatch/jobs/" + jobId;
    }

    /** Publishes a committed job; returns at once. */
    public void announce(JobRecord job, BinProfile bin) {
        if (!announcements.start(job.id())) {
            return;
        }
        byte[] payload;
        try {
            payload = json.writeValueAsBytes(JobMessage.of(job, bin));
        } catch (JsonProcessingException e) {
            announcements.failed(job.id());
            throw new IllegalStateException("job " + job.id() + " cannot be written as JSON", e);
        }
        mqtt.publish(topicOf(job.id()), payload, QOS, false).whenComplete((ok, error) -> {
            if (error == null) {
                announcements.acknowledged(job.id());
                metrics.jobAnnounced();
            } else {
                announcements.failed(job.id());
                LOG.debug("Job {} not published yet ({}); it is published again later", job.id(), error.getMessage());
            }
        });
    }

    /** Publishes the jobs that are committed but not acknowledged by the broker, oldest first. */
    public void publishPending(Connection c) throws SQLException {
        if (!mqtt.isConnected()) {
            return;
        }
        List<JobRecord> pending = jobs.unannounced(c, PENDING_BATCH);
        c.commit();
        for (JobRecord job : pending) {
            if (announcements.inFlight(job.id())) {
                continue;
            }
            Optional<BinProfile> bin = bins.findIncludingRetired(c, job.binId());
            c.commit();
            if (bin.isPresent()) {
                announce(job, bin.get());
            }
        }
    }

    /** Records the broker's acknowledgements so far in {@code jobs.announced_at}, and commits. */
    public void flush(Connection c) throws SQLException {
        announcements.flush(c, jobs::markAnnounced);
    }
}
