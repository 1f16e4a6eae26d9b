package org.clearway.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmbeddedDatabaseTest {

    @Test
    void quotesDatabaseNamesAsIdentifiers() {
        assertThat(EmbeddedDatabase.quoteIdentifier("clearway")).isEqualTo("\"clearway\"");
        assertThat(EmbeddedDatabase.quoteIdentifier("we\"ird")).isEqualTo("\"we\"\"ird\"");
    }

    @Test
    void rejectsNamesPostgresCannotHold() {
        assertThatThrownBy(() -> EmbeddedDatabase.quoteIdentifier("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddedDatabase.quoteIdentifier("a\0b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsPortsOutOfRangeBeforeStartingAnything() {
        assertThatThrownBy(() -> EmbeddedDatabase.start(null, 70000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddedBroker.start(null, -1, BrokerAccounts.anonymous())).isInstanceOf(IllegalArgumentException.class);
    }
}
