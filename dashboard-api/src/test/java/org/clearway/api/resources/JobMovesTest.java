package org.clearway.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The API moves jobs by core's lifecycle table, which is the table of docs/decisions.md "Jobs". */
class JobMovesTest {
    private static final Pattern ROW = Pattern.compile("^\\| ([A-Z, ]+) \\| (.+) \\|$");

    @Test
    void theTableIsTheDocumentedOne() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "decisions.md"));
        String section = doc.substring(doc.indexOf("## Jobs"), doc.indexOf("### Pickup verification"));
        Map<String, List<String>> documented = new HashMap<>();
        for (String line : section.split("\n")) {
            Matcher m = ROW.matcher(line.strip());
            if (!m.matches()) {
                continue;
            }
            List<String> to = m.group(2).startsWith("(final)") ? List.of()
                    : Arrays.stream(m.group(2).split(",")).map(s -> s.strip().split(" ")[0].toLowerCase(Locale.ROOT)).toList();
            for (String from : m.group(1).split(",")) {
                documented.put(from.strip().toLowerCase(Locale.ROOT), to);
            }
        }
        assertThat(documented).hasSize(10);
        for (var e : documented.entrySet()) {
            assertThat(JobMoves.next(e.getKey())).as(e.getKey()).containsExactlyInAnyOrderElementsOf(e.getValue());
        }
    }

    @Test
    void theApisMovesAreAllowedOnes() {
        for (String from : JobMoves.CANCELLABLE) {
            assertThat(JobMoves.allowed(from, "cancelled")).as(from).isTrue();
        }
        assertThat(JobMoves.CANCELLABLE).containsExactlyInAnyOrder("open", "planned", "dispatched", "accepted");
        assertThat(JobMoves.REASSIGNABLE).containsExactlyInAnyOrder("open", "planned", "dispatched");
        for (String from : JobMoves.REASSIGNABLE) {
            assertThat(from.equals("open") || JobMoves.allowed(from, "open")).as(from).isTrue();
        }
        assertThat(JobMoves.illegal(5, "arrived", "cancelled").getMessage())
                .isEqualTo("job 5 is arrived and cannot be cancelled; from arrived it may move to [collected, skipped, failed]");
        assertThat(JobMoves.illegal(5, "verified", "cancelled").getMessage()).endsWith("it is final");
    }
}
