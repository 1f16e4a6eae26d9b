package org.clearway.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestSchemaTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            jdbc:postgresql://127.0.0.1:5432/postgres                          | jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=ingest_ab12cd34
            jdbc:postgresql://127.0.0.1:5432/postgres?                         | jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=ingest_ab12cd34
            jdbc:postgresql://db:5432/test?loggerLevel=OFF                     | jdbc:postgresql://db:5432/test?loggerLevel=OFF&currentSchema=ingest_ab12cd34
            jdbc:postgresql://db/test?ssl=false&                               | jdbc:postgresql://db/test?ssl=false&currentSchema=ingest_ab12cd34
            jdbc:postgresql://db/test?currentSchema=other&tcpKeepAlive=true    | jdbc:postgresql://db/test?tcpKeepAlive=true&currentSchema=ingest_ab12cd34
            jdbc:postgresql://db/test?a=1&currentSchema=other                  | jdbc:postgresql://db/test?a=1&currentSchema=ingest_ab12cd34
            jdbc:postgresql://db/test?currentSchemaX=1                         | jdbc:postgresql://db/test?currentSchemaX=1&currentSchema=ingest_ab12cd34
            """)
    void setsCurrentSchemaWhetherOrNotTheUrlHasAQueryString(String url, String expected) {
        assertThat(TestSchema.withCurrentSchema(url, "ingest_ab12cd34")).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ingest          | ingest_ab12cd34
            IngestIT        | ingestit_ab12cd34
            my-module.Test  | my_module_test_ab12cd34
            'Bins $ü'       | bins____ab12cd34
            42things        | t42things_ab12cd34
            ''              | test_ab12cd34
            """)
    void schemaNamesAreLowercaseSafeIdentifiers(String prefix, String expected) {
        assertThat(TestSchema.schemaName(prefix, "ab12cd34")).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ingest
            a-very-long-prefix-that-goes-on-and-on-and-on-well-past-sixty-three-characters
            """)
    void schemaNamesFitPostgresIdentifierLength(String prefix) {
        String name = TestSchema.schemaName(prefix, "ab12cd34");

        assertThat(name).hasSizeLessThanOrEqualTo(TestSchema.MAX_NAME_LENGTH).endsWith("_ab12cd34").matches("[a-z_][a-z0-9_]*");
    }
}
