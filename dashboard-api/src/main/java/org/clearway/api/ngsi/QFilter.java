package org.clearway.api.ngsi;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.clearway.api.http.ApiException;

/**
 * The NGSI-LD query language ({@code q}, ETSI GS CIM 009 clause 4.9) over a WasteContainer's flat attributes, as SQL
 * over the columns of {@link WasteContainerQueries#ENTITIES}. Terms are joined by {@code ;} (and) and {@code |} (or),
 * and takes precedence over or, and parentheses group (nested up to {@value #MAX_DEPTH} deep). A term is
 * {@code attribute} (it exists) or {@code attribute op value}, op one of {@code == != > >= < <=}. Numbers and times
 * (unquoted) compare with all six; text (a quoted JSON string, {@code "ok"}) with {@code ==} and {@code !=}. With
 * {@code ==} and {@code !=} the value may also be a list ({@code a==1,2}: equal to any; {@code !=}: to none) or, for
 * numbers and times, a range with both ends included ({@code a==1..5}; {@code !=}: outside it). An entity without the
 * attribute matches no comparison. Patterns ({@code ~=}), compound and dotted attribute paths are refused with 400.
 * Values are always bound, never written into the SQL.
 */
final class QFilter {
    enum Kind { NUMBER, TEXT, TIME }

    /** An attribute the query may name: its column and how its values compare. */
    record Attribute(String column, Kind kind) {
    }

    /** The attributes of a WasteContainer that q may name. */
    static final Map<String, Attribute> ATTRIBUTES = Map.ofEntries(
            Map.entry("fillingLevel", new Attribute("filling_level", Kind.NUMBER)),
            Map.entry("temperature", new Attribute("temp_c", Kind.NUMBER)),
            Map.entry("binCapacity", new Attribute("volume_l", Kind.NUMBER)),
            Map.entry("binFullnessThreshold", new Attribute("threshold_pct", Kind.NUMBER)),
            Map.entry("status", new Attribute("status", Kind.TEXT)),
            Map.entry("storedWasteKind", new Attribute("stored_waste_kind", Kind.TEXT)),
            Map.entry("binId", new Attribute("id", Kind.TEXT)),
            Map.entry("areaServed", new Attribute("zone_id", Kind.TEXT)),
            Map.entry("dateLastEmptying", new Attribute("last_emptying_at", Kind.TIME)),
            Map.entry("nextActuationDeadline", new Attribute("next_deadline_at", Kind.TIME)),
            Map.entry("dateServiceStarted", new Attribute("created_at", Kind.TIME)));

    static final int MAX_DEPTH = 8;
    static final int MAX_TERMS = 64;
    static final int MAX_LIST = 100;
    private static final String OPERATORS = "== != > >= < <=";

    private final String q;
    private final List<Object> args;
    private int pos;
    private int terms;

    private QFilter(String q, List<Object> args) {
        this.q = q;
        this.args = args;
    }

    /**
     * Appends the SQL conditions of {@code q} to {@code conditions} (one per top-level and-term), their values to
     * {@code args}; 400 when q is not in the language or names what cannot be queried.
     */
    static void parse(String q, List<String> conditions, List<Object> args) {
        if (q == null || q.isBlank()) {
            return;
        }
        QFilter parser = new QFilter(q, args);
        List<List<String>> or = parser.or(0);
        if (parser.pos < q.length()) {
            throw bad("q: unexpected '" + q.charAt(parser.pos) + "' at position " + parser.pos
                    + " (terms are joined by ';' or '|', grouped by balanced parentheses)");
        }
        if (or.size() == 1) {
            conditions.addAll(or.get(0));
        } else {
            conditions.add(orSql(or));
        }
    }

    /** An or of ands: {@code and (; and)*} joined by {@code |}. */
    private List<List<String>> or(int depth) {
        List<List<String>> any = new ArrayList<>();
        any.add(and(depth));
        while (peek() == '|') {
            pos++;
            any.add(and(depth));
        }
        return any;
    }

    private List<String> and(int depth) {
        List<String> all = new ArrayList<>();
        all.add(primary(depth));
        while (peek() == ';') {
            pos++;
            all.add(primary(depth));
        }
        return all;
    }

