package io.he4j.ml.train;

import io.he4j.ml.MlException;
import io.he4j.ml.model.Polynomial;

/** A differentiable activation used during training. */
public interface Activation {
    double apply(double x);

    double derivative(double x);

    String name();

    static Activation of(String name) {
        return switch (name) {
            case "relu" -> new Named("relu", x -> Math.max(0, x), x -> x > 0 ? 1 : 0);
            case "sigmoid" -> new Named("sigmoid", Activation::sigmoid, x -> {
                double s = sigmoid(x);
                return s * (1 - s);
            });
            // GELU, tanh form (Hendrycks and Gimpel, 2016): 0.5 x (1 + tanh(sqrt(2/pi)(x + 0.044715 x^3)))
            case "gelu" -> new Named("gelu", Activation::gelu, x -> {
                double c = Math.sqrt(2 / Math.PI);
                double u = c * (x + 0.044715 * x * x * x);
                double t = Math.tanh(u);
                return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * c * (1 + 3 * 0.044715 * x * x);
            });
            case "square" -> polynomial("square", Polynomial.square());
            default -> throw new MlException("unknown activation '" + name + "'; use square, relu, gelu or sigmoid");
        };
    }

    static Activation polynomial(String name, Polynomial p) {
        return new Named(name, p::apply, p::derivative);
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    static double gelu(double x) {
        return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
    }

    record Named(String name, java.util.function.DoubleUnaryOperator f, java.util.function.DoubleUnaryOperator df)
            implements Activation {
        @Override
        public double apply(double x) {
            return f.applyAsDouble(x);
        }

        @Override
        public double derivative(double x) {
            return df.applyAsDouble(x);
        }
    }
}
