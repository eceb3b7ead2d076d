package io.he4j.web;

import java.util.Map;
import java.util.Optional;

/**
 * A submitted form: its text fields and, for {@code multipart/form-data}, its uploaded files.
 * Both maps are immutable; a repeated field keeps its first value.
 */
public record Form(Map<String, String> fields, Map<String, Upload> files) {
    public static final Form EMPTY = new Form(Map.of(), Map.of());

    /** One uploaded file. */
    public record Upload(String filename, byte[] content) {
        @Override
        public String toString() {
            return "Upload[" + filename + ", " + content.length + " bytes]";
        }
    }

    public Form {
        fields = Map.copyOf(fields);
        files = Map.copyOf(files);
    }

    public Optional<String> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    public String field(String name, String orElse) {
        return fields.getOrDefault(name, orElse);
    }

    public Optional<Upload> file(String name) {
        return Optional.ofNullable(files.get(name));
    }
}
