package org.clearway.api.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
    @Test
    void quotesOnlyWhatNeedsItAndEndsLinesWithCrLf() {
        String csv = new Csv().line(List.of("a", "b,c", "say \"hi\"", "two\nlines", "")).line(List.of("1")).toString();
        assertThat(csv).isEqualTo("a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n1\r\n");
    }

    @Test
    void textThatASpreadsheetWouldRunIsDefused() {
        for (String formula : Arrays.asList("=1+1", "+1", "-1", "@SUM(A1)", "\tx")) {
            assertThat(Csv.text(formula)).isEqualTo("'" + formula);
        }
        assertThat(Csv.text("Community 1")).isEqualTo("Community 1");
        assertThat(Csv.text(null)).isEmpty();
    }
}
