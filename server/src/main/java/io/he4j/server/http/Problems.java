package io.he4j.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.he4j.ckks.InvalidParametersException;
import io.he4j.ckks.MalformedInputException;
import io.he4j.server.db.DatabaseException;
import io.he4j.server.db.KeySetStore;
import io.he4j.server.model.QueryRejection;

import java.nio.charset.StandardCharsets;

/**
 * Every error the API answers, as RFC 9457 problem+json with a stable {@code code} member (listed in
 * docs/server.md; clients switch on it, never on the detail text), and the one mapping from internal
 * exceptions to problems.
 */
public final class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger(Problems.class.getName());

    private Problems() {
    }

    public static ApiException unauthorized() {
        return new ApiException(401, "unauthorized", "Unauthorized",
                "a valid API token is required: Authorization: Bearer <token>");
    }

    public static ApiException forbidden(String what) {
        return new ApiException(403, "forbidden", "Forbidden", what + " needs the admin role");
    }

    public static ApiException modelNotFound(String id) {
        return new ApiException(404, "model-not-found", "Unknown model", "no model '" + id + "' is deployed");
    }

    public static ApiException modelVersionNotFound(String id, String version) {
        String v = version.length() > 40 ? version.substring(0, 40) + "..." : version;
        return new ApiException(404, "model-version-not-found", "Unknown model version", "model '" + id
                + "' has no version '" + v + "' deployed (the live one and the one it replaced are); fetch the "
                + "manifest again");
    }

    public static ApiException keySetNotFound(String id) {
        return new ApiException(404, "key-set-not-found", "Unknown key set", "no key set '" + id + "'");
    }

    public static ApiException disabled(String what) {
        return new ApiException(404, "endpoint-disabled", "Endpoint disabled", what
                + " is disabled on this server (configuration: predict-plain.enabled)");
    }

    public static ApiException bodyTooLarge(String code, long cap) {
        return new ApiException(413, code, "Request body too large", "the body exceeds the limit of " + cap
                + " bytes");
    }

    public static ApiException badJson(String detail) {
        return new ApiException(400, "bad-json", "Malformed JSON", detail);
    }

    public static ApiException unsupportedMediaType(String expected) {
        return new ApiException(415, "unsupported-media-type", "Unsupported media type",
                "the body must be " + expected);
    }

    public static ApiException malformedKeySet(String loaderMessage) {
        return new ApiException(400, "malformed-key-set", "Malformed key set", loaderMessage);
    }

    public static ApiException rateLimited(long retryAfter) {
        return new ApiException(429, "rate-limited", "Too many requests",
                "the tenant's request rate limit is exhausted; retry later", retryAfter);
    }

    public static ApiException tooManyInFlight() {
        return new ApiException(429, "too-many-concurrent-requests", "Too many concurrent requests",
                "the tenant has too many requests in flight; retry when one finishes", 1);
    }

    /** The problem for any exception a handler threw: a refusal of input or a server fault. */
    public static ApiException from(Throwable e, String route) {
        return switch (e) {
            case ApiException a -> a;
            case QueryRejection q -> fromRejection(q);
            case KeySetStore.QuotaExceededException q ->
                    new ApiException(429, "key-set-quota-exceeded", "Key-set quota exceeded", q.getMessage());
            case MalformedInputException m -> malformedKeySet(m.getMessage());
            case InvalidParametersException p ->
                    new ApiException(422, "wrong-parameters", "Wrong parameters", p.getMessage());
            case DatabaseException d -> {
                LOG.log(System.Logger.Level.ERROR, "database unavailable on " + route + ": " + d.getMessage());
                yield new ApiException(503, "unavailable", "Service unavailable",
                        "the database is not available; retry later", 5);
            }
            default -> {
                LOG.log(System.Logger.Level.ERROR, "internal error on " + route + ": " + e.getClass().getName()
                        + ": " + e.getMessage(), e);
                yield new ApiException(500, "internal", "Internal server error",
                        "the server failed; the error was logged");
            }
        };
    }

    /** The one place where a model's reasons for refusing a query become statuses and codes. */
    static ApiException fromRejection(QueryRejection q) {
        return switch (q.reason()) {
            case MALFORMED -> new ApiException(400, "malformed-query", "Malformed query", q.getMessage());
            case WRONG_SHAPE -> new ApiException(400, "wrong-shape", "Wrong query shape", q.getMessage());
            case WRONG_PARAMETERS -> new ApiException(422, "wrong-parameters", "Wrong parameters", q.getMessage());
            case WRONG_LEVEL -> new ApiException(422, "wrong-level", "Wrong level", q.getMessage());
            case KEY_SET_REQUIRED -> new ApiException(422, "key-set-required", "Key set required", q.getMessage());
            case NO_STATISTICAL_PRIVACY -> new ApiException(409, "no-statistical-privacy",
                    "Form not served with model privacy", q.getMessage());
        };
    }

    /** The problem document's bytes. */
    static byte[] json(ApiException p, String instance) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", "urn:he4j:problem:" + p.code());
        o.put("title", p.title());
        o.put("status", p.status());
        o.put("detail", p.detail());
        o.put("instance", instance);
        o.put("code", p.code());
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }
}
