package org.clearway.api.ngsi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One comparison of the query language ({@link QFilter}) as SQL: a single value with any operator, or with {@code ==}
 * and {@code !=} a list of values ({@code 1,2}: any of them; {@code !=}: none) or a range ({@code 1..5}, both ends
 * included; {@code !=}: outside it). Commas and {@code ..} inside a quoted string are the string's.
 */
final class QTerm {
    private QTerm() {
    }

    /** The SQL condition of {@code attribute op value}; the values are appended to {@code args}. */
    static String sql(QFilter.Attribute attribute, String op, String value, List<Object> args) {
        String column = attribute.column();
        String cast = attribute.kind() == QFilter.Kind.NUMBER ? "?::double precision" : "?";
        List<String> items = split(value, ",");
        List<String> range = items.size() == 1 ? split(value, "..") : List.of(value);
        boolean equality = op.equals("==") || op.equals("!=");
        if (items.size() > 1 || range.size() > 1) {
            if (!equality) {
                throw QFilter.bad("q: lists (a==1,2) and ranges (a==1..5) go with == and != only");
            }
        } else if (attribute.kind() == QFilter.Kind.TEXT && !equality) {
            throw QFilter.bad("q: text attributes compare with == and != only");
        }
        String negate = op.equals("!=") ? "NOT " : "";
        if (range.size() > 1) {
            if (range.size() != 2 || attribute.kind() == QFilter.Kind.TEXT) {
                throw QFilter.bad("q: a range is min..max of numbers or times, such as fillingLevel==0.5..0.8");
            }
            args.add(QFilter.comparable(attribute, range.get(0).trim()));
            args.add(QFilter.comparable(attribute, range.get(1).trim()));
            return negate + "(" + column + " BETWEEN " + cast + " AND " + cast + ")";
        }
        if (items.size() > QFilter.MAX_LIST) {
            throw QFilter.bad("q: a list holds " + QFilter.MAX_LIST + " values at most");
        }
        for (String item : items) {
            if (split(item, "..").size() > 1) {
                throw QFilter.bad("q: a list holds single values, not ranges");
            }
            args.add(QFilter.comparable(attribute, item.trim()));
        }
        if (items.size() > 1) {
            return negate + "(" + column + " IN (" + String.join(", ", Collections.nCopies(items.size(), cast)) + "))";
        }
        return column + " " + (op.equals("==") ? "=" : op.equals("!=") ? "<>" : op) + " " + cast;
    }

    /** The parts of {@code value} between separators outside quoted strings (a backslash escapes in a string). */
    static List<String> split(String value, String separator) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && value.startsWith(separator, i)) {
                parts.add(value.substring(start, i));
                i += separator.length() - 1;
                start = i + 1;
            }
        }
        parts.add(value.substring(start));
        return parts;
    }
}
