package io.he4j.bench.fl;

import io.he4j.bench.BenchContext;
import io.he4j.bench.SuiteResult;
import io.he4j.bench.model.Figure;
import io.he4j.bench.model.Spread;
import io.he4j.bench.model.SuiteRun;
import io.he4j.ckks.Multiparty;
import io.he4j.federated.Aggregator;
import io.he4j.federated.FederatedSimulation;
import io.he4j.federated.KeyMode;
import io.he4j.federated.Pooling;
import io.he4j.federated.SharedKey;
import io.he4j.federated.ThresholdKey;
import io.he4j.federated.UpdateLayout;
import io.he4j.ml.Progress;
import io.he4j.ml.data.Dataset;
import io.he4j.ml.data.Datasets;
import io.he4j.ml.data.MissingValues;
import io.he4j.ml.data.Split;
import io.he4j.ml.data.Splits;
import io.he4j.ml.train.TrainOptions;
import io.he4j.ml.train.Trainer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Federated learning with encrypted aggregation, threshold mode (the default) and shared-key mode: the four UCI
 * heart-disease hospitals as a federation (accuracy of the federated model on the pooled test split beside central
 * training and each hospital alone; time per round), and the coordinator's cost: 100 institutions'
 * 100,000-parameter updates summed, bytes per institution per round (threshold: update + decryption shares).
 */
public final class FederatedSuite {
    public static final String SUITE = "federated";
    static final int INSTITUTIONS = 100;
    static final int PARAMETERS = 100_000;

    private FederatedSuite() {
    }

    public static SuiteResult run(BenchContext ctx) {
        long t0 = System.nanoTime();
        String command = "./he4j bench --only federated";
        try {
            List<Figure> figures = new ArrayList<>(heartDisease(ctx.dataDir().orElseThrow(() ->
                    new IllegalStateException("datasets not found (../shared/data)")), command));
            figures.addAll(aggregation(ctx.quick() ? 3 : 7, command));
            figures.addAll(thresholdAggregation(ctx.quick() ? 3 : 5, command));
            return new SuiteResult(new SuiteRun(SUITE, SuiteRun.Status.RAN, "heart-disease federation, 100 x 100k "
                    + "aggregation", (System.nanoTime() - t0) / 1e9, command), figures);
        } catch (RuntimeException e) {
            return SuiteResult.failed(SUITE, e.toString(), (System.nanoTime() - t0) / 1e9, command);
        }
    }

    private static List<Figure> heartDisease(Path data, String command) {
        List<String> names = new ArrayList<>();
        List<Dataset> train = new ArrayList<>();
        List<Dataset> tests = new ArrayList<>();
        for (Datasets.Institution inst : Datasets.Institution.values()) {
            Split s = Splits.trainTest(Datasets.heartDisease(data, inst, MissingValues.Policy.IMPUTE_TRAIN_MEAN),
                    0.25, 42);
            names.add(inst.name().toLowerCase());
            train.add(s.train());
            tests.add(s.test());
        }
        Dataset test = Pooling.concat("heart-pooled-test", tests);
        TrainOptions lr = TrainOptions.linear(42);
        List<Figure> out = new ArrayList<>();
        for (KeyMode mode : KeyMode.values()) {
            long t0 = System.nanoTime();
            FederatedSimulation.Result fed = FederatedSimulation.run(names, train, test,
                    FederatedSimulation.Options.defaults(lr, 40).withKeyMode(mode), Progress.none());
            double roundMs = (System.nanoTime() - t0) / 1e6 / 40;
            String suffix = mode == KeyMode.THRESHOLD ? "" : "_" + mode.label();
            out.add(exact("heart/federated_accuracy" + suffix, "ratio", fed.rounds().getLast().accuracy(),
                    Map.of("rounds", 40, "institutions", names.size(), "key_mode", mode.label()), command));
            out.add(exact("heart/round_time" + suffix, "ms", roundMs, Map.of("key_mode", mode.label(),
                    "includes", "local training, encryption, aggregation, decryption, in one process"), command));
            out.add(exact("heart/upload_bytes_per_institution_per_round" + suffix, "bytes",
                    fed.rounds().getLast().bytesPerInstitution(), Map.of("parameters", 14, "key_mode",
                            mode.label()), command));
        }
        out.add(exact("heart/central_accuracy", "ratio", FederatedSimulation.accuracy(
                Trainer.train(Pooling.concat("heart-pooled-train", train), lr), test), Map.of(), command));
        double best = 0;
        for (int i = 0; i < names.size(); i++) {
            double acc = FederatedSimulation.accuracy(Trainer.train(train.get(i), lr), test);
            best = Math.max(best, acc);
            out.add(exact("heart/alone_" + names.get(i) + "_accuracy", "ratio", acc, Map.of(), command));
        }
        out.add(exact("heart/best_single_hospital_accuracy", "ratio", best, Map.of(), command));
        return out;
    }

