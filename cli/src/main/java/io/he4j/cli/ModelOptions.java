package io.he4j.cli;

import io.he4j.ml.MlException;
import io.he4j.ml.train.TrainOptions;
import picocli.CommandLine.Option;

import java.util.List;

/** Model options shared by train and evaluate. */
final class ModelOptions {
    @Option(names = "--model", defaultValue = "lr", paramLabel = "lr|mlp",
            description = "lr: logistic / softmax / ridge regression; mlp: 1-2 hidden layers, polynomial activation.")
    String model;

    @Option(names = "--hidden", defaultValue = "16", split = ",", paramLabel = "H[,H2]",
            description = "MLP hidden widths (default 16).")
    List<Integer> hidden;

    @Option(names = "--activation", defaultValue = "gelu", paramLabel = "square|relu|gelu|sigmoid",
            description = "MLP activation: square, or a degree-2 least-squares fit of relu/gelu/sigmoid over the "
                    + "training pre-activation range (default gelu).")
    String activation;

    @Option(names = "--l2", paramLabel = "L", description = "L2 penalty (default 0.01).")
    java.util.Optional<Double> l2;

    @Option(names = "--iterations", paramLabel = "N", description = "L-BFGS iterations (default 500 lr, 400 mlp).")
    java.util.Optional<Integer> iterations;

    TrainOptions toTrainOptions(long seed) {
        TrainOptions o = switch (model) {
            case "lr" -> TrainOptions.linear(seed);
            case "mlp" -> TrainOptions.mlp(hidden, activation, seed);
            default -> throw new MlException("--model must be lr or mlp, got '" + model + "'");
        };
        if (l2.isPresent()) {
            o = o.withL2(l2.get());
        }
        if (iterations.isPresent()) {
            o = o.withMaxIterations(iterations.get());
        }
        return o;
    }
}
