package org.clearway.lab.faults;

import java.nio.file.Path;
import org.clearway.testsupport.DatabaseEndpoint;
import org.clearway.testsupport.TestInfrastructure;

/** The faults' setup from the tests' infrastructure, plus this machine's Mosquitto binary for the faults that run their own. */
final class FaultTestSetup {
    static final Path MOSQUITTO = Path.of(System.getenv().getOrDefault("CLEARWAY_TEST_MOSQUITTO", "/usr/sbin/mosquitto"));

    private FaultTestSetup() {
    }

    static FaultSetup get() {
        DatabaseEndpoint db = TestInfrastructure.database();
        return new FaultSetup(db.jdbcUrl(), db.user(), db.password(), TestInfrastructure.broker().serverUri(), MOSQUITTO,
                Mosquitto.projectConfig());
    }
}
