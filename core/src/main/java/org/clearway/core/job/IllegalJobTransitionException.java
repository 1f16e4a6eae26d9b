package org.clearway.core.job;

/** A move the job state machine does not allow, for example from COLLECTED back to PLANNED. */
public final class IllegalJobTransitionException extends IllegalStateException {

    private final JobState from;
    private final JobState to;

    public IllegalJobTransitionException(String jobId, JobState from, JobState to) {
        super("job " + jobId + " is " + from + " and cannot move to " + to + "; from " + from
                + (from.isFinal() ? " no move is allowed (final state)" : " it may move to " + from.next()));
        this.from = from;
        this.to = to;
    }

    public JobState from() {
        return from;
    }

    public JobState to() {
        return to;
    }
}
