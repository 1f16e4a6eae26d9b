package org.clearway.api.resources;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.clearway.api.http.ApiException;

/**
 * Where a live event stream stands in each of its three sources, and the id of every event it sends: the last job
 * event id, the last alarm change (time and alarm id) and the last bin state change (time and bin id). Written as
 * {@code <jobEventId>-<alarmMicros>-<alarmId>-<stateMicros>-<binId>}; a client sends it back as
 * {@code Last-Event-ID} to resume after that event.
 */
public record FeedCursor(long jobEventId, Instant alarmAt, long alarmId, Instant stateAt, String stateBinId) {

    public FeedCursor {
        alarmAt = alarmAt.truncatedTo(ChronoUnit.MICROS);
        stateAt = stateAt.truncatedTo(ChronoUnit.MICROS);
    }

    public String encode() {
        return jobEventId + "-" + micros(alarmAt) + "-" + alarmId + "-" + micros(stateAt) + "-" + stateBinId;
    }

    /** @throws ApiException 400 {@code bad_cursor} for text this API did not give */
    public static FeedCursor parse(String text) {
        String[] parts = text.strip().split("-", 5);
        try {
            if (parts.length != 5 || !parts[4].matches("[A-Za-z0-9_-]{0,64}")) {
                throw new IllegalArgumentException("shape");
            }
            long jobEventId = Long.parseLong(parts[0]);
            long alarmId = Long.parseLong(parts[2]);
            if (jobEventId < 0 || alarmId < 0) {
                throw new IllegalArgumentException("negative");
            }
            return new FeedCursor(jobEventId, instant(Long.parseLong(parts[1])), alarmId,
                    instant(Long.parseLong(parts[3])), parts[4]);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw ApiException.badRequest("bad_cursor",
                    "Last-Event-ID is not an event id this API gave; reconnect without it to start from now");
        }
    }

    public FeedCursor withJobEvent(long id) {
        return new FeedCursor(id, alarmAt, alarmId, stateAt, stateBinId);
    }

    public FeedCursor withAlarm(Instant at, long id) {
        return new FeedCursor(jobEventId, at, id, stateAt, stateBinId);
    }

    public FeedCursor withState(Instant at, String binId) {
        return new FeedCursor(jobEventId, alarmAt, alarmId, at, binId);
    }

    private static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    private static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