    private String primary(int depth) {
        skipSpaces();
        if (peek() != '(') {
            return term();
        }
        if (depth >= MAX_DEPTH) {
            throw bad("q: parentheses are nested " + MAX_DEPTH + " deep at most");
        }
        pos++;
        List<List<String>> inner = or(depth + 1);
        if (peek() != ')') {
            throw bad("q: a '(' at position " + pos + " is not closed");
        }
        pos++;
        skipSpaces();
        return inner.size() == 1 ? andSql(inner.get(0)) : orSql(inner);
    }

    private static String orSql(List<List<String>> any) {
        return "(" + String.join(" OR ", any.stream().map(QFilter::andSql).toList()) + ")";
    }

    private static String andSql(List<String> all) {
        return all.size() == 1 ? all.get(0) : "(" + String.join(" AND ", all) + ")";
    }

    private String term() {
        if (++terms > MAX_TERMS) {
            throw bad("q: " + MAX_TERMS + " terms at most");
        }
        int start = pos;
        while (pos < q.length() && (Character.isLetterOrDigit(q.charAt(pos)) || q.charAt(pos) == '_')) {
            pos++;
        }
        String name = q.substring(start, pos);
        if (name.isEmpty() || !Character.isLetter(name.charAt(0))) {
            throw bad("q: expected an attribute name at position " + start);
        }
        Attribute attribute = ATTRIBUTES.get(name);
        if (attribute == null) {
            if (pos < q.length() && (q.charAt(pos) == '.' || q.charAt(pos) == '[' || q.charAt(pos) == '{')) {
                throw bad("q: attribute paths (" + name + q.charAt(pos) + "...) are not supported");
            }
            throw bad("q: " + name + " is not an attribute of WasteContainer that can be queried; known: "
                    + String.join(", ", new TreeSet<>(ATTRIBUTES.keySet())));
        }
        skipSpaces();
        if (pos == q.length() || ";|)".indexOf(q.charAt(pos)) >= 0) {
            return attribute.column() + " IS NOT NULL";
        }
        String op = operator();
        return QTerm.sql(attribute, op, value(), args);
    }

    private String operator() {
        for (String op : new String[] {"==", "!=", ">=", "<=", ">", "<"}) {
            if (q.startsWith(op, pos)) {
                pos += op.length();
                return op;
            }
        }
        if (q.startsWith("~=", pos) || q.startsWith("!~=", pos)) {
            throw bad("q: patterns (~= and !~=) are not supported");
        }
        throw bad("q: expected one of " + OPERATORS + " at position " + pos);
    }

    /** The raw value: up to the next ';', '|' or ')' outside a quoted string. */
    private String value() {
        int start = pos;
        boolean quoted = false;
        while (pos < q.length()) {
            char c = q.charAt(pos);
            if (quoted && c == '\\') {
                pos += 2;
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && ";|)".indexOf(c) >= 0) {
                break;
            }
            pos++;
        }
        if (quoted) {
            throw bad("q: a quoted value is not closed");
        }
        String value = q.substring(start, Math.min(pos, q.length())).trim();
        if (value.isEmpty()) {
            throw bad("q: a value is missing at position " + start);
        }
        return value;
    }

    private char peek() {
        skipSpaces();
        return pos < q.length() ? q.charAt(pos) : 0;
    }

    private void skipSpaces() {
        while (pos < q.length() && q.charAt(pos) == ' ') {
            pos++;
        }
    }

    /** One comparable value of the attribute's kind, bound as its SQL type. */
    static Object comparable(Attribute attribute, String value) {
        return switch (attribute.kind()) {
            case NUMBER -> number(value).doubleValue();
            case TIME -> time(value);
            case TEXT -> text(value);
        };
    }

    private static BigDecimal number(String value) {
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw bad("q: '" + value + "' is not a number");
        }
    }

    private static Instant time(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            throw bad("q: '" + value + "' is not a date-time such as 2026-12-01T00:00:00Z");
        }
    }

    private static String text(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            try {
                if (Json.decodeValue(value) instanceof String s) {
                    return s;
                }
            } catch (DecodeException e) {
                // answered below
            }
        }
        throw bad("q: a text value is quoted, such as status==\"ok\" or status==\"ok\",\"lidOpen\"");
    }

    static ApiException bad(String message) {
        return ApiException.badRequest("bad_request_data", message);
    }
}
