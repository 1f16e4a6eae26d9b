package org.clearway.api.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.clearway.api.resources.ChangeFeed.Change;
import org.clearway.api.resources.FeedCursor;
import org.junit.jupiter.api.Test;

class FeedStateTest {
    static final Instant T = Instant.parse("2026-11-28T08:00:00Z");

    @Test
    void stopsBeforeAGapUntilItFillsOrTheWaitIsOver() {
        FeedState state = new FeedState(new FeedCursor(10, T, 0, T, ""), Duration.ofSeconds(5));
        // 11 and 13 arrive; 12 is missing (not committed yet).
        assertThat(ids(state.apply(jobs(job(11, true), job(13, true)), T))).containsExactly("job 11");
        assertThat(state.cursor().jobEventId()).isEqualTo(11);
        // 12 commits: both come.
        assertThat(ids(state.apply(jobs(job(12, true), job(13, true)), T.plusSeconds(1)))).containsExactly("job 12", "job 13");
        // 15 with 14 missing: waited for, then passed.
        assertThat(state.apply(jobs(job(15, true)), T.plusSeconds(2))).isEmpty();
        assertThat(state.apply(jobs(job(15, true)), T.plusSeconds(6))).isEmpty();
        assertThat(ids(state.apply(jobs(job(15, true)), T.plusSeconds(7)))).containsExactly("job 15");
        assertThat(state.cursor().jobEventId()).isEqualTo(15);
    }

    @Test
    void invisibleChangesMoveTheCursorWithoutEvents() {
        FeedState state = new FeedState(new FeedCursor(0, T, 0, T, ""), Duration.ofSeconds(5));
        List<FeedState.Event> events = state.apply(List.of(List.of(job(1, false), job(2, true)),
                List.of(new Change("alarm", 9, T.plusSeconds(3), null, true, new JsonObject())),
                List.of(new Change("bin_state", 0, T.plusSeconds(4), "b1", true, new JsonObject()))), T);
        assertThat(ids(events)).containsExactly("job 2", "alarm 9", "bin_state 0");
        FeedCursor end = FeedCursor.parse(events.get(2).id());
        assertThat(end).isEqualTo(state.cursor());
        assertThat(end).isEqualTo(new FeedCursor(2, T.plusSeconds(3), 9, T.plusSeconds(4), "b1"));
        // Each event's id is the cursor right after it.
        assertThat(FeedCursor.parse(events.get(0).id()).jobEventId()).isEqualTo(2);
        assertThat(FeedCursor.parse(events.get(0).id()).alarmId()).isZero();
    }

    private static Change job(long id, boolean visible) {
        return new Change("job", id, null, null, visible, new JsonObject().put("id", id));
    }

    private static List<List<Change>> jobs(Change... changes) {
        return List.of(List.of(changes), List.of(), List.of());
    }

    private static List<String> ids(List<FeedState.Event> events) {
        return events.stream().map(e -> e.type() + " " + (e.type().equals("job") ? FeedCursor.parse(e.id()).jobEventId()
                : e.type().equals("alarm") ? FeedCursor.parse(e.id()).alarmId() : 0)).toList();
    }
}
