package org.clearway.simulator.publish;

/** Receives a {@link Progress} every few seconds, from a timer thread, and once at the end. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = p -> { };

    void onProgress(Progress progress);
}
