package org.clearway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clearway.api.NgsiFixture.enc;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The NGSI-LD entity query API over the real database: forms, @context, q, geo-queries, pages, scope and errors. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class NgsiEntitiesIT {
    static final String ENTITIES = "/ngsi-ld/v1/entities";
    static final String LINK = "<https://raw.githubusercontent.com/smart-data-models/dataModel.WasteManagement/master/"
            + "context.jsonld>; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"";
    static ApiHarness api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness("api_ngsi", Clock.systemUTC(), Map.of());
        NgsiFixture.seed(api);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static List<String> ids(ApiHarness.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return new JsonArray(r.body()).stream().map(o -> ((JsonObject) o).getString("id")
                .substring("urn:ngsi-ld:WasteContainer:".length())).toList();
    }

    static ApiHarness.Response query(String token, String query) {
        return api.get(token, ENTITIES + "?" + query);
    }

    @Test
    void aTokenSeesTheActiveBinsOfItsZoneOnly() {
        assertThat(ids(query("viewer-city", "type=WasteContainer"))).containsExactly("b1", "b3", "b4", "b5");
        assertThat(ids(query("viewer-c1", "type=WasteContainer"))).containsExactly("b1");
        assertThat(ids(query("dispatcher-s1", "type=WasteContainer"))).containsExactly("b1", "b3");
        assertThat(ids(query("viewer-city", "type=Building"))).isEmpty();
        assertThat(ids(query("viewer-city", "id=" + enc("urn:ngsi-ld:WasteContainer:b4,urn:ngsi-ld:WasteContainer:b2")))).containsExactly("b4");
        assertThat(api.get("viewer-c1", ENTITIES + "/urn:ngsi-ld:WasteContainer:b4").status()).isEqualTo(404);
        assertThat(api.get("viewer-city", ENTITIES + "/urn:ngsi-ld:WasteContainer:b2").status()).as("retired").isEqualTo(404);
    }

    @Test
    void normalizedIsTheDefaultWithTheContextInALinkHeader() {
        ApiHarness.Response r = api.get("viewer-c1", ENTITIES + "/urn:ngsi-ld:WasteContainer:b1");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("content-type")).isEqualTo("application/json");
        assertThat(r.header("link")).isEqualTo(LINK);
        JsonObject e = r.json();
        String measured = ApiHarness.BASE.plusSeconds(110 * 60).toString();
        assertThat(e.getString("type")).isEqualTo("WasteContainer");
        assertThat(e.containsKey("@context")).isFalse();
        assertThat(e.getJsonObject("fillingLevel")).isEqualTo(new JsonObject().put("type", "Property").put("value", 0.32)
                .put("observedAt", measured));
        assertThat(e.getJsonObject("status")).isEqualTo(new JsonObject().put("type", "Property").put("value", "burning")
                .put("observedAt", measured));
        assertThat(e.getJsonObject("location")).isEqualTo(new JsonObject().put("type", "GeoProperty").put("value",
                new JsonObject().put("type", "Point").put("coordinates", new JsonArray().add(121.40).add(31.20))));
        assertThat(e.getJsonObject("refDevice")).isEqualTo(new JsonObject().put("type", "Relationship")
                .put("object", "urn:ngsi-ld:Device:" + NgsiFixture.DEVICE));
        assertThat(e.getJsonObject("dateLastEmptying").getJsonObject("value")).isEqualTo(new JsonObject()
                .put("@type", "DateTime").put("@value", NgsiFixture.EMPTIED.toString()));
        assertThat(e.getJsonObject("nextActuationDeadline").getJsonObject("value").getString("@value"))
                .isEqualTo(NgsiFixture.DUE.toString());
        assertThat(e.getJsonObject("storedWasteKind").getString("value")).isEqualTo("other");
        assertThat(e.getJsonObject("binCapacity")).isEqualTo(new JsonObject().put("type", "Property").put("value", 240.0)
                .put("unitCode", "LTR"));
        assertThat(e.getJsonObject("binFullnessThreshold").getDouble("value")).as("the stream's default").isEqualTo(80.0);
    }

    @Test
    void keyValuesByOptionsOrFormat() {
        JsonObject b4 = api.get("viewer-city", ENTITIES + "/urn:ngsi-ld:WasteContainer:b4?options=keyValues").json();
        assertThat(b4.getDouble("fillingLevel")).isEqualTo(0.55);
        assertThat(b4.getString("status")).as("a live tilt alarm").isEqualTo("dropped");
        assertThat(b4.getDouble("temperature")).isEqualTo(21.5);
        assertThat(b4.getString("dateLastEmptying")).isEqualTo(NgsiFixture.B4_EMPTIED.toString());
        assertThat(b4.containsKey("nextActuationDeadline")).isFalse();
        assertThat(b4.containsKey("refDevice")).isFalse();
        assertThat(b4.getJsonObject("location").getJsonArray("coordinates")).isEqualTo(new JsonArray().add(120.0).add(30.0));
        assertThat(api.get("viewer-city", ENTITIES + "/urn:ngsi-ld:WasteContainer:b4?format=simplified").json())
                .isEqualTo(b4);
        JsonObject b1 = new JsonArray(query("viewer-c1", "type=WasteContainer&options=keyValues").body()).getJsonObject(0);
        assertThat(b1.getJsonArray("refDevice")).containsExactly("urn:ngsi-ld:Device:" + NgsiFixture.DEVICE);
        assertThat(b1.getString("storedWasteKind")).isEqualTo("other");
        JsonObject b3 = api.get("viewer-city", ENTITIES + "/urn:ngsi-ld:WasteContainer:b3?options=keyValues").json();
        assertThat(b3.getString("status")).as("no reading yet").isEqualTo("unknown");
        assertThat(b3.containsKey("fillingLevel")).isFalse();
        JsonObject b5 = api.get("viewer-city", ENTITIES + "/urn:ngsi-ld:WasteContainer:b5?options=keyValues").json();
        assertThat(b5.getString("storedWasteKind")).isEqualTo("organic");
        assertThat(b5.getString("status")).isEqualTo("ok");
    }

    @Test
    void jsonLdCarriesTheContextInline() {
        ApiHarness.Response r = api.sendWith(Map.of("Authorization", "Bearer viewer-city", "Accept", "application/ld+json"),
                "GET", ENTITIES + "?type=WasteContainer&options=keyValues", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("content-type")).isEqualTo("application/ld+json");
        assertThat(r.header("link")).isNull();
        JsonArray entities = new JsonArray(r.body());
        assertThat(entities).hasSize(4);
        for (Object o : entities) {
            assertThat(((JsonObject) o).getJsonArray("@context")).containsExactly(
                    "https://raw.githubusercontent.com/smart-data-models/dataModel.WasteManagement/master/context.jsonld",
                    "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld");
        }
        ApiHarness.Response html = api.sendWith(Map.of("Authorization", "Bearer viewer-city", "Accept", "text/html"),
                "GET", ENTITIES + "/urn:ngsi-ld:WasteContainer:b1", null);
        assertProblem(html, 406, "NotAcceptable");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "fillingLevel>0.8|b5",
            "fillingLevel>=0.32;fillingLevel<0.6|b1,b4",
            "fillingLevel!=0.55|b1,b5",
            "fillingLevel==0.9|b5",
            "status==\"dropped\"|b4",
            "status==\"burning\",\"dropped\"|b1,b4",
            "status!=\"ok\"|b1,b3,b4",
            "storedWasteKind==\"organic\"|b5",
            "temperature|b4",
            "temperature<30;binCapacity>=240|b4",
            "binFullnessThreshold==80;areaServed==\"c3\"|b4,b5",
    })
    void qComparesSimpleTerms(String q, String expected) {
        assertThat(ids(query("viewer-city", "type=WasteContainer&q=" + enc(q)))).containsExactly(expected.split(","));
    }

    @Test
    void qTimesCompareUnquoted() {
        String after = NgsiFixture.EMPTIED.plusSeconds(1).toString();
        assertThat(ids(query("viewer-city", "type=WasteContainer&q=" + enc("dateLastEmptying>" + after)))).containsExactly("b4");
        assertThat(ids(query("viewer-city", "q=" + enc("nextActuationDeadline<=" + NgsiFixture.DUE)))).containsExactly("b1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
            "fillingLevel>0.8|fillingLevel<0.4#b1,b5",
            "fillingLevel>0.8|status==\"burning\";storedWasteKind!=\"organic\"#b1,b5",
            "(fillingLevel>0.8|status==\"burning\");storedWasteKind!=\"organic\"#b1",
            "((fillingLevel>0.8|temperature<30);areaServed==\"c3\")|binId==\"b3\"#b3,b4,b5",
            "(fillingLevel)#b1,b4,b5",
            "fillingLevel==0.3..0.6#b1,b4",
            "fillingLevel!=0.3..0.6#b5",
            "temperature==21..22#b4",
            "fillingLevel==0.32,0.9#b1,b5",
            "binId!=\"b1\",\"b4\"#b3,b5",
    })
    void qCombinesTermsWithOrParenthesesRangesAndLists(String q, String expected) {
        assertThat(ids(query("viewer-city", "type=WasteContainer&q=" + enc(q)))).containsExactly(expected.split(","));
    }

    @Test
    void qRangesOfTimes() {
        String range = NgsiFixture.EMPTIED.minusSeconds(1) + ".." + NgsiFixture.EMPTIED.plusSeconds(1);
        assertThat(ids(query("viewer-city", "q=" + enc("dateLastEmptying==" + range)))).containsExactly("b1");
        assertThat(ids(query("viewer-city", "q=" + enc("dateLastEmptying!=" + range)))).containsExactly("b4");
    }

    @Test
    void attrsReturnsOnlyTheListedAttributesOfTheEntitiesThatHaveOne() {
        JsonArray levels = new JsonArray(query("viewer-city", "type=WasteContainer&options=keyValues&attrs=fillingLevel")
                .body());
        assertThat(levels.stream().map(o -> ((JsonObject) o).getString("id"))).as("b3 has no reading").containsExactly(
                "urn:ngsi-ld:WasteContainer:b1", "urn:ngsi-ld:WasteContainer:b4", "urn:ngsi-ld:WasteContainer:b5");
        assertThat(levels.getJsonObject(0)).isEqualTo(new JsonObject().put("id", "urn:ngsi-ld:WasteContainer:b1")
                .put("type", "WasteContainer").put("fillingLevel", 0.32));
        assertThat(ids(query("viewer-city", "attrs=" + enc("temperature,refDevice")))).as("attrs alone narrows")
                .containsExactly("b1", "b4");
        assertThat(ids(query("viewer-city", "attrs=status&q=" + enc("fillingLevel>0.5")))).containsExactly("b4", "b5");
        ApiHarness.Response one = api.sendWith(Map.of("Authorization", "Bearer viewer-city", "Accept",
                "application/ld+json"), "GET", ENTITIES + "/urn:ngsi-ld:WasteContainer:b1?attrs=" + enc("status,location"), null);
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertThat(one.json().fieldNames()).containsExactlyInAnyOrder("id", "type", "status", "location", "@context");
        assertThat(one.json().getJsonObject("status").getString("value")).isEqualTo("burning");
        assertProblem(query("viewer-city", "type=WasteContainer&attrs=colour"), 400, "BadRequestData");
        assertProblem(api.get("viewer-city", ENTITIES + "/urn:ngsi-ld:WasteContainer:b1?attrs=" + enc("status,")), 400,
                "BadRequestData");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "fillingLevel>0.8|",
            "(fillingLevel>0.8",
            "colour==\"red\"",
            "fillingLevel>high",
            "status>\"ok\"",
            "status==ok",
            "fillingLevel>0.1..0.5",
            "status==\"a\"..\"c\"",
            "status~=\"o.*\"",
    })
    void anUnsupportedQIsBadRequestData(String q) {
        assertProblem(query("viewer-city", "type=WasteContainer&q=" + enc(q)), 400, "BadRequestData");
    }

    @Test
    void nearFindsTheBinsWithinTheDistance() {
        String near = "type=WasteContainer&geometry=Point&coordinates=" + enc("[121.40,31.20]") + "&georel=";
        assertThat(ids(query("viewer-city", near + enc("near;maxDistance==2000")))).containsExactly("b1");
        assertThat(ids(query("viewer-city", near + "near;maxDistance==2000"))).as("a raw semicolon").containsExactly("b1");
        // b3 is about 14.6 km from the point, b4 and b5 more than 100 km.
        assertThat(ids(query("viewer-city", near + enc("near;maxDistance==15000")))).containsExactly("b1", "b3");
        assertThat(ids(query("viewer-city", near + enc("near;minDistance==14000;maxDistance==15000")))).containsExactly("b3");
        assertThat(ids(query("viewer-c1", near + enc("near;maxDistance==15000")))).as("scoped").containsExactly("b1");
        assertThat(ids(query("viewer-city", "type=WasteContainer&geometry=Point&coordinates=" + enc("[120.0,30.0]")
                + "&georel=equals"))).containsExactly("b4");
    }

    @Test
    void withinAPolygonAndDisjointFromIt() {
        String polygon = enc("[[[119.9,29.9],[120.1,29.9],[120.1,30.1],[119.9,30.1],[119.9,29.9]]]");
        String within = "type=WasteContainer&geometry=Polygon&coordinates=" + polygon + "&georel=";
        assertThat(ids(query("viewer-city", within + "within"))).containsExactly("b4", "b5");
        assertThat(ids(query("viewer-city", within + "intersects"))).containsExactly("b4", "b5");
        assertThat(ids(query("viewer-city", within + "disjoint"))).containsExactly("b1", "b3");
        String holed = enc("[[[119.9,29.9],[120.1,29.9],[120.1,30.1],[119.9,30.1],[119.9,29.9]],"
                + "[[120.005,30.005],[120.02,30.005],[120.02,30.02],[120.005,30.02],[120.005,30.005]]]");
        assertThat(ids(query("viewer-city", "geometry=Polygon&georel=within&coordinates=" + holed))).containsExactly("b4");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "georel=near&geometry=Point&coordinates=[121.4,31.2]",
            "georel=near;maxDistance==-5&geometry=Point&coordinates=[121.4,31.2]",
            "georel=within&geometry=Point&coordinates=[121.4,31.2]",
            "georel=near;maxDistance==10&geometry=Point&coordinates=[121.4]",
            "georel=near;maxDistance==10&geometry=Point&coordinates=[200,31.2]",
            "georel=near;maxDistance==10&geometry=Point&coordinates=not-json",
            "georel=within&geometry=Polygon&coordinates=[[[1,1],[2,2],[1,1]]]",
            "georel=overlaps&geometry=Polygon&coordinates=[[[1,1],[2,1],[2,2],[1,1]]]",
            "georel=near;maxDistance==10&geometry=Point",
            "georel=near;maxDistance==10&geometry=Point&coordinates=[121.4,31.2]&geoproperty=location&options=sysAttrs,concise",
    })
    void aBadGeoQueryIsBadRequestData(String query) {
        StringBuilder encoded = new StringBuilder("type=WasteContainer");
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            encoded.append('&').append(kv[0]).append('=').append(enc(kv[1]));
        }
        assertProblem(query("viewer-city", encoded.toString()), 400, "BadRequestData");
    }

    @Test
    void pagesWithLimitOffsetAndTheCount() {
        ApiHarness.Response first = query("viewer-city", "type=WasteContainer&limit=2&count=true");
        assertThat(ids(first)).containsExactly("b1", "b3");
        assertThat(first.header("NGSILD-Results-Count")).isEqualTo("4");
        ApiHarness.Response second = query("viewer-city", "type=WasteContainer&limit=2&offset=2");
        assertThat(ids(second)).containsExactly("b4", "b5");
        assertThat(second.header("NGSILD-Results-Count")).as("only when asked").isNull();
        ApiHarness.Response countOnly = query("viewer-city", "type=WasteContainer&limit=0&count=true&q=" + enc("fillingLevel>0.5"));
        assertThat(ids(countOnly)).isEmpty();
        assertThat(countOnly.header("NGSILD-Results-Count")).isEqualTo("2");
        assertThat(query("viewer-c1", "type=WasteContainer&count=true").header("NGSILD-Results-Count")).isEqualTo("1");
        assertThat(ids(query("viewer-city", "type=WasteContainer"))).as("default limit 20").hasSize(4);
        assertProblem(query("viewer-city", "type=WasteContainer&limit=1001"), 400, "BadRequestData");
    }

    @Test
    void errorsAreProblemDetails() {
        assertProblem(query("viewer-city", "limit=5"), 400, "BadRequestData");
        assertProblem(api.get("viewer-city", ENTITIES + "/b1"), 400, "BadRequestData");
        assertProblem(api.get("viewer-city", ENTITIES + "/urn:ngsi-ld:Device:" + NgsiFixture.DEVICE), 404, "ResourceNotFound");
        assertProblem(api.get("viewer-city", ENTITIES + "/urn:ngsi-ld:WasteContainer:nope"), 404, "ResourceNotFound");
        assertProblem(api.get("viewer-city", "/ngsi-ld/v1/subscriptions"), 404, "ResourceNotFound");
        ApiHarness.Response anonymous = api.get(null, ENTITIES + "?type=WasteContainer");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().getString("type")).isEqualTo("about:blank");
        assertThat(anonymous.json().getString("title")).isEqualTo("unauthorized");
        assertThat(api.get("viewer-city", "/bins/nope").errorCode()).as("elsewhere the API's own shape").isEqualTo("not_found");
    }

    static void assertProblem(ApiHarness.Response r, int status, String type) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("content-type")).isEqualTo("application/json");
        JsonObject problem = r.json();
        assertThat(problem.getString("type")).as(r.body()).isEqualTo("https://uri.etsi.org/ngsi-ld/errors/" + type);
        assertThat(problem.getInteger("status")).isEqualTo(status);
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getString("detail")).isNotBlank();
        assertThat(problem.containsKey("error")).isFalse();
    }
}
