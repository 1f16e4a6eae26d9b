package org.clearway.testsupport;

import java.util.Objects;

/** How tests reach the test database: a JDBC URL and the credentials to use with it. */
public record DatabaseEndpoint(String jdbcUrl, String user, String password) {
    public DatabaseEndpoint {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "DatabaseEndpoint[" + jdbcUrl + ", user " + user + "]";
    }
}
