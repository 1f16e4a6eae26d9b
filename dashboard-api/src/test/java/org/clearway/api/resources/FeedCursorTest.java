package org.clearway.api.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.clearway.api.http.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeedCursorTest {
    @Test
    void roundTripsWithMicrosecondsAndBinIdsWithDashes() {
        FeedCursor cursor = new FeedCursor(42, Instant.parse("2026-11-28T08:15:00.123456789Z"), 7,
                Instant.parse("2026-11-28T08:16:00.5Z"), "b-0017_x");
        FeedCursor back = FeedCursor.parse(cursor.encode());
        assertThat(back).isEqualTo(cursor);
        assertThat(back.alarmAt()).isEqualTo(Instant.parse("2026-11-28T08:15:00.123456Z"));
        assertThat(back.stateBinId()).isEqualTo("b-0017_x");
    }

    @Test
    void anEmptyBinIdIsTheStart() {
        FeedCursor start = new FeedCursor(0, Instant.EPOCH, 0, Instant.EPOCH, "");
        assertThat(FeedCursor.parse(start.encode())).isEqualTo(start);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "1-2-3-4", "a-2-3-4-b", "1-2-3-4-b.c", "-1-2-3-4-b", "1-2-x-4-b", "1-99999999999999999999-3-4-b"})
    void textThisApiDidNotGiveIsABadCursor(String text) {
        assertThatThrownBy(() -> FeedCursor.parse(text)).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo("bad_cursor"));
    }
}
