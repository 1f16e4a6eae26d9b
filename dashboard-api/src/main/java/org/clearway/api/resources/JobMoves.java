package org.clearway.api.resources;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clearway.api.http.ApiException;

/**
 * The job lifecycle's allowed moves, the same table as the dispatch module's {@code JobState.next()} (docs/decisions.md
 * "Jobs"); services never import each other, so the API keeps this copy for the few moves it makes itself, and
 * checks them again in SQL with a guarded {@code UPDATE ... WHERE state IN (...)}.
 */
final class JobMoves {
    static final List<String> FINAL = List.of("verified", "skipped", "failed", "cancelled");
    /** From each state, the states it may move to (final states: none). */
    static final Map<String, List<String>> NEXT = Map.of(
            "open", List.of("planned", "cancelled"),
            "planned", List.of("dispatched", "open", "cancelled"),
            "dispatched", List.of("accepted", "open", "cancelled"),
            "accepted", List.of("arrived", "skipped", "failed", "cancelled"),
            "arrived", List.of("collected", "skipped", "failed"),
            "collected", List.of("verified", "failed"),
            "verified", List.of(), "skipped", List.of(), "failed", List.of(), "cancelled", List.of());
    /** Where a job may be cancelled from. */
    static final Set<String> CANCELLABLE = Set.of("open", "planned", "dispatched", "accepted");
    /**
     * Where a job may be given to another truck from: before a driver accepted it. A planned or dispatched job goes
     * back to open (the withdraw move), an open one stays open.
     */
    static final Set<String> REASSIGNABLE = Set.of("open", "planned", "dispatched");

    private JobMoves() {
    }

    static boolean allowed(String from, String to) {
        return NEXT.getOrDefault(from, List.of()).contains(to);
    }

    /** 409 {@code illegal_transition}, naming the job's state and where it could go. */
    static ApiException illegal(long jobId, String state, String action) {
        List<String> next = NEXT.getOrDefault(state, List.of());
        return ApiException.conflict("illegal_transition", "job " + jobId + " is " + state + " and cannot be " + action
                + (next.isEmpty() ? "; it is final" : "; from " + state + " it may move to " + next))
                .withDetail("state", state);
    }
}
