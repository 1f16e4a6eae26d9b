package org.clearway.dispatch.store;

import java.util.Locale;

import org.clearway.core.job.JobReason;
import org.clearway.core.job.JobState;
import org.clearway.core.job.Priority;

/**
 * The text codes the database stores for the decision module's enums ({@code jobs.reason}, {@code jobs.state},
 * {@code jobs.priority}, {@code job_events.*_state}): the constant's name in lower case, as the V4 migration's
 * checks list them. The same codes appear in published messages.
 */
public final class Codes {

    /** The SQL list of final states, as the partial unique index on {@code jobs} spells it. */
    public static final String FINAL_STATES_SQL = "('verified', 'skipped', 'failed', 'cancelled')";

    private Codes() {
    }

    public static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    public static JobReason reason(String code) {
        return JobReason.valueOf(code.toUpperCase(Locale.ROOT));
    }

    public static JobState state(String code) {
        return JobState.valueOf(code.toUpperCase(Locale.ROOT));
    }

    public static Priority priority(String code) {
        return Priority.valueOf(code.toUpperCase(Locale.ROOT));
    }
}
