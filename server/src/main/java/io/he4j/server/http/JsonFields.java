package io.he4j.server.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Base64;

/**
 * Typed fields of a JSON request body, each refused with 400 {@code bad-parameter} naming the field when it is
 * missing or of the wrong type: the one definition the routes that take JSON bodies share.
 */
public final class JsonFields {
    private JsonFields() {
    }

    public static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || !n.isTextual()) {
            throw bad(field + " (string) is required");
        }
        return n.asText();
    }

    /** The string, or null when the field is absent or null. */
    public static String optionalText(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw bad(field + " must be a string");
        }
        return n.asText();
    }

    public static int integer(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || !n.canConvertToInt() || !n.isIntegralNumber()) {
            throw bad(field + " (integer) is required");
        }
        return n.asInt();
    }

    public static double number(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || !n.isNumber()) {
            throw bad(field + " (number) is required");
        }
        return n.asDouble();
    }

    /** The boolean, false when the field is absent or null. */
    public static boolean bool(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return false;
        }
        if (!n.isBoolean()) {
            throw bad(field + " must be true or false");
        }
        return n.asBoolean();
    }

    /** A base64 string's bytes ({@code node} is the field's value, possibly null). */
    public static byte[] base64(JsonNode node, String field) {
        if (node == null || !node.isTextual()) {
            throw bad(field + " (base64 string) is required");
        }
        try {
            return Base64.getDecoder().decode(node.asText());
        } catch (IllegalArgumentException e) {
            throw bad(field + " must be base64");
        }
    }

    public static ApiException bad(String detail) {
        return new ApiException(400, "bad-parameter", "Bad parameter", detail);
    }
}
