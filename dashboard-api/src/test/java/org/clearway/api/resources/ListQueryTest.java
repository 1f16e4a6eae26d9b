package org.clearway.api.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.clearway.api.http.ApiException;
import org.clearway.api.http.Params;
import org.junit.jupiter.api.Test;

class ListQueryTest {
    @Test
    void anIdCursorIsTheLastIdOfThePreviousPage() {
        assertThat(ListQuery.idCursor(null)).isEqualTo(Long.MAX_VALUE);
        assertThat(ListQuery.idCursor("42")).isEqualTo(42L);
        assertThatThrownBy(() -> ListQuery.idCursor("abc"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("bad_cursor"));
    }

    @Test
    void aRangeMustNotBeEmptyButMayBeOpen() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        Params.requireBefore(null, null);
        Params.requireBefore(t, null);
        Params.requireBefore(null, t);
        Params.requireBefore(t, t.plusMillis(1));
        assertThatThrownBy(() -> Params.requireBefore(t, t))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("bad_range"));
        assertThatThrownBy(() -> Params.requireBefore(t.plusSeconds(1), t))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("bad_range"));
    }
}
