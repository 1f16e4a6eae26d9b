package org.clearway.api.live;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.clearway.api.resources.ChangeFeed.Change;
import org.clearway.api.resources.FeedCursor;

/**
 * One stream's position in the change feed, and the events a poll gives it. Job events are read by id, and ids are
 * handed out before their transactions commit: an id missing from a run (a gap) may still appear. The stream stops
 * before a gap and waits for it up to {@code gapWait}; a gap still there by then was a rolled-back insert and is
 * passed. Changes the token may not see move the cursor but send nothing.
 */
public final class FeedState {
    /** One server-sent event: its id (the cursor after it), its type and its JSON. */
    public record Event(String id, String type, JsonObject data) {
    }

    private final Duration gapWait;
    private FeedCursor cursor;
    private long gapAt = -1;
    private Instant gapSince;

    public FeedState(FeedCursor start, Duration gapWait) {
        this.cursor = start;
        this.gapWait = gapWait;
    }

    public FeedCursor cursor() {
        return cursor;
    }

    /** @param sources the job, alarm and bin state changes of one poll, each oldest first */
    public List<Event> apply(List<List<Change>> sources, Instant now) {
        List<Event> events = new ArrayList<>();
        long expected = cursor.jobEventId() + 1;
        for (Change change : sources.get(0)) {
            if (change.id() > expected) {
                if (gapAt != expected) {
                    gapAt = expected;
                    gapSince = now;
                }
                if (Duration.between(gapSince, now).compareTo(gapWait) < 0) {
                    break;
                }
            }
            gapAt = -1;
            cursor = cursor.withJobEvent(change.id());
            expected = change.id() + 1;
            if (change.visible()) {
                events.add(new Event(cursor.encode(), change.type(), change.data()));
            }
        }
        for (Change change : sources.get(1)) {
            cursor = cursor.withAlarm(change.at(), change.id());
            events.add(new Event(cursor.encode(), change.type(), change.data()));
        }
        for (Change change : sources.get(2)) {
            cursor = cursor.withState(change.at(), change.key());
            events.add(new Event(cursor.encode(), change.type(), change.data()));
        }
        return events;
    }
}
