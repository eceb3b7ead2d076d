package io.he4j.paillier.ml;

import io.he4j.ml.model.OutputLink;

import java.util.List;

/**
 * What the client needs to turn decrypted scores into the same predictions as {@code ./he4j predict}: the
 * model type, the output link and the class names. Travels in the clear in answer.json.
 */
public record ModelOutput(String modelType, OutputLink link, List<String> classNames) {
    public ModelOutput {
        classNames = List.copyOf(classNames);
    }

    public boolean isClassification() {
        return link != OutputLink.IDENTITY;
    }
}
