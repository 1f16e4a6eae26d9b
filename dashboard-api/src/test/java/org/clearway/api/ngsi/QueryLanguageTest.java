package org.clearway.api.ngsi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.clearway.api.http.ApiException;
import org.junit.jupiter.api.Test;

/** q and the geo-query turned into SQL conditions and their arguments; what they refuse. */
class QueryLanguageTest {
    final List<String> conditions = new ArrayList<>();
    final List<Object> args = new ArrayList<>();

    @Test
    void termsBecomeConditionsOnWhitelistedColumns() {
        QFilter.parse("fillingLevel>0.8;status==\"ok\",\"lidOpen\";temperature;dateLastEmptying<2026-12-01T00:00:00.1234567Z",
                conditions, args);
        assertThat(conditions).containsExactly("filling_level > ?::double precision",
                "status = ANY(string_to_array(?::text, chr(31)))", "temp_c IS NOT NULL", "last_emptying_at < ?");
        assertThat(args).containsExactly(0.8, "ok\u001flidOpen", Instant.parse("2026-12-01T00:00:00.123456Z"));
    }

    @Test
    void aValueNeverBecomesSql() {
        QFilter.parse("status!=\"x' OR '1'='1\"", conditions, args);
        assertThat(conditions).containsExactly("NOT (status = ANY(string_to_array(?::text, chr(31))))");
        assertThat(args).containsExactly("x' OR '1'='1");
        assertThatThrownBy(() -> QFilter.parse("status;DROP TABLE bins", conditions, args)).isInstanceOf(ApiException.class);
    }

    @Test
    void nearBindsThePointTwiceForLatitude() {
        GeoQuery.parse("near;maxDistance==250", "Point", "[121.4,31.2]", null, conditions, args);
        assertThat(conditions).containsExactly(GeoQuery.DISTANCE + " <= ?");
        assertThat(args).containsExactly(31.2, 31.2, 121.4, 250.0);
    }

    @Test
    void aPolygonWithAHoleIsTwoPolygonLiterals() {
        GeoQuery.parse("within", "Polygon", "[[[0,0],[4,0],[4,4],[0,0]],[[1,1],[2,1],[2,2],[1,1]]]", "location",
                conditions, args);
        assertThat(conditions).containsExactly("(?::polygon @> point(lon, lat) AND NOT (?::polygon @> point(lon, lat)))");
        assertThat(args).containsExactly("((0.0,0.0),(4.0,0.0),(4.0,4.0),(0.0,0.0))", "((1.0,1.0),(2.0,1.0),(2.0,2.0),(1.0,1.0))");
    }

    @Test
    void entityIdsOfOtherTypesFindNothingAndNonUrisAreRefused() {
        assertThat(EntityQuery.binId("urn:ngsi-ld:WasteContainer:b-1_x")).isEqualTo("b-1_x");
        assertThat(EntityQuery.binId("urn:ngsi-ld:Device:b1")).isNull();
        assertThat(EntityQuery.binId("urn:ngsi-ld:WasteContainer:a/b")).isNull();
        assertThatThrownBy(() -> EntityQuery.binId("b1")).isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).status()).isEqualTo(400);
    }

    @Test
    void storedWasteKindSqlMatchesTheMap() {
        assertThat(StoredWasteKind.SQL).startsWith("CASE b.stream WHEN 'batteries' THEN 'batteries'")
                .contains("WHEN 'kitchen' THEN 'organic'").endsWith("ELSE 'other' END");
    }
}
