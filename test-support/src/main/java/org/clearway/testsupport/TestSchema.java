package org.clearway.testsupport;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * A fresh schema of its own for one test class, in the shared test database: tables made by one
 * class never meet another's, and {@link #close()} drops them all.
 *
 * <pre>{@code
 * static TestSchema schema;
 * @BeforeAll static void createSchema() { schema = TestSchema.create("ingest"); }
 * @AfterAll static void dropSchema() { schema.close(); }
 * }</pre>
 *
 * Connections from {@link #dataSource()} or {@link #jdbcUrl()} have the schema as their current
 * schema ({@code currentSchema} in the URL), so unqualified names resolve there.
 */
public final class TestSchema implements AutoCloseable {
    static final int MAX_POOL_SIZE = 4;
    /** PostgreSQL truncates identifiers longer than NAMEDATALEN - 1 bytes. */
    static final int MAX_NAME_LENGTH = 63;
    static final int SUFFIX_LENGTH = 8;
    private static final String SUFFIX_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String CURRENT_SCHEMA = "currentSchema";

    private final DatabaseEndpoint database;
    private final String name;
    private final String jdbcUrl;
    private final HikariDataSource dataSource;
    private boolean closed;

    private TestSchema(DatabaseEndpoint database, String name, HikariDataSource dataSource) {
        this.database = database;
        this.name = name;
        this.jdbcUrl = withCurrentSchema(database.jdbcUrl(), name);
        this.dataSource = dataSource;
    }

    /** Creates {@code <prefix>_<random>} in the test database of {@link TestInfrastructure}. */
    public static TestSchema create(String prefix) {
        return create(TestInfrastructure.database(), prefix);
    }

    /** Creates {@code <prefix>_<random>} in the given database. */
    public static TestSchema create(DatabaseEndpoint database, String prefix) {
        Objects.requireNonNull(database, "database");
        String name = schemaName(prefix, randomSuffix());
        execute(database, "CREATE SCHEMA " + name);
        try {
            return new TestSchema(database, name, pool(database, name));
        } catch (RuntimeException e) {
            dropQuietly(database, name, e);
            throw e;
        }
    }

    /** The schema's name: lowercase letters, digits and underscores, so it never needs quoting. */
    public String name() {
        return name;
    }

    /** The database's URL with {@code currentSchema=<name>}, for code that opens its own connections. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The URL of {@link #jdbcUrl()} with the database's credentials, e.g. for a service's configuration. */
    public DatabaseEndpoint endpoint() {
        return new DatabaseEndpoint(jdbcUrl, database.user(), database.password());
    }

    /** A small pool ({@value #MAX_POOL_SIZE} connections at most) bound to this schema. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Closes the pool and drops the schema with everything in it. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        dataSource.close();
        execute(database, "DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }

    @Override
    public String toString() {
        return "TestSchema[" + name + "]";
    }

    /**
     * {@code prefix_suffix}, lowercased, anything but letters, digits and underscores replaced by
     * underscores, starting with a letter or underscore, and short enough to be kept whole.
     */
    static String schemaName(String prefix, String suffix) {
        String cleaned = (prefix == null ? "" : prefix).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (cleaned.isEmpty()) {
            cleaned = "test";
        }
        if (Character.isDigit(cleaned.charAt(0))) {
            cleaned = "t" + cleaned;
        }
        int room = MAX_NAME_LENGTH - 1 - suffix.length();
        if (cleaned.length() > room) {
            cleaned = cleaned.substring(0, room);
        }
        return cleaned + "_" + suffix;
    }

    /** Sets {@code currentSchema} in a JDBC URL, replacing one that is there, keeping the other parameters. */
    static String withCurrentSchema(String jdbcUrl, String schema) {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        List<String> parameters = new ArrayList<>();
        if (query >= 0) {
            for (String parameter : jdbcUrl.substring(query + 1).split("&")) {
                String key = parameter.split("=", 2)[0];
                if (!parameter.isEmpty() && !key.equals(CURRENT_SCHEMA)) {
                    parameters.add(parameter);
                }
            }
        }
        parameters.add(CURRENT_SCHEMA + "=" + URLEncoder.encode(schema, StandardCharsets.UTF_8));
        return base + "?" + String.join("&", parameters);
    }

    private static String randomSuffix() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder suffix = new StringBuilder(SUFFIX_LENGTH);
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            suffix.append(SUFFIX_CHARACTERS.charAt(random.nextInt(SUFFIX_CHARACTERS.length())));
        }
        return suffix.toString();
    }

    private static HikariDataSource pool(DatabaseEndpoint database, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(withCurrentSchema(database.jdbcUrl(), name));
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(MAX_POOL_SIZE);
        config.setMinimumIdle(0);
        config.setPoolName("test-schema-" + name);
        config.setConnectionTimeout(10_000);
        return new HikariDataSource(config);
    }

    private static void execute(DatabaseEndpoint database, String sql) {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run '" + sql + "' on " + database, e);
        }
    }

    private static void dropQuietly(DatabaseEndpoint database, String name, RuntimeException cause) {
        try {
            execute(database, "DROP SCHEMA IF EXISTS " + name + " CASCADE");
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
