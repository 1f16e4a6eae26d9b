package org.clearway.api.assessment;

import java.util.List;

/**
 * RFC 4180 CSV: fields separated by commas, lines ended by CRLF, a field with a comma, a quote, CR
 * or LF quoted with its quotes doubled. Text that a spreadsheet would run as a formula (starting
 * with {@code = + - @}, tab or CR) is written with a leading apostrophe, as OWASP advises.
 */
public final class Csv {
    private final StringBuilder out = new StringBuilder();

    /** Adds one line of fields, given already formatted. */
    public Csv line(List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(fields.get(i)));
        }
        out.append("\r\n");
        return this;
    }

    /** Any text cell (names, ids): defused against formula injection, then quoted as needed. */
    public static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }

    static String quote(String field) {
        if (field == null) {
            return "";
        }
        if (field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\r') >= 0 || field.indexOf('\n') >= 0) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
