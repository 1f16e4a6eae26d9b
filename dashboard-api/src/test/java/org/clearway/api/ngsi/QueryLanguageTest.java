package org.clearway.api.ngsi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.clearway.api.http.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** q, attrs and the geo-query turned into SQL conditions and their arguments; what they refuse. */
class QueryLanguageTest {
    final List<String> conditions = new ArrayList<>();
    final List<Object> args = new ArrayList<>();

    @Test
    void termsBecomeConditionsOnWhitelistedColumns() {
        QFilter.parse("fillingLevel>0.8;status==\"ok\",\"lidOpen\";temperature;dateLastEmptying<2026-12-01T00:00:00.1234567Z",
                conditions, args);
        assertThat(conditions).containsExactly("filling_level > ?::double precision",
                "(status IN (?, ?))", "temp_c IS NOT NULL", "last_emptying_at < ?");
        assertThat(args).containsExactly(0.8, "ok", "lidOpen", Instant.parse("2026-12-01T00:00:00.123456Z"));
    }

    @Test
    void aValueNeverBecomesSql() {
        QFilter.parse("status!=\"x' OR '1'='1\"", conditions, args);
        assertThat(conditions).containsExactly("status <> ?");
        assertThat(args).containsExactly("x' OR '1'='1");
        assertThatThrownBy(() -> QFilter.parse("status;DROP TABLE bins", conditions, args)).isInstanceOf(ApiException.class);
    }

    @Test
    void andBindsTighterThanOr() {
        QFilter.parse("fillingLevel>0.8|status==\"burning\";temperature<30|binId==\"b9\"", conditions, args);
        assertThat(conditions).containsExactly("(filling_level > ?::double precision OR (status = ? AND temp_c < "
                + "?::double precision) OR id = ?)");
        assertThat(args).containsExactly(0.8, "burning", 30.0, "b9");
    }

    @Test
    void parenthesesGroupAndNest() {
        QFilter.parse("((fillingLevel>0.5|temperature>40);storedWasteKind==\"organic\")|binId==\"b1\"", conditions,
                args);
        assertThat(conditions).containsExactly("(((filling_level > ?::double precision OR temp_c > ?::double precision)"
                + " AND stored_waste_kind = ?) OR id = ?)");
        conditions.clear();
        QFilter.parse("(temperature>=20;temperature<=25)", conditions, args);
        assertThat(conditions).containsExactly("(temp_c >= ?::double precision AND temp_c <= ?::double precision)");
    }

    @Test
    void rangesIncludeBothEndsAndUnequalIsOutside() {
        QFilter.parse("fillingLevel==0.5..0.8;binCapacity!=100..200;dateLastEmptying==2026-12-01T00:00:00Z..2026-12-02T00:00:00.5Z",
                conditions, args);
        assertThat(conditions).containsExactly(
                "(filling_level BETWEEN ?::double precision AND ?::double precision)",
                "NOT (volume_l BETWEEN ?::double precision AND ?::double precision)",
                "(last_emptying_at BETWEEN ? AND ?)");
        assertThat(args).containsExactly(0.5, 0.8, 100.0, 200.0, Instant.parse("2026-12-01T00:00:00Z"),
                Instant.parse("2026-12-02T00:00:00.5Z"));
    }

    @Test
    void listsMatchAnyAndUnequalListsMatchNone() {
        QFilter.parse("binFullnessThreshold==70,80,90.5;areaServed!=\"c1\",\"c,2\"", conditions, args);
        assertThat(conditions).containsExactly(
                "(threshold_pct IN (?::double precision, ?::double precision, ?::double precision))",
                "NOT (zone_id IN (?, ?))");
        assertThat(args).containsExactly(70.0, 80.0, 90.5, "c1", "c,2");
    }

    @Test
    void quotedTextKeepsItsSeparatorsAndEscapes() {
        QFilter.parse("binId==\"a;b|c)..d\",\"say \\\"hi\\\"\"", conditions, args);
        assertThat(conditions).containsExactly("(id IN (?, ?))");
        assertThat(args).containsExactly("a;b|c)..d", "say \"hi\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "fillingLevel>0.8|",
            "(fillingLevel>0.8",
            "fillingLevel>0.8)",
            "fillingLevel>0.1..0.5",
            "fillingLevel<0.1,0.5",
            "fillingLevel==0.1..0.5..0.9",
            "fillingLevel==0.1..",
            "fillingLevel==0.1,0.2..0.3",
            "status==\"a\"..\"c\"",
            "status==\"ok",
            "status==ok",
            "status>\"ok\"",
            "status~=\"o.*\"",
            "fillingLevel.observedAt>2026-12-01T00:00:00Z",
            "colour==\"red\"",
            "fillingLevel==",
            "((((((((((fillingLevel>0.1))))))))))",
            "fillingLevel==true",
    })
    void outsideTheLanguageIsBadRequest(String q) {
        assertThatThrownBy(() -> QFilter.parse(q, conditions, args)).isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).status()).isEqualTo(400);
    }

    @Test
    void attrsProjectAndAskForAtLeastOne() {
        Attrs attrs = Attrs.parse("fillingLevel,refDevice");
        attrs.conditions(conditions);
        assertThat(conditions).containsExactly("(filling_level IS NOT NULL OR device_id IS NOT NULL)");
        JsonObject entity = new JsonObject().put("id", "urn:ngsi-ld:WasteContainer:b1").put("type", "WasteContainer")
                .put("fillingLevel", 0.3).put("status", "ok").put("binId", "b1");
        assertThat(attrs.project(entity)).isEqualTo(new JsonObject().put("id", "urn:ngsi-ld:WasteContainer:b1")
                .put("type", "WasteContainer").put("fillingLevel", 0.3));
        conditions.clear();
        Attrs.parse("status,temperature").conditions(conditions);
        assertThat(conditions).as("every entity has a status").isEmpty();
        assertThat(Attrs.ALL.project(entity)).isSameAs(entity);
        assertThatThrownBy(() -> Attrs.parse("fillingLevel,colour")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> Attrs.parse("")).isInstanceOf(ApiException.class);
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
