package org.clearway.api.resources;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.clearway.api.http.ApiException;
import org.clearway.core.job.JobState;

/**
 * The moves the API makes itself, read from core's job lifecycle table ({@link JobState#next()}, the table dispatch
 * follows too; docs/decisions.md "Jobs"). Jobs are stored with their state in lower case; the SQL checks each move
 * again with a guarded {@code UPDATE ... WHERE state IN (...)}.
 */
final class JobMoves {
    /** Where a job may be cancelled from. */
    static final Set<String> CANCELLABLE = namesWhere(state -> state.canMoveTo(JobState.CANCELLED));
    /**
     * Where a job may be given to another truck from: before a driver accepted it. A planned or dispatched job goes
     * back to open (the withdraw move), an open one stays open.
     */
    static final Set<String> REASSIGNABLE = namesWhere(state -> state == JobState.OPEN
            || state.canMoveTo(JobState.OPEN) && state != JobState.ACCEPTED);

    private JobMoves() {
    }

    static boolean allowed(String from, String to) {
        return next(from).contains(to);
    }

    /** The states a job in {@code state} may move to, in lower case; empty for a final or unknown state. */
    static List<String> next(String state) {
        return Arrays.stream(JobState.values())
                .filter(s -> s.name().toLowerCase(Locale.ROOT).equals(state))
                .findFirst()
                .map(s -> s.next().stream().map(JobMoves::name).toList())
                .orElse(List.of());
    }

    /** 409 {@code illegal_transition}, naming the job's state and where it could go. */
    static ApiException illegal(long jobId, String state, String action) {
        List<String> next = next(state);
        return ApiException.conflict("illegal_transition", "job " + jobId + " is " + state + " and cannot be " + action
                + (next.isEmpty() ? "; it is final" : "; from " + state + " it may move to " + next))
                .withDetail("state", state);
    }

    private static String name(JobState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static Set<String> namesWhere(java.util.function.Predicate<JobState> test) {
        return Arrays.stream(JobState.values()).filter(test).map(JobMoves::name).collect(Collectors.toUnmodifiableSet());
    }
}
