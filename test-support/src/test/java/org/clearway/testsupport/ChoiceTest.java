package org.clearway.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ChoiceTest {
    private static final String VARIABLE = TestInfrastructure.DATABASE_URL;

    @Test
    void theEnvironmentComesFirstAndDockerIsNotAsked() {
        AtomicBoolean asked = new AtomicBoolean();

        Choice choice = Choice.of(VARIABLE, Map.of(VARIABLE, "jdbc:postgresql://db/test")::get, () -> asked.getAndSet(true));

        assertThat(choice.source()).isEqualTo(Source.ENVIRONMENT);
        assertThat(choice.reason()).contains(VARIABLE);
        assertThat(asked).isFalse();
    }

    @Test
    void thenContainersWhereDockerWorks() {
        assertThat(Choice.of(VARIABLE, Map.<String, String>of()::get, () -> true).source()).isEqualTo(Source.CONTAINER);
    }

    @Test
    void thenEmbeddedServers() {
        Choice choice = Choice.of(VARIABLE, Map.of(VARIABLE, "  ")::get, () -> false);

        assertThat(choice.source()).isEqualTo(Source.EMBEDDED);
        assertThat(choice.reason()).contains("Docker is not available");
    }

    @Test
    void databaseCredentialsDefaultToPostgresWithoutPassword() {
        DatabaseEndpoint endpoint = TestInfrastructure.databaseFromEnvironment(Map.of(VARIABLE, "jdbc:postgresql://db/test")::get);

        assertThat(endpoint).isEqualTo(new DatabaseEndpoint("jdbc:postgresql://db/test", "postgres", ""));
    }

    @Test
    void databaseCredentialsFromTheEnvironment() {
        Map<String, String> environment = Map.of(VARIABLE, "jdbc:postgresql://db/test",
                TestInfrastructure.DATABASE_USER, "clearway", TestInfrastructure.DATABASE_PASSWORD, "secret");

        assertThat(TestInfrastructure.databaseFromEnvironment(environment::get))
                .isEqualTo(new DatabaseEndpoint("jdbc:postgresql://db/test", "clearway", "secret"))
                .hasToString("DatabaseEndpoint[jdbc:postgresql://db/test, user clearway]");
    }
}
