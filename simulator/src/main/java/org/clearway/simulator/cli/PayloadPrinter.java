package org.clearway.simulator.cli;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.clearway.simulator.Publication;

/** Writes publications as text lines (for {@code --print}): kind, expected rejections, topic, payload. */
final class PayloadPrinter {
    private final PrintStream out;

    PayloadPrinter(PrintStream out) {
        this.out = out;
    }

    void print(Publication p) {
        String rejections = p.expectation().rejections().isEmpty() ? "-" : p.expectation().rejections().stream()
                .map(r -> r.reason().code() + (r.itemIndex() < 0 ? "" : "@" + r.itemIndex()))
                .collect(Collectors.joining(","));
        out.println(p.expectation().kind() + (p.expectation().duplicate() ? "(dup)" : "") + "\t" + rejections + "\t"
                + p.topic() + "\t" + text(p.payload()));
    }

    /** The payload on one line: control characters and bytes that are not UTF-8 escaped. */
    static String text(byte[] payload) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
            return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
        } catch (CharacterCodingException e) {
            StringBuilder b = new StringBuilder(payload.length);
            for (byte x : payload) {
                if (x >= 0x20 && x < 0x7F && x != '\\') {
                    b.append((char) x);
                } else {
                    b.append(String.format("\\x%02X", x & 0xFF));
                }
            }
            return b.toString();
        }
    }
}
