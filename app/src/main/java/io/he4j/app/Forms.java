package io.he4j.app;

import io.he4j.protocol.ModelManifest;
import io.he4j.web.Html;

import java.util.List;

/** Form pieces several pages share. */
final class Forms {
    private Forms() {
    }

    /** A labelled drop-down of the deployed models ({@code name="model"}), {@code selected} chosen. */
    static String modelSelect(String fieldId, List<ModelManifest> models, String selected) {
        StringBuilder b = new StringBuilder("<label for=\"").append(fieldId).append("\">Model</label><select id=\"")
                .append(fieldId).append("\" name=\"model\" required>");
        for (ModelManifest m : models) {
            String id = Html.esc(m.modelId());
            b.append("<option value=\"").append(id).append('"').append(m.modelId().equals(selected) ? " selected" : "")
                    .append('>').append(id).append("</option>");
        }
        return b.append("</select>").toString();
    }

    /** A model id from a form field, checked like a path's (the SDK's rule). */
    static String modelId(String value) {
        if (!value.matches("[A-Za-z0-9._-]{1,128}")) {
            throw new io.he4j.web.PageException(400, "choose a model");
        }
        return value;
    }

    /** The label column a form names: by name, by 0-based index (negative: from the end), or {@code whenBlank}. */
    static io.he4j.ml.data.TargetColumn labelColumn(String spec, io.he4j.ml.data.TargetColumn whenBlank) {
        String v = spec.strip();
        return v.isEmpty() ? whenBlank : v.matches("-?\\d{1,4}")
                ? new io.he4j.ml.data.TargetColumn.ByIndex(Integer.parseInt(v))
                : new io.he4j.ml.data.TargetColumn.ByName(v);
    }

    /** A record or job id from a path, checked to the service's rule before it goes anywhere. */
    static String objectId(String what, String value) {
        if (value == null || !value.matches("[A-Za-z0-9._:-]{1,128}")) {
            throw new io.he4j.web.PageException(404, "not a " + what + " id");
        }
        return value;
    }
}
