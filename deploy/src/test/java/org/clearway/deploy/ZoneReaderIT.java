package org.clearway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.clearway.deploy.GrafanaCity.number;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * grafana/zone-reader.sql (issue 15: a zone-scoped Grafana) against the real schema of {@link GrafanaCity}: the role it
 * makes for community north-main-1 runs the provisioned dashboards' queries unchanged and sees that community's bins,
 * readings and jobs only, the other community's bin stops are taken out of routes, and the tables themselves are
 * closed to it. psql's meta-commands are played here (the variables set, the role created): the statements are the
 * file's own.
 */
@Timeout(300)
class ZoneReaderIT {
    static final String ZONE = "north-main-1";
    static final String ROLE = "grafana_zone_it_" + UUID.randomUUID().toString().substring(0, 8);
    static final String VIEWS = "zone_" + ZONE;
    private static GrafanaCity city;

    @BeforeAll
    static void build() throws SQLException {
        city = GrafanaCity.build("grafana_zone");
        city.execute(script(city.schemaName()));
    }

    @AfterAll
    static void close() throws SQLException {
        if (city != null) {
            city.execute("DROP SCHEMA IF EXISTS \"" + VIEWS + "\" CASCADE");
            city.execute("DROP OWNED BY \"" + ROLE + "\"; DROP ROLE IF EXISTS \"" + ROLE + "\"");
            city.close();
        }
    }

    /** The file with psql's variables filled in and its meta-commands left out. */
    static String script(String source) {
        StringBuilder sql = new StringBuilder();
        for (String line : DeployTree.read(DeployTree.resolve("grafana/zone-reader.sql")).split("\n")) {
            String t = line.strip();
            if (t.startsWith("\\") || t.startsWith("--") || t.endsWith("\\gset")) {
                continue;
            }
            sql.append(line.replace(":\"schema\"", "\"" + VIEWS + "\"").replace(":\"source\"", "\"" + source + "\"")
                    .replace(":'zone'", "'" + ZONE + "'").replace(":\"reader\"", "\"" + ROLE + "\"")
                    .replace(":'reader'", "'" + ROLE + "'").replace(":'password'", "'not-used-" + UUID.randomUUID() + "'"))
                    .append('\n');
        }
        return sql.toString();
    }

    List<Map<String, Object>> asReader(String panel) throws SQLException {
        return city.rowsAs(ROLE, VIEWS, city.macros("1h", Map.of()).expand(GrafanaCity.text(panel)));
    }

    @Test
    void theDashboardsQueriesSeeTheZoneOnly() throws SQLException {
        double inZone = number(city.rows("SELECT count(*) AS n FROM bins WHERE zone_id = '" + ZONE + "' AND retired_at IS NULL")
                .get(0).get("n"));
        assertThat(number(city.panel("Bins in service").get(0).get("bins"))).isGreaterThan(inZone);
        assertThat(number(asReader("Bins in service").get(0).get("bins"))).isEqualTo(inZone);
        assertThat(asReader("Bins on the map")).isNotEmpty().extracting(r -> r.get("zone")).containsOnly(ZONE);
        assertThat(asReader("Readings per hour")).isNotEmpty();
        assertThat(asReader("Overdue jobs")).allSatisfy(r -> assertThat(r.get("zone")).isEqualTo(ZONE));
        // the other community's bin stops are not in the routes; unloads, breaks and depots are
        List<Map<String, Object>> stops = asReader("City map: bins, trucks and today's routes");
        assertThat(stops).extracting(r -> r.get("zone")).containsOnly(ZONE);
        List<Map<String, Object>> route = city.rowsAs(ROLE, VIEWS, "SELECT e.s ->> 'binId' AS bin, e.s ->> 'kind' AS kind"
                + " FROM routes r, jsonb_array_elements(r.message -> 'stops') e(s) WHERE r.revision = 3");
        assertThat(route).extracting(r -> r.get("bin")).contains("bin-002").doesNotContain("bin-005");
        assertThat(route).extracting(r -> r.get("kind")).contains("depot", "break");
        // the rounds panels read the zone's district's rounds (a view of their own)
        assertThat(asReader("Rounds per district and stream")).allSatisfy(r -> assertThat(ZONE).startsWith(
                String.valueOf(r.get("district"))));
    }

    @Test
    void theTablesThemselvesAreClosedToTheRole() {
        assertThatThrownBy(() -> city.rowsAs(ROLE, VIEWS, "SELECT count(*) FROM \"" + city.schemaName() + "\".bins"))
                .hasMessageContaining("permission denied");
    }
}
