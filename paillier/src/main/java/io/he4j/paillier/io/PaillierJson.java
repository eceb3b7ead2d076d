package io.he4j.paillier.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.he4j.ml.model.OutputLink;
import io.he4j.paillier.EncryptedNumber;
import io.he4j.paillier.KeyMismatchException;
import io.he4j.paillier.MalformedInputException;
import io.he4j.paillier.PaillierPrivateKey;
import io.he4j.paillier.PaillierPublicKey;
import io.he4j.paillier.ml.EncryptedAnswer;
import io.he4j.paillier.ml.EncryptedData;
import io.he4j.paillier.ml.EncryptedRow;
import io.he4j.paillier.ml.ModelOutput;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The JSON interchange, specified field by field in docs/paillier.md. Integers travel as decimal strings (as
 * in python-paillier's examples); a ciphertext is {@code ["<c decimal>", <exponent>]} with plaintext value
 * mantissa * 2^exponent (exponent = -fraction bits). Numbers that are not fresh are re-randomized when
 * written (unless {@code rerandomize} is false, for tests and for data that never leaves the process).
 * Every read validates the format name and version, each integer's syntax and range, each ciphertext against
 * the document's public key, and the key against an expected one when given.
 */
public final class PaillierJson {
    public static final int VERSION = 1;
    public static final String PUBLIC_KEY = "he4j-paillier-public-key";
    public static final String PRIVATE_KEY = "he4j-paillier-private-key";
    public static final String DATA = "he4j-paillier-data";
    public static final String ANSWER = "he4j-paillier-answer";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,2500}");
    /** Exponents allowed in documents: -(fraction bits) in -4096..0. */
    private static final int MIN_EXPONENT = -4096;

    private PaillierJson() {
    }

    // ---- public key ---------------------------------------------------------------------------------------

    public static String publicKey(PaillierPublicKey key) {
        ObjectNode root = header(PUBLIC_KEY);
        putKey(root, key);
        return write(root);
    }

    public static PaillierPublicKey readPublicKey(String json, String source) {
        JsonNode root = parse(json, source, PUBLIC_KEY);
        return keyFields(root, source);
    }

    private static void putKey(ObjectNode o, PaillierPublicKey key) {
        o.put("n", key.n().toString());
        o.put("g", key.g().toString());
    }

    private static PaillierPublicKey keyFields(JsonNode o, String where) {
        PaillierPublicKey key = PaillierPublicKey.of(integer(o, "n", where));
        if (o.has("g") && !integer(o, "g", where).equals(key.g())) {
            throw new MalformedInputException(where + ": g must be n + 1");
        }
        return key;
    }

    // ---- private key (only ever stored encrypted by KeyFiles) ---------------------------------------------

    /** The private key as JSON: {format, format_version, n, p, q}. Contains secrets: encrypt before storing. */
    public static byte[] privateKey(PaillierPrivateKey key) {
        ObjectNode root = header(PRIVATE_KEY);
        BigInteger[] pq = key.primes();
        root.put("n", key.publicKey().n().toString());
        root.put("p", pq[0].toString());
        root.put("q", pq[1].toString());
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new MalformedInputException("cannot serialize the private key", e);
        }
    }

    public static PaillierPrivateKey readPrivateKey(byte[] json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new MalformedInputException(source + " is not valid JSON"); // no excerpt: it holds secrets
        }
        check(root, source, PRIVATE_KEY);
        PaillierPrivateKey k = PaillierPrivateKey.fromPrimes(integer(root, "p", source), integer(root, "q", source));
        if (!k.publicKey().n().equals(integer(root, "n", source))) {
            k.close();
            throw new MalformedInputException(source + ": n is not p * q");
        }
        return k;
    }

    // ---- data.json and answer.json -------------------------------------------------------------------------

    public static String data(EncryptedData d, boolean rerandomize) {
        ObjectNode root = header(DATA);
        putKey(root.putObject("public_key"), d.publicKey());
        encoding(root);
        d.featureNames().forEach(root.putArray("feature_names")::add);
        ArrayNode rows = root.putArray("rows");
        for (EncryptedRow r : d.rows()) {
            ArrayNode a = rows.addArray();
            for (Optional<EncryptedNumber> v : r.values()) {
                if (v.isPresent()) {
                    putCiphertext(a, d.publicKey(), v.get(), rerandomize);
                } else {
                    a.addNull();
                }
            }
        }
        return write(root);
    }

    public static EncryptedData readData(String json, String source) {
        JsonNode root = parse(json, source, DATA);
        PaillierPublicKey key = keyFields(field(root, "public_key", source), source + ": public_key");
        List<String> names = strings(field(root, "feature_names", source), source + ": feature_names");
        JsonNode rows = array(root, "rows", source);
        List<EncryptedRow> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            String where = source + ": rows[" + i + "]";
            JsonNode r = rows.get(i);
            if (!r.isArray() || r.size() != names.size()) {
                throw new MalformedInputException(where + " must be an array of " + names.size()
                        + " ciphertexts (null for a missing value)");
            }
            List<Optional<EncryptedNumber>> vals = new ArrayList<>(r.size());
            for (int j = 0; j < r.size(); j++) {
                vals.add(r.get(j).isNull() ? Optional.empty()
                        : Optional.of(ciphertext(r.get(j), key, where + "[" + j + "]")));
            }
            out.add(new EncryptedRow(vals));
        }
        return new EncryptedData(key, names, out);
    }

    public static String answer(EncryptedAnswer a, boolean rerandomize) {
        ObjectNode root = header(ANSWER);
        putKey(root.putObject("public_key"), a.publicKey());
        encoding(root);
        ObjectNode m = root.putObject("model");
        m.put("model_type", a.output().modelType());
        m.put("output", a.output().link().name().toLowerCase());
        a.output().classNames().forEach(m.putArray("class_names")::add);
        ArrayNode rows = root.putArray("rows");
        List<EncryptedNumber> all = a.scores().stream().flatMap(List::stream).toList();
        all.forEach(e -> requireKey(e, a.publicKey()));
        // One batch of randomizers for the whole answer (the multi-buffer kernel's lanes fill up).
        var it = (rerandomize ? EncryptedNumber.fresherAll(all) : all).iterator();
        for (List<EncryptedNumber> r : a.scores()) {
            ArrayNode arr = rows.addArray();
            for (int o = 0; o < r.size(); o++) {
                putCiphertext(arr, a.publicKey(), it.next(), false);
            }
        }
        return write(root);
    }

    /** Reads an answer and checks that it is encrypted under {@code expected}. */
    public static EncryptedAnswer readAnswer(String json, String source, PaillierPublicKey expected) {
        JsonNode root = parse(json, source, ANSWER);
        PaillierPublicKey key = keyFields(field(root, "public_key", source), source + ": public_key");
        if (!key.equals(expected)) {
            throw new KeyMismatchException(source + " is encrypted under public key " + key.id()
                    + ", not under this key " + expected.id());
        }
        JsonNode m = field(root, "model", source);
        OutputLink link;
        try {
            link = OutputLink.valueOf(text(m, "output", source + ": model").toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new MalformedInputException(source + ": model.output must be sigmoid, softmax or identity");
        }
        ModelOutput out = new ModelOutput(text(m, "model_type", source + ": model"), link,
                strings(field(m, "class_names", source + ": model"), source + ": model.class_names"));
        JsonNode rows = array(root, "rows", source);
        List<List<EncryptedNumber>> scores = new ArrayList<>(rows.size());
        int width = -1;
        for (int i = 0; i < rows.size(); i++) {
            String where = source + ": rows[" + i + "]";
            JsonNode r = rows.get(i);
            if (!r.isArray() || r.isEmpty() || (width >= 0 && r.size() != width)) {
                throw new MalformedInputException(where + " must be a non-empty array of ciphertexts, the same "
                        + "length in every row");
            }
            width = r.size();
            List<EncryptedNumber> row = new ArrayList<>(r.size());
            for (int j = 0; j < r.size(); j++) {
                row.add(ciphertext(r.get(j), key, where + "[" + j + "]"));
            }
            scores.add(row);
        }
        int expectedWidth = link == OutputLink.SOFTMAX ? out.classNames().size() : 1;
        if (width >= 0 && width != expectedWidth) {
            throw new MalformedInputException(source + ": a " + link.name().toLowerCase() + " model gives "
                    + expectedWidth + " scores per row, the answer has " + width);
        }
        return new EncryptedAnswer(key, out, scores);
    }

    // ---- pieces --------------------------------------------------------------------------------------------

    private static void requireKey(EncryptedNumber e, PaillierPublicKey key) {
        if (!e.publicKey().equals(key)) {
            throw new KeyMismatchException("a ciphertext under key " + e.publicKey().id()
                    + " cannot go into a document of key " + key.id());
        }
    }

    private static void putCiphertext(ArrayNode a, PaillierPublicKey key, EncryptedNumber e, boolean rerandomize) {
        requireKey(e, key);
        EncryptedNumber out = rerandomize ? e.fresher() : e;
        ArrayNode c = a.addArray();
        c.add(out.ciphertext().toString());
        c.add(-out.fractionBits());
    }

    private static EncryptedNumber ciphertext(JsonNode n, PaillierPublicKey key, String where) {
        if (!n.isArray() || n.size() != 2 || !n.get(0).isTextual() || !n.get(1).isIntegralNumber()) {
            throw new MalformedInputException(where + ": a ciphertext must be [\"<decimal>\", <exponent>]");
        }
        BigInteger c = decimal(n.get(0).asText(), where);
        long exponent = n.get(1).asLong();
        if (exponent > 0 || exponent < MIN_EXPONENT) {
            throw new MalformedInputException(where + ": exponent must be in " + MIN_EXPONENT + "..0, got " + exponent);
        }
        try {
            return EncryptedNumber.of(key, c, (int) -exponent);
        } catch (MalformedInputException e) {
            throw new MalformedInputException(where + ": " + e.getMessage());
        }
    }

    private static void encoding(ObjectNode root) {
        ObjectNode e = root.putObject("encoding");
        e.put("scheme", "fixed-point");
        e.put("base", 2);
    }

    private static ObjectNode header(String format) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", format);
        root.put("format_version", VERSION);
        return root;
    }

    private static JsonNode parse(String json, String source, String format) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedInputException(source + " is not valid JSON: " + e.getOriginalMessage());
        }
        check(root, source, format);
        return root;
    }

    private static void check(JsonNode root, String source, String format) {
        if (root == null || !root.isObject()) {
            throw new MalformedInputException(source + ": expected a JSON object");
        }
        String f = text(root, "format", source);
        if (!format.equals(f)) {
            throw new MalformedInputException(source + ": format '" + f + "', expected '" + format + "'");
        }
        JsonNode v = field(root, "format_version", source);
        if (!v.isInt() || v.asInt() != VERSION) {
            throw new MalformedInputException(source + ": format_version " + v + " is not supported (this he4j "
                    + "reads " + VERSION + ")");
        }
        if (root.has("encoding")) {
            JsonNode e = root.get("encoding");
            if (!"fixed-point".equals(e.path("scheme").asText()) || e.path("base").asInt() != 2) {
                throw new MalformedInputException(source + ": encoding must be {\"scheme\": \"fixed-point\", "
                        + "\"base\": 2}");
            }
        }
    }

    private static JsonNode field(JsonNode n, String name, String where) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            throw new MalformedInputException(where + ": missing field '" + name + "'");
        }
        return v;
    }

    private static JsonNode array(JsonNode n, String name, String where) {
        JsonNode v = field(n, name, where);
        if (!v.isArray()) {
            throw new MalformedInputException(where + ": '" + name + "' must be an array");
        }
        return v;
    }

    private static String text(JsonNode n, String name, String where) {
        JsonNode v = field(n, name, where);
        if (!v.isTextual()) {
            throw new MalformedInputException(where + ": '" + name + "' must be a string");
        }
        return v.asText();
    }

    private static BigInteger integer(JsonNode n, String name, String where) {
        return decimal(text(n, name, where), where + "." + name);
    }

    private static BigInteger decimal(String s, String where) {
        if (!DECIMAL.matcher(s).matches()) {
            throw new MalformedInputException(where + ": expected a non-negative decimal integer of at most 2500 "
                    + "digits");
        }
        return new BigInteger(s);
    }

    private static List<String> strings(JsonNode n, String where) {
        if (!n.isArray()) {
            throw new MalformedInputException(where + " must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode s : n) {
            if (!s.isTextual()) {
                throw new MalformedInputException(where + " must be an array of strings");
            }
            out.add(s.asText());
        }
        return out;
    }

    private static String write(ObjectNode root) {
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new MalformedInputException("cannot serialize: " + e.getMessage(), e);
        }
    }
}
