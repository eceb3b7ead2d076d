package io.he4j.federated;

import io.he4j.ckks.Multiparty;
import io.he4j.ml.Progress;
import io.he4j.ml.data.Dataset;
import io.he4j.ml.metrics.ClassificationMetrics;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.TrainOptions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * FedAvg (McMahan et al., AISTATS 2017) with encrypted aggregation, institutions and coordinator in one process
 * exchanging only bytes: round 0 pools the preprocessing statistics under encryption; then each round every
 * institution trains locally from the global parameters and sends its parameters weighted by its share of the
 * pooled rows, encrypted; the coordinator sums the ciphertexts; the sum, decrypted, is the new global model.
 * Threshold mode (default): collective key from every institution's public-key share; decryption only from
 * every institution's decryption share. Shared-key mode: the institutions share a secret key. The coordinator
 * never holds a key in either mode.
 */
public final class FederatedSimulation {
    /**
     * @param model           what to train (linear, or MLP with square activations)
     * @param rounds          FedAvg rounds
     * @param localIterations L-BFGS iterations per institution per round
     * @param clip            |parameter| bound applied before weighting (fixes the encoding scale)
     * @param featureBound    public bound on |feature value| (fixes the scale of the pooled statistics)
     * @param keyMode         threshold (default) or shared key
     * @param proximalMu      FedProx's proximal weight mu (0: plain FedAvg)
     */
    public record Options(TrainOptions model, int rounds, int localIterations, double clip, double featureBound,
                          KeyMode keyMode, double proximalMu) {
        public Options {
            if (rounds < 1 || localIterations < 1 || !(clip > 0) || !(featureBound > 0) || keyMode == null
                    || !(proximalMu >= 0) || Double.isInfinite(proximalMu)) {
                throw new FederationException("rounds and local iterations must be >= 1, clip and feature bound > 0,"
                        + " a key mode given and the FedProx mu finite and >= 0");
            }
        }

        /** FedAvg (no proximal term). */
        public Options(TrainOptions model, int rounds, int localIterations, double clip, double featureBound,
                       KeyMode keyMode) {
            this(model, rounds, localIterations, clip, featureBound, keyMode, 0);
        }

        /**
         * One local L-BFGS step per round (a line-searched gradient step): with the heterogeneous heart-disease
         * hospitals, more local iterations drift (10 per round: 78.8 % after 15 rounds vs 82.3 % central; one:
         * 82.3 % after 40 rounds). Threshold mode.
         */
        public static Options defaults(TrainOptions model, int rounds) {
            return new Options(model, rounds, 1, 64, 1e3, KeyMode.THRESHOLD);
        }

        public Options withKeyMode(KeyMode mode) {
            return new Options(model, rounds, localIterations, clip, featureBound, mode, proximalMu);
        }

        /** FedProx with proximal weight {@code mu} and {@code iterations} local L-BFGS iterations per round. */
        public Options withFedProx(double mu, int iterations) {
            return new Options(model, rounds, iterations, clip, featureBound, keyMode, mu);
        }
    }

    /**
     * @param round               1-based
     * @param accuracy            the global model's accuracy on the held-out test split
     * @param bytesPerInstitution upload of one institution in this round: its update, plus in threshold mode its
     *                            decryption shares of the aggregate
     * @param coordinatorMillis   time to aggregate this round
     */
    public record Round(int round, double accuracy, long bytesPerInstitution, double coordinatorMillis) {
    }

    /** The federated model and its history. */
    public record Result(TrainedModel model, List<Round> rounds, long statisticsBytesPerInstitution) {
    }

    private FederatedSimulation() {
    }

