package org.clearway.ingest.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.clearway.core.db.Migrations;
import org.clearway.core.db.ReadingsPolicies;
import org.clearway.testsupport.TestSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The TimescaleDB policies' reconciliation on the database the tests have (plain PostgreSQL here; the
 * TimescaleDB path is checked on a real TimescaleDB build, see the README's "Storage"): it runs, says why it
 * changes nothing, and the migrations never put an extension into a Clearway schema.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ReadingsPoliciesIT {
    private static TestSchema schema;

    @BeforeAll
    static void migrate() {
        schema = TestSchema.create("policies");
        Migrations.apply(schema.dataSource(), schema.name(), Duration.ofDays(400));
    }

    @AfterAll
    static void dropSchema() {
        schema.close();
    }

    @Test
    void onPlainPostgresTheRetentionIsLeftToPartitionUpkeep() throws Exception {
        String changed = new ReadingsPolicies(schema.dataSource()).reconcile(Duration.ofDays(90), Duration.ofDays(2));

        assertThat(changed).contains("partition upkeep applies the retention");
    }

    @Test
    void noExtensionLivesInAClearwaySchema() throws Exception {
        try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
                     + " WHERE n.nspname = current_schema()")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }
}
