package org.clearway.dispatch.app;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;

import org.clearway.core.mqtt.MqttSession;
import org.clearway.dispatch.leader.PacedChore;
import org.clearway.dispatch.reporting.Downlinks;
import org.clearway.dispatch.reporting.ReportingChore;
import org.clearway.dispatch.reporting.ReportingMetrics;
import org.clearway.dispatch.reporting.ReportingSettings;
import org.clearway.dispatch.reporting.ReportingStore;
import org.clearway.dispatch.rounds.RoundsChore;
import org.clearway.dispatch.rounds.RoundsMetrics;
import org.clearway.dispatch.rounds.RoundsStore;
import org.clearway.dispatch.store.JobStore;

/**
 * The leader's chores as the configuration asks: the sweeps always, the {@link RoundsChore} under the rounds policy,
 * the {@link ReportingChore} with {@code CLEARWAY_DISPATCH_REPORTING=adaptive}.
 */
final class LeaderChores {

    private LeaderChores() {
    }

    /**
     * @param always    the chores every leader runs
     * @param publisher the current term's publishing session (null between terms)
     */
    static List<PacedChore> of(DispatchConfig config, Clock clock, MeterRegistry registry, ObjectMapper json,
                               JobStore jobs, List<PacedChore> always, Supplier<MqttSession> publisher) {
        List<PacedChore> chores = new ArrayList<>(always);
        if (config.collectionPolicy().rounds()) {
            chores.add(new PacedChore(config.roundsEvery(), clock, new RoundsChore(new RoundsStore(json), jobs,
                    config.timeZone(), config.rounds(), new RoundsMetrics(registry))));
        }
        ReportingSettings reporting = config.reporting();
        if (reporting.adaptive()) {
            chores.add(new PacedChore(reporting.every(), clock, new ReportingChore(new ReportingStore(), reporting,
                    new Downlinks(config.mqtt().topicPrefix(), reporting.chirpstackApplication(),
                            reporting.ttsApplication(), json), publisher, json, new ReportingMetrics(registry))));
        }
        return List.copyOf(chores);
    }
}
