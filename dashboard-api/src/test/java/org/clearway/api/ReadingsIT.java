package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bin state, raw and bucketed readings with their caps, rejected messages. */
class ReadingsIT {
    static ApiHarness api;
    static final Instant BASE = ApiHarness.BASE;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness("api_readings", Clock.systemUTC(), Map.of());
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static String range(Instant from, Instant to) {
        return "from=" + from + "&to=" + to;
    }

    @Test
    void stateIsTheLatestReading() {
        JsonObject state = api.get("viewer-c1", "/bins/b1/state").json();
        assertThat(state.getDouble("fillPct")).isEqualTo(32.0);
        assertThat(state.getString("measuredAt")).isEqualTo(BASE.plus(Duration.ofMinutes(110)).toString());
        assertThat(state.getJsonArray("alarms").getList()).containsExactly("fire");
        ApiHarness.Response never = api.get("viewer-city", "/bins/b3/state");
        assertThat(never.status()).isEqualTo(404);
        assertThat(never.errorCode()).isEqualTo("no_state");
    }

    @Test
    void rawReadingsInRangeAndPaginated() {
        String path = "/bins/b1/readings?" + range(BASE, BASE.plus(Duration.ofHours(2)));
        JsonObject all = api.get("viewer-c1", path).json();
        assertThat(all.getJsonArray("items")).hasSize(12);
        assertThat(all.getValue("nextCursor")).isNull();
        assertThat(all.getJsonArray("items").getJsonObject(0).getDouble("fillPct")).isEqualTo(10.0);
        List<Double> fills = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonObject page = api.get("viewer-c1", path + "&limit=5" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.getJsonArray("items").forEach(o -> fills.add(((JsonObject) o).getDouble("fillPct")));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        assertThat(fills).hasSize(12).isSorted().doesNotHaveDuplicates();
        // to is exclusive
        JsonObject half = api.get("viewer-c1", "/bins/b1/readings?" + range(BASE, BASE.plus(Duration.ofMinutes(30)))).json();
        assertThat(half.getJsonArray("items")).hasSize(3);
    }

    @Test
    void bucketedReadingsHaveMinMaxMeanCount() {
        JsonObject hourly = api.get("viewer-c1", "/bins/b1/readings?bucket=1h&"
                + range(BASE.minus(Duration.ofHours(1)), BASE.plus(Duration.ofHours(3)))).json();
        assertThat(hourly.getString("bucket")).isEqualTo("1h");
        JsonArray items = hourly.getJsonArray("items");
        assertThat(items).hasSize(2);
        JsonObject first = items.getJsonObject(0);
        assertThat(first.getString("bucket")).isEqualTo(BASE.toString());
        assertThat(first.getDouble("min")).isEqualTo(10.0);
        assertThat(first.getDouble("max")).isEqualTo(20.0);
        assertThat(first.getDouble("mean")).isEqualTo(15.0);
        assertThat(first.getLong("count")).isEqualTo(6);
        JsonObject second = items.getJsonObject(1);
        assertThat(second.getString("bucket")).isEqualTo(BASE.plus(Duration.ofHours(1)).toString());
        assertThat(second.getDouble("mean")).isEqualTo(27.0);
        JsonObject daily = api.get("viewer-c1", "/bins/b1/readings?bucket=1d&"
                + range(BASE.minus(Duration.ofDays(10)), BASE.plus(Duration.ofDays(1)))).json();
        assertThat(daily.getJsonArray("items")).hasSize(1);
        assertThat(daily.getJsonArray("items").getJsonObject(0).getLong("count")).isEqualTo(12);
        assertThat(daily.getJsonArray("items").getJsonObject(0).getDouble("mean")).isEqualTo(21.0);
    }

    @Test
    void rangesAreCapped() {
        Instant to = BASE;
        ApiHarness.Response raw = api.get("viewer-c1", "/bins/b1/readings?" + range(to.minus(Duration.ofDays(32)), to));
        assertThat(raw.status()).isEqualTo(400);
        assertThat(raw.errorCode()).isEqualTo("range_too_large");
        assertThat(api.get("viewer-c1", "/bins/b1/readings?" + range(to.minus(Duration.ofDays(31)), to)).status()).isEqualTo(200);
        assertThat(api.get("viewer-c1", "/bins/b1/readings?bucket=1d&" + range(to.minus(Duration.ofDays(401)), to)).errorCode())
                .isEqualTo("range_too_large");
        assertThat(api.get("viewer-c1", "/bins/b1/readings?bucket=1d&" + range(to.minus(Duration.ofDays(400)), to)).status())
                .isEqualTo(200);
        assertThat(api.get("viewer-c1", "/bins/b1/readings?bucket=1m&" + range(to.minus(Duration.ofDays(30)), to)).errorCode())
                .isEqualTo("too_many_buckets");
        assertThat(api.get("viewer-c1", "/bins/b1/readings?bucket=2h").errorCode()).isEqualTo("invalid_request");
        assertThat(api.get("viewer-c1", "/bins/b1/readings?from=yesterday").errorCode()).isEqualTo("invalid_request");
        assertThat(api.get("viewer-c1", "/bins/b1/readings?" + range(to, to)).errorCode()).isEqualTo("bad_range");
        assertThat(api.get("viewer-c1", "/bins/b1/readings?cursor=xyz").errorCode()).isEqualTo("bad_cursor");
    }

    @Test
    void rejectedMessagesNewestFirstWithBase64Payloads() {
        JsonArray all = api.get("operator-city", "/rejected-messages").json().getJsonArray("items");
        assertThat(all.stream().map(o -> ((JsonObject) o).getString("reason")))
                .containsExactly("bad_topic", "not_json", "out_of_range");
        JsonObject outOfRange = all.getJsonObject(2);
        assertThat(new String(Base64.getDecoder().decode(outOfRange.getString("payloadBase64")), StandardCharsets.UTF_8))
                .isEqualTo("{\"fill\":150}");
        assertThat(outOfRange.getString("binId")).isEqualTo("b1");
        assertThat(api.get("operator-city", "/rejected-messages?reason=not_json").json().getJsonArray("items")).hasSize(1);
        assertThat(api.get("operator-city", "/rejected-messages?from=" + BASE.plusSeconds(30)).json()
                .getJsonArray("items")).hasSize(2);
        assertThat(api.get("operator-city", "/rejected-messages?to=" + BASE.plusSeconds(30)).json()
                .getJsonArray("items")).hasSize(1);
        JsonObject page = api.get("operator-city", "/rejected-messages?limit=2").json();
        assertThat(page.getJsonArray("items")).hasSize(2);
        JsonObject rest = api.get("operator-city", "/rejected-messages?limit=2&cursor=" + page.getString("nextCursor")).json();
        assertThat(rest.getJsonArray("items").getJsonObject(0).getString("reason")).isEqualTo("out_of_range");
        assertThat(rest.getValue("nextCursor")).isNull();
        // A street dispatcher sees the rejects of its two communities' bins, not the unknown topic.
        assertThat(api.get("dispatcher-s1", "/rejected-messages").json().getJsonArray("items")).hasSize(2);
        assertThat(api.get("viewer-city", "/rejected-messages").status()).isEqualTo(403);
    }
}
