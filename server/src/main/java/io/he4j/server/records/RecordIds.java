package io.he4j.server.records;

import io.he4j.server.http.ApiException;

import java.util.regex.Pattern;

/** The form of client-chosen identifiers (record ids, patient pseudonyms, model ids, cursors) in the API. */
public final class RecordIds {
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RecordIds() {
    }

    /** {@code value} if it has the form, else 400 {@code bad-parameter}. */
    public static String check(String what, String value) {
        if (value == null || !FORM.matcher(value).matches()) {
            String shown = value == null ? "nothing" : "'" + (value.length() > 40 ? value.substring(0, 40) + "..."
                    : value) + "'";
            throw new ApiException(400, "bad-parameter", "Bad parameter", what + " must be 1-128 letters, digits, "
                    + "'.', '_', ':' or '-', got " + shown);
        }
        return value;
    }
}
