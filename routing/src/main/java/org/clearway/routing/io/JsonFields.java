package org.clearway.routing.io;

import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/** Typed access to JSON fields with error messages that name the field's path. */
final class JsonFields {

    private JsonFields() {
    }

    static JsonNode required(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new ProblemFormatException(path + "." + field + " is missing: see docs/routing.md for the problem format");
        }
        return value;
    }

    static String text(JsonNode node, String field, String path) {
        JsonNode value = required(node, field, path);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new ProblemFormatException(path + "." + field + " must be a non-empty string, got " + value);
        }
        return value.asText();
    }

    static String optionalText(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : value.asText();
    }

    static long longValue(JsonNode node, String field, String path) {
        JsonNode value = required(node, field, path);
        if (!value.isIntegralNumber() && !(value.isNumber() && value.asDouble() == Math.rint(value.asDouble()))) {
            throw new ProblemFormatException(path + "." + field + " must be a whole number, got " + value);
        }
        return value.asLong();
    }

    static long optionalLong(JsonNode node, String field, String path, long fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : longValue(node, field, path);
    }

    static double number(JsonNode node, String field, String path) {
        JsonNode value = required(node, field, path);
        if (!value.isNumber()) {
            throw new ProblemFormatException(path + "." + field + " must be a number, got " + value);
        }
        return value.asDouble();
    }

    static double optionalNumber(JsonNode node, String field, String path, double fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : number(node, field, path);
    }

    static boolean optionalBoolean(JsonNode node, String field, boolean fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : value.asBoolean();
    }

    static Set<String> stringSet(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        Set<String> out = new LinkedHashSet<>();
        if (value == null || value.isNull()) {
            return out;
        }
        if (!value.isArray()) {
            throw new ProblemFormatException(path + "." + field + " must be an array of strings, got " + value);
        }
        value.forEach(item -> out.add(item.asText()));
        return out;
    }

    static JsonNode array(JsonNode node, String field, String path, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new ProblemFormatException(path + "." + field + " is missing: it must be an array");
            }
            return null;
        }
        if (!value.isArray()) {
            throw new ProblemFormatException(path + "." + field + " must be an array, got " + value.getNodeType());
        }
        return value;
    }

    static double[][] matrix(JsonNode node, String path) {
        double[][] out = new double[node.size()][];
        for (int i = 0; i < node.size(); i++) {
            JsonNode row = node.get(i);
            if (!row.isArray() || row.size() != node.size()) {
                throw new ProblemFormatException(path + "[" + i + "] must be an array of " + node.size() + " numbers (a square matrix)");
            }
            out[i] = new double[row.size()];
            for (int j = 0; j < row.size(); j++) {
                out[i][j] = row.get(j).asDouble();
            }
        }
        return out;
    }
}
