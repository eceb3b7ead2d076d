package io.he4j.cli;

import io.he4j.federated.FederatedSimulation;
import io.he4j.federated.FederationException;
import io.he4j.federated.KeyMode;
import io.he4j.federated.Pooling;
import io.he4j.ml.data.DataDir;
import io.he4j.ml.data.Dataset;
import io.he4j.ml.data.Datasets;
import io.he4j.ml.data.MissingValues;
import io.he4j.ml.data.Split;
import io.he4j.ml.data.Splits;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.TrainOptions;
import io.he4j.ml.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Federated training simulated in one process: institutions and a coordinator exchanging only bytes, the
 * updates summed under CKKS (threshold or shared-key mode), beside the centrally trained and the single-institution models.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate federated training with encrypted aggregation (threshold or shared key): the four UCI "
                + "heart-disease hospitals (--data heart-disease), or a CSV file split into --clients parts.")
final class FlSimulateCommand implements Runnable {
    @Option(names = "--data", required = true, paramLabel = "heart-disease|FILE",
            description = "'heart-disease' (each hospital one institution) or a CSV file.")
    String data;

    @Option(names = "--target", paramLabel = "COL", description = "With a CSV file: the label column.")
    Optional<String> target;

    @Option(names = "--skip-lines", defaultValue = "0", paramLabel = "N",
            description = "With a CSV file: lines to skip before the data (e.g. 1 for sklearn's breast_cancer.csv).")
    int skipLines;

    @Option(names = "--no-header", description = "With a CSV file: the first line is data.")
    boolean noHeader;

    @Option(names = "--clients", defaultValue = "4", paramLabel = "K", description = "With a CSV file: institutions.")
    int clients;

    @Option(names = "--rounds", defaultValue = "40", paramLabel = "R", description = "FedAvg rounds (default 40).")
    int rounds;

    @Option(names = "--local-iterations", defaultValue = "1", paramLabel = "N",
            description = "L-BFGS iterations per institution per round (default 1).")
    int localIterations;

    @Option(names = "--key-mode", defaultValue = "threshold", paramLabel = "threshold|shared",
            description = "threshold (default: each institution keeps its own key share; decryption needs all) or "
                    + "shared (the institutions share one secret key).")
    String keyMode;

    @Option(names = "--transport", defaultValue = "http", paramLabel = "http|in-process",
            description = "http (default: the real coordinator, a He4jServer on a loopback port, and one SDK client "
                    + "per institution) or in-process (the same protocol through method calls).")
    String transport;

    @Option(names = "--fedprox-mu", defaultValue = "0", paramLabel = "MU",
            description = "FedProx proximal weight (default 0: FedAvg); useful with --local-iterations > 1.")
    double fedProxMu;

    @Option(names = "--seed", defaultValue = "42", description = "Split seed (default 42).")
    long seed;

    @Option(names = "--plot", paramLabel = "FILE.svg",
            description = "Also write the accuracy per round as an SVG line chart, the central model's as a line.")
    Optional<Path> plot;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Override
    public void run() {
        List<String> names = new ArrayList<>();
        List<Dataset> train = new ArrayList<>();
        List<Dataset> tests = new ArrayList<>();
        if (data.equals("heart-disease")) {
            Path dir = DataDir.locate().orElseThrow(() -> new FederationException("datasets not found: "
                    + DataDir.howToGet()));
            for (Datasets.Institution inst : Datasets.Institution.values()) {
                Split s = Splits.trainTest(Datasets.heartDisease(dir, inst, MissingValues.Policy.IMPUTE_TRAIN_MEAN),
                        0.25, seed);
                names.add(inst.name().toLowerCase());
                train.add(s.train());
                tests.add(s.test());
            }
        } else {
            DataOptions d = new DataOptions();
            d.data = Path.of(data);
            d.target = target.orElseThrow(() -> new FederationException("a CSV file needs --target COL"));
            d.skipLines = skipLines;
            d.noHeader = noHeader;
            d.delimiter = ",";
            d.task = "classification";
            d.positiveAbove = Optional.empty();
            Split s = Splits.trainTest(d.load(), 0.25, seed);
            tests.add(s.test());
            int[] order = IntStream.range(0, s.train().rows()).toArray();
            shuffle(order, seed);
            int per = (order.length + clients - 1) / clients;
            for (int k = 0; k < clients; k++) {
                int[] rows = Arrays.copyOfRange(order, k * per, Math.min(order.length, (k + 1) * per));
                names.add("client-" + (k + 1));
                train.add(s.train().subset(rows, "client-" + (k + 1)));
            }
        }
        Dataset test = Pooling.concat("pooled-test", tests);
        TrainOptions options = model.toTrainOptions(seed);
        KeyMode mode = KeyMode.parse(keyMode);
        ProgressBar bar = new ProgressBar(System.err);
        FederatedSimulation.Options fo = new FederatedSimulation.Options(options, rounds, localIterations, 64, 1e3,
                mode, fedProxMu);
        boolean http = switch (transport) {
            case "http" -> true;
            case "in-process" -> false;
            default -> throw new FederationException("--transport is http or in-process, got " + transport);
        };
        FederatedSimulation.Result r = http ? FlOverHttp.run(names, train, test, fo, bar)
                : FederatedSimulation.run(names, train, test, fo, bar);
        TrainedModel central = Trainer.train(Pooling.concat("pooled-train", train), options);
        double centralAcc = FederatedSimulation.accuracy(central, test);
        System.out.printf("Federation: %d institutions (%s), %d training rows, pooled test split %d rows, "
                        + "%s mode (the coordinator holds no key), %s%n", names.size(), String.join(", ", names),
                train.stream().mapToInt(Dataset::rows).sum(), test.rows(), mode.label(),
                http ? "coordinator = He4jServer on loopback, institutions over HTTP" : "in one process");
        System.out.println();
        System.out.println("| round | accuracy (federated) | accuracy (central) | upload per institution | "
                + (http ? "round time (all parties, HTTP) |" : "coordinator aggregation |"));
        System.out.println("|---:|---:|---:|---:|---:|");
        r.rounds().forEach(x -> System.out.printf("| %d | %.2f %% | %.2f %% | %,d B | %.1f ms |%n", x.round(),
                100 * x.accuracy(), 100 * centralAcc, x.bytesPerInstitution(), x.coordinatorMillis()));
        System.out.println();
        System.out.print(AccuracyPlot.text(r.rounds().stream().mapToDouble(FederatedSimulation.Round::accuracy)
                .toArray(), centralAcc));
        System.out.println();
        if (plot.isPresent()) {
            AccuracyPlot.writeSvg(plot.get(), r.rounds().stream().mapToDouble(FederatedSimulation.Round::accuracy)
                    .toArray(), centralAcc, names.size() + " institutions, " + mode.label() + " mode");
            System.out.println("accuracy plot: " + plot.get());
        }
        System.out.printf("centrally trained on the pooled data: %.2f %%%n", 100 * centralAcc);
        for (int i = 0; i < names.size(); i++) {
            TrainedModel alone = Trainer.train(train.get(i), options);
            System.out.printf("%s alone: %.2f %%%n", names.get(i), 100 * FederatedSimulation.accuracy(alone, test));
        }
        System.out.printf("round 0 (pooled preprocessing statistics): %,d B per institution%n",
                r.statisticsBytesPerInstitution());
    }

    private static void shuffle(int[] a, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
