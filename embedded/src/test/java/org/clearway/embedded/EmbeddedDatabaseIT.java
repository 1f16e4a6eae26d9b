package org.clearway.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseIT {

    @Test
    void temporaryServerCreatesDatabasesAnswersQueriesAndLeavesNothingBehind() throws Exception {
        Path dataDirectory;
        try (EmbeddedDatabase database = EmbeddedDatabase.start(null, 0)) {
            dataDirectory = database.dataDirectory();
            assertThat(database.port()).isPositive();
            assertThat(database.jdbcUrl("clearway_it")).isEqualTo("jdbc:postgresql://127.0.0.1:" + database.port() + "/clearway_it");

            database.ensureDatabase("clearway_it");
            database.ensureDatabase("clearway_it");

            try (Connection connection = connect(database, "clearway_it"); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE bins (id text PRIMARY KEY, fill double precision)");
                statement.execute("INSERT INTO bins VALUES ('b-1', 42.5)");
                try (ResultSet rows = statement.executeQuery("SELECT current_database(), current_user, fill FROM bins")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).isEqualTo("clearway_it");
                    assertThat(rows.getString(2)).isEqualTo(EmbeddedDatabase.USER);
                    assertThat(rows.getDouble(3)).isEqualTo(42.5);
                }
            }
            assertThat(dataDirectory).isDirectory();
        }
        assertThat(dataDirectory).doesNotExist();
    }

    @Test
    void keptDataDirectorySurvivesARestart(@TempDir Path parent) throws Exception {
        Path dataDirectory = parent.resolve("pg");
        int port = FreePort.pick("127.0.0.1");
        try (EmbeddedDatabase first = EmbeddedDatabase.start(dataDirectory, port)) {
            assertThat(first.port()).isEqualTo(port);
            first.ensureDatabase("kept");
            try (Connection connection = connect(first, "kept"); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE marker (note text)");
                statement.execute("INSERT INTO marker VALUES ('still here')");
            }
        }
        assertThat(dataDirectory.resolve("PG_VERSION")).exists();

        try (EmbeddedDatabase second = EmbeddedDatabase.start(dataDirectory, 0)) {
            second.ensureDatabase("kept");
            try (Connection connection = connect(second, "kept");
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT note FROM marker")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("still here");
            }
        }
        assertThat(Files.isDirectory(dataDirectory)).isTrue();
    }

    private static Connection connect(EmbeddedDatabase database, String name) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(name), database.user(), database.password());
    }
}