    private static List<Figure> aggregation(int repeats, String command) {
        UpdateLayout layout = UpdateLayout.forSum(PARAMETERS, 1e5, 64);
        try (SharedKey key = SharedKey.generate(); Aggregator coordinator = new Aggregator()) {
            SplittableRandom r = new SplittableRandom(1);
            List<List<byte[]>> updates = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                double[] v = new double[PARAMETERS];
                for (int k = 0; k < v.length; k++) {
                    v[k] = r.nextGaussian();
                }
                updates.add(key.encrypt(layout, v));
            }
            // 100 institutions: four distinct encrypted updates, each sent by 25 of them
            List<List<byte[]>> all = new ArrayList<>();
            for (int i = 0; i < INSTITUTIONS; i++) {
                all.add(updates.get(i % updates.size()));
            }
            long bytes = updates.getFirst().stream().mapToLong(b -> b.length).sum();
            coordinator.sum(layout, all);
            long[] nanos = new long[repeats];
            for (int i = 0; i < repeats; i++) {
                long t = System.nanoTime();
                coordinator.sum(layout, all);
                nanos[i] = System.nanoTime() - t;
            }
            Arrays.sort(nanos);
            double[] ms = Arrays.stream(nanos).mapToDouble(n -> n / 1e6).toArray();
            Figure time = new Figure(Figure.idOf(SUITE, "aggregate_100x100k/time", "he4j"), SUITE,
                    "aggregate_100x100k/time", "ms", ms[repeats / 2], new Spread(ms[0], ms[repeats - 1],
                    ms[repeats / 4], ms[(3 * repeats) / 4], repeats), Map.of("institutions", INSTITUTIONS,
                    "parameters", PARAMETERS, "ciphertexts_per_update", layout.chunks()), "he4j", "n/a", command);
            return List.of(time, exact("update_100k/bytes", "bytes", bytes, Map.of(), command),
                    exact("update_100k/bytes_vs_float32", "ratio", bytes / (4.0 * PARAMETERS), Map.of(), command));
        }
    }

    /**
     * Threshold mode at 100 institutions: the collective key of 4 real shares (encryption cost does not depend on
     * how many made the key), 4 distinct updates each sent by 25 institutions, weighted sums |x| <= 0.5 (the
     * precision budget at 100 institutions); the sum's time, one institution's upload (update + its decryption shares of
     * the aggregate) against float32, and the time to combine 100 institutions' shares (4 distinct share sets,
     * each repeated 25 times: the timing is that of 100, the result is not the aggregate).
     */
    private static List<Figure> thresholdAggregation(int repeats, String command) {
        UpdateLayout layout = UpdateLayout.forSum(KeyMode.THRESHOLD, PARAMETERS, 1, 0.5, INSTITUTIONS);
        List<ThresholdKey> keys = new ArrayList<>();
        try (Aggregator coordinator = new Aggregator()) {
            byte[] seed = Multiparty.newCommonSeed();
            List<byte[]> pk = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                keys.add(ThresholdKey.generate());
                pk.add(keys.getLast().publicKeyShare(seed));
            }
            byte[] collective = coordinator.collectiveKey(pk);
            keys.forEach(k -> k.useCollectiveKey(collective));
            SplittableRandom r = new SplittableRandom(1);
            List<List<byte[]>> updates = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                double[] v = new double[PARAMETERS];
                for (int k = 0; k < v.length; k++) {
                    v[k] = Math.max(-0.5, Math.min(0.5, r.nextGaussian() / 6)) / INSTITUTIONS;
                }
                updates.add(keys.get(i).encrypt(layout, v));
            }
            List<List<byte[]>> all = new ArrayList<>();
            for (int i = 0; i < INSTITUTIONS; i++) {
                all.add(updates.get(i % updates.size()));
            }
            List<byte[]> aggregate = coordinator.sum(layout, all);
            double[] sumMs = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                long t = System.nanoTime();
                coordinator.sum(layout, all);
                sumMs[i] = (System.nanoTime() - t) / 1e6;
            }
            List<List<byte[]>> shares = new ArrayList<>();
            for (ThresholdKey k : keys) {
                shares.add(k.decryptionShares(layout, aggregate));
            }
            List<List<byte[]>> allShares = new ArrayList<>();
            for (int i = 0; i < INSTITUTIONS; i++) {
                allShares.add(shares.get(i % shares.size()));
            }
            double[] combineMs = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                long t = System.nanoTime();
                coordinator.combine(layout, aggregate, allShares);
                combineMs[i] = (System.nanoTime() - t) / 1e6;
            }
            long updateBytes = updates.getFirst().stream().mapToLong(b -> b.length).sum();
            long shareBytes = shares.getFirst().stream().mapToLong(b -> b.length).sum();
            long keyBytes = pk.getFirst().length;
            Map<String, Object> p = Map.of("institutions", INSTITUTIONS, "parameters", PARAMETERS,
                    "ciphertexts_per_update", layout.chunks(), "smudging_bits", layout.smudgingBits(),
                    "piece_bits", layout.shareBits(), "key_group", UpdateLayout.KEY_GROUP);
            return List.of(timed("threshold/aggregate_100x100k/time", sumMs, p, command),
                    timed("threshold/combine_100x100k/time", combineMs, p, command),
                    exact("threshold/update_100k/bytes", "bytes", updateBytes, Map.of(), command),
                    exact("threshold/decryption_shares_100k/bytes", "bytes", shareBytes, Map.of(), command),
                    exact("threshold/round_upload_100k/bytes_vs_float32", "ratio",
                            (updateBytes + shareBytes) / (4.0 * PARAMETERS), Map.of("includes",
                                    "update + decryption shares"), command),
                    exact("threshold/public_key_share/bytes", "bytes", keyBytes, Map.of("once", "per federation, "
                            + UpdateLayout.KEY_GROUP + " public-key shares"), command),
                    exact("threshold/public_key_share/bytes_vs_float32_100k", "ratio", keyBytes / (4.0 * PARAMETERS),
                            Map.of("once", "per federation, amortized over its rounds"), command),
                    roundUpload4(keys, command));
        } finally {
            keys.forEach(ThresholdKey::close);
        }
    }

    /**
     * The same 100,000-parameter round with 4 institutions (a smaller smudging width, so wider compact pieces):
     * one institution's update + decryption shares against float32.
     */
    private static Figure roundUpload4(List<ThresholdKey> keys, String command) {
        UpdateLayout layout = UpdateLayout.forSum(KeyMode.THRESHOLD, PARAMETERS, 1, 64, keys.size());
        SplittableRandom r = new SplittableRandom(2);
        double[] v = new double[PARAMETERS];
        for (int k = 0; k < v.length; k++) {
            v[k] = Math.max(-64, Math.min(64, r.nextGaussian() * 3)) / keys.size();
        }
        List<List<byte[]>> updates = new ArrayList<>();
        for (ThresholdKey k : keys) {
            updates.add(k.encrypt(layout, v));
        }
        try (Aggregator coordinator = new Aggregator()) {
            List<byte[]> aggregate = coordinator.sum(layout, updates);
            long bytes = updates.getFirst().stream().mapToLong(b -> b.length).sum()
                    + keys.getFirst().decryptionShares(layout, aggregate).stream().mapToLong(b -> b.length).sum();
            return exact("threshold4/round_upload_100k/bytes_vs_float32", "ratio", bytes / (4.0 * PARAMETERS),
                    Map.of("institutions", keys.size(), "piece_bits", layout.shareBits(), "includes",
                            "update + decryption shares"), command);
        }
    }

    private static Figure timed(String name, double[] ms, Map<String, Object> params, String command) {
        double[] v = ms.clone();
        Arrays.sort(v);
        int n = v.length;
        return new Figure(Figure.idOf(SUITE, name, "he4j"), SUITE, name, "ms", v[n / 2], new Spread(v[0], v[n - 1],
                v[n / 4], v[(3 * n) / 4], n), params, "he4j", "n/a", command);
    }

    private static Figure exact(String name, String unit, double value, Map<String, Object> params, String command) {
        return new Figure(Figure.idOf(SUITE, name, "he4j"), SUITE, name, unit, value, Spread.exact(value),
                params.isEmpty() ? Collections.emptyMap() : params, "he4j", "n/a", command);
    }
}
