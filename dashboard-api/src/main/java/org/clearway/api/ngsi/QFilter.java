package org.clearway.api.ngsi;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clearway.api.http.ApiException;

/**
 * The part of the NGSI-LD query language ({@code q}) we answer, as SQL over the columns of
 * {@link WasteContainerQueries#ENTITIES}: terms joined by {@code ;} (and), each {@code attribute} (it exists) or
 * {@code attribute op value} with op one of {@code == != > >= < <=}. Numbers and times (unquoted) compare with all six;
 * text (quoted, {@code "ok"}) with {@code ==} and {@code !=}, and {@code ==} takes a list ({@code "a","b"}). Or
 * ({@code |}), parentheses, ranges ({@code ..}), patterns and compound attributes are refused with 400.
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

    private static final Pattern TERM = Pattern.compile("^([A-Za-z][A-Za-z0-9_]*)(?:(==|!=|>=|<=|>|<)(.+))?$");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    private QFilter() {
    }

    /** Appends the SQL conditions of {@code q} to {@code conditions}, their values to {@code args}. */
    static void parse(String q, List<String> conditions, List<Object> args) {
        if (q == null || q.isBlank()) {
            return;
        }
        if (q.contains("|") || q.contains("(") || q.contains(")")) {
            throw bad("q: only terms joined by ';' (and) are supported, without '|' or parentheses");
        }
        for (String term : q.split(";", -1)) {
            term(term.trim(), conditions, args);
        }
    }

    private static void term(String term, List<String> conditions, List<Object> args) {
        Matcher m = TERM.matcher(term);
        if (!m.matches()) {
            throw bad("q: '" + term + "' is not attribute, or attribute op value with op one of == != > >= < <=");
        }
        Attribute attribute = ATTRIBUTES.get(m.group(1));
        if (attribute == null) {
            throw bad("q: " + m.group(1) + " is not an attribute of WasteContainer that can be queried; known: "
                    + String.join(", ", new java.util.TreeSet<>(ATTRIBUTES.keySet())));
        }
        String op = m.group(2);
        if (op == null) {
            conditions.add(attribute.column() + " IS NOT NULL");
            return;
        }
        String value = m.group(3).trim();
        if (value.contains("..")) {
            throw bad("q: ranges (a..b) are not supported; use two terms");
        }
        String sqlOp = op.equals("==") ? "=" : op.equals("!=") ? "<>" : op;
        switch (attribute.kind()) {
            case NUMBER -> {
                conditions.add(attribute.column() + " " + sqlOp + " ?::double precision");
                args.add(number(value).doubleValue());
            }
            case TIME -> {
                conditions.add(attribute.column() + " " + sqlOp + " ?");
                args.add(time(value));
            }
            case TEXT -> text(attribute, op, value, conditions, args);
        }
    }

    private static void text(Attribute attribute, String op, String value, List<String> conditions, List<Object> args) {
        if (!op.equals("==") && !op.equals("!=")) {
            throw bad("q: text attributes compare with == and != only");
        }
        List<String> values = new ArrayList<>();
        Matcher quoted = QUOTED.matcher(value);
        int end = 0;
        while (quoted.find() && (quoted.start() == end || value.substring(end, quoted.start()).equals(","))) {
            values.add(quoted.group(1));
            end = quoted.end();
        }
        if (values.isEmpty() || end != value.length()) {
            throw bad("q: a text value is quoted, such as status==\"ok\" or status==\"ok\",\"lidOpen\"");
        }
        String any = attribute.column() + " = ANY(string_to_array(?::text, chr(31)))";
        conditions.add(op.equals("==") ? any : "NOT (" + any + ")");
        args.add(String.join("\u001f", values));
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

    static ApiException bad(String message) {
        return ApiException.badRequest("bad_request_data", message);
    }
}
