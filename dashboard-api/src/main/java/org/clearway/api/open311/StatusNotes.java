package org.clearway.api.open311;

/** The public sentence for a report's job, from the state of the job's last event. */
final class StatusNotes {
    private StatusNotes() {
    }

    /**
     * @param state  {@code job_events.to_state} of the job's last event
     * @param reason {@code job_events.reason}: shown for skipped, failed and cancelled jobs only
     */
    static String of(long jobId, String state, String reason) {
        String sentence = switch (state == null ? "" : state) {
            case "open" -> "Job " + jobId + " is open and waiting for a truck.";
            case "planned" -> "Job " + jobId + " is planned on a truck's route.";
            case "dispatched" -> "Job " + jobId + " was sent to a truck.";
            case "accepted" -> "The crew accepted job " + jobId + ".";
            case "arrived" -> "The crew of job " + jobId + " is at the bin.";
            case "collected" -> "Job " + jobId + " is done: the bin was emptied.";
            case "verified" -> "Job " + jobId + " is done: the bin was emptied and the sensor confirmed it.";
            case "skipped" -> "Job " + jobId + " was skipped" + because(reason);
            case "failed" -> "Job " + jobId + " could not be done" + because(reason);
            case "cancelled" -> "Job " + jobId + " was cancelled" + because(reason);
            default -> "Job " + jobId + " is in progress.";
        };
        return sentence;
    }

    private static String because(String reason) {
        return reason == null || reason.isBlank() ? "." : ": " + reason + ".";
    }
}