    public static Result run(List<String> names, List<Dataset> local, Dataset test, Options o, Progress progress) {
        if (local.size() < 2 || names.size() != local.size()) {
            throw new FederationException("a federation needs at least 2 institutions, each with a name");
        }
        ModelShape shape = ModelShape.of(local.getFirst(), o.model());
        List<Institution> institutions = new ArrayList<>();
        try (Aggregator coordinator = new Aggregator()) {
            enroll(names, local, o.keyMode(), institutions, coordinator);
            int k = institutions.size();
            // round 0: pooled preprocessing
            int d = shape.featureNames().size();
            double totalRows = local.stream().mapToInt(Dataset::rows).sum();
            UpdateLayout statLayout = UpdateLayout.forSum(o.keyMode(), 1 + 3 * d, totalRows, 1, k);
            List<List<byte[]>> stats = new ArrayList<>();
            for (Institution inst : institutions) {
                stats.add(inst.encryptedStatistics(statLayout, o.featureBound()));
            }
            long statBytes = bytes(stats.getFirst());
            GlobalPreprocessing pre = GlobalPreprocessing.fromNormalizedTotals(
                    open(statLayout, coordinator.sum(statLayout, stats), institutions, coordinator), d,
                    o.featureBound());
            // FedAvg rounds (non-square activations: exact until the fit round, then their quadratic fits)
            double[] global = shape.initialParameters();
            UpdateLayout layout = UpdateLayout.forSum(o.keyMode(), global.length, 1, o.clip(), k);
            int fitRound = fitRound(shape, o.rounds());
            List<Round> history = new ArrayList<>();
            for (int r = 1; r <= o.rounds(); r++) {
                List<List<byte[]>> updates = new ArrayList<>();
                for (Institution inst : institutions) {
                    updates.add(inst.update(shape, pre, global, o.localIterations(), o.proximalMu(), layout,
                            o.clip(), inst.rows() / pre.rows()));
                }
                long t0 = System.nanoTime();
                List<byte[]> sum = coordinator.sum(layout, updates);
                double millis = (System.nanoTime() - t0) / 1e6;
                long[] shareBytes = new long[1];
                global = open(layout, sum, institutions, coordinator, shareBytes);
                if (r == fitRound) {
                    while (shape.needsFit()) {
                        UpdateLayout actLayout = UpdateLayout.forSum(o.keyMode(), 3, pre.rows(), 1, k);
                        List<List<byte[]>> moments = new ArrayList<>();
                        for (Institution inst : institutions) {
                            moments.add(inst.encryptedActivationStatistics(shape, pre, global, actLayout));
                        }
                        shape = shape.withFit(shape.fitRange(open(actLayout, coordinator.sum(actLayout, moments),
                                institutions, coordinator)));
                    }
                }
                double accuracy = shape.accuracy(global, pre, test);
                history.add(new Round(r, accuracy, bytes(updates.getFirst()) + shareBytes[0], millis));
                progress.update("federated rounds", r, o.rounds());
            }
            return new Result(shape.model(global, pre), history, statBytes);
        } finally {
            institutions.forEach(Institution::close);
        }
    }

    /**
     * The round after which non-square activations get their quadratic fits (the first half of the rounds trains
     * the exact network, the second fine-tunes the polynomial one, as the central trainer does); 0 when none.
     */
    public static int fitRound(ModelShape shape, int rounds) {
        return shape.needsFit() ? Math.max(1, rounds / 2) : 0;
    }

    /** Creates the institutions' keys: a shared key, or threshold shares and the collective key. */
    private static void enroll(List<String> names, List<Dataset> local, KeyMode mode, List<Institution> out,
                               Aggregator coordinator) {
        if (mode == KeyMode.SHARED) {
            try (SharedKey setup = SharedKey.generate()) {
                byte[] secret = setup.exportSecret();
                for (int i = 0; i < local.size(); i++) {
                    out.add(new Institution(names.get(i), local.get(i), SharedKey.fromSecret(secret)));
                }
                Arrays.fill(secret, (byte) 0);
            }
            return;
        }
        byte[] seed = Multiparty.newCommonSeed();
        List<byte[]> shares = new ArrayList<>();
        for (int i = 0; i < local.size(); i++) {
            Institution inst = new Institution(names.get(i), local.get(i), ThresholdKey.generate());
            out.add(inst);
            shares.add(inst.publicKeyShare(seed));
        }
        byte[] collective = coordinator.collectiveKey(shares);
        out.forEach(inst -> inst.useCollectiveKey(collective));
    }

    private static double[] open(UpdateLayout layout, List<byte[]> aggregate, List<Institution> institutions,
                                 Aggregator coordinator) {
        return open(layout, aggregate, institutions, coordinator, new long[1]);
    }

    /** The aggregate's values: decrypted by one institution, or combined from every institution's share. */
    private static double[] open(UpdateLayout layout, List<byte[]> aggregate, List<Institution> institutions,
                                 Aggregator coordinator, long[] shareBytesPerInstitution) {
        if (layout.mode() == KeyMode.SHARED) {
            return institutions.getFirst().decrypt(layout, aggregate);
        }
        List<List<byte[]>> shares = new ArrayList<>();
        for (Institution inst : institutions) {
            shares.add(inst.decryptionShares(layout, aggregate));
        }
        shareBytesPerInstitution[0] = bytes(shares.getFirst());
        return coordinator.combine(layout, aggregate, shares);
    }

    private static long bytes(List<byte[]> chunks) {
        return chunks.stream().mapToLong(b -> b.length).sum();
    }

    /** Accuracy of {@code m} on {@code test} (raw rows, imputed by the model). */
    public static double accuracy(TrainedModel m, Dataset test) {
        double[][] p = new double[test.rows()][];
        for (int i = 0; i < p.length; i++) {
            p[i] = m.probabilities(test.x()[i]);
        }
        return ClassificationMetrics.of(test.labels(), p).accuracy();
    }
}
