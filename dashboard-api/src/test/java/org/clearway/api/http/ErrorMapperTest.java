package org.clearway.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** Load is answered 503 (with Retry-After, set in {@link ErrorMapper#send}), never 500; faults stay 500. */
class ErrorMapperTest {
    @Test
    void noPooledConnectionInTimeIs503() {
        var timeout = new SQLTransientConnectionException("clearway-api - Connection is not available, request timed out after 5000ms");
        assertThat(ErrorMapper.map(timeout, 500).status()).isEqualTo(503);
        assertThat(ErrorMapper.map(new RuntimeException(timeout), 500).code()).isEqualTo("overloaded");
    }

    @Test
    void aStatementOverItsBudgetOrTooManyConnectionsIs503() {
        assertThat(ErrorMapper.map(new SQLException("canceling statement due to statement timeout", "57014"), 500).status())
                .isEqualTo(503);
        assertThat(ErrorMapper.map(new SQLException("too many connections", "53300"), 500).status()).isEqualTo(503);
        assertThat(ErrorMapper.map(new SQLException("connection refused", "08001"), 500).status()).isEqualTo(503);
    }

    @Test
    void otherFailuresStay500() {
        assertThat(ErrorMapper.map(new SQLException("syntax", "42601"), 500).status()).isEqualTo(500);
        assertThat(ErrorMapper.map(new IllegalStateException("bug"), 500).status()).isEqualTo(500);
    }
}
