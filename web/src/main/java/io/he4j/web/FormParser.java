package io.he4j.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the two form encodings browsers send: {@code application/x-www-form-urlencoded} and
 * {@code multipart/form-data} (RFC 7578; only what browsers produce: one level, CRLF line ends).
 * Anything malformed is a {@link BadFormException}; the caller answers 400.
 */
public final class FormParser {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=(?:\"([^\"]{1,70})\"|([^;\\s]{1,70}))");
    private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("\\bfilename=\"([^\"]*)\"");
    private static final int MAX_FIELDS = 1000;

    /** A form that cannot be read. */
    public static final class BadFormException extends RuntimeException {
        public BadFormException(String message) {
            super(message);
        }
    }

    private FormParser() {
    }

    /** Parses {@code body} according to its content type (an empty form for anything else). */
    public static Form parse(String contentType, byte[] body) {
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (ct.startsWith("application/x-www-form-urlencoded")) {
            return new Form(urlEncoded(new String(body, StandardCharsets.UTF_8)), Map.of());
        }
        if (ct.startsWith("multipart/form-data")) {
            Matcher m = BOUNDARY.matcher(contentType);
            if (!m.find()) {
                throw new BadFormException("multipart/form-data without a boundary");
            }
            return multipart(body, m.group(1) != null ? m.group(1) : m.group(2));
        }
        return Form.EMPTY;
    }

    static Map<String, String> urlEncoded(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        if (s.isEmpty()) {
            return out;
        }
        for (String pair : s.split("&")) {
            if (out.size() >= MAX_FIELDS) {
                throw new BadFormException("more than " + MAX_FIELDS + " form fields");
            }
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(k, v);
            } catch (IllegalArgumentException e) {
                throw new BadFormException("malformed form encoding: " + e.getMessage());
            }
        }
        return out;
    }

    static Form multipart(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, Form.Upload> files = new LinkedHashMap<>();
        int pos = indexOf(body, delimiter, 0);
        if (pos < 0) {
            throw new BadFormException("multipart body does not start with its boundary");
        }
        while (true) {
            int after = pos + delimiter.length;
            if (after + 2 <= body.length && body[after] == '-' && body[after + 1] == '-') {
                break; // closing delimiter
            }
            if (after + 2 > body.length || body[after] != '\r' || body[after + 1] != '\n') {
                throw new BadFormException("malformed multipart delimiter line");
            }
            int headersStart = after + 2;
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            if (headersEnd < 0) {
                throw new BadFormException("multipart part without a header end");
            }
            byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            int end = indexOf(body, next, headersEnd + 4);
            if (end < 0) {
                throw new BadFormException("multipart part without a closing boundary");
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            byte[] content = Arrays.copyOfRange(body, headersEnd + 4, end);
            Matcher name = NAME.matcher(headers);
            if (!name.find()) {
                throw new BadFormException("multipart part without a name");
            }
            if (fields.size() + files.size() >= MAX_FIELDS) {
                throw new BadFormException("more than " + MAX_FIELDS + " form fields");
            }
            Matcher filename = FILENAME.matcher(headers);
            if (filename.find()) {
                files.putIfAbsent(name.group(1), new Form.Upload(filename.group(1), content));
            } else {
                fields.putIfAbsent(name.group(1), new String(content, StandardCharsets.UTF_8));
            }
            pos = end + 2;
        }
        return new Form(fields, files);
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
