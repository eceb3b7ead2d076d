package io.he4j.ml.model;

/** The model families he4j trains. Names are the ones used in the JSON model file. */
public enum ModelType {
    LOGISTIC_REGRESSION("logistic_regression"),
    SOFTMAX_REGRESSION("softmax_regression"),
    LINEAR_REGRESSION("linear_regression"),
    MLP("mlp");

    private final String jsonName;

    ModelType(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    public boolean isLinear() {
        return this != MLP;
    }

    public static ModelType fromJson(String s) {
        for (ModelType t : values()) {
            if (t.jsonName.equals(s)) {
                return t;
            }
        }
        throw new io.he4j.ml.MlException("unknown model type '" + s + "'; known: logistic_regression, "
                + "softmax_regression, linear_regression, mlp");
    }
}
