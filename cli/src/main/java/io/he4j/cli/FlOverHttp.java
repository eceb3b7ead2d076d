package io.he4j.cli;

import io.he4j.client.FederationClient;
import io.he4j.client.He4jClient;
import io.he4j.federated.FederatedSimulation;
import io.he4j.federated.GlobalPreprocessing;
import io.he4j.federated.Institution;
import io.he4j.federated.KeyMode;
import io.he4j.federated.ModelShape;
import io.he4j.federated.SharedKey;
import io.he4j.federated.ThresholdKey;
import io.he4j.federated.UpdateEnvelope;
import io.he4j.federated.UpdateLayout;
import io.he4j.ml.Progress;
import io.he4j.ml.data.Dataset;
import io.he4j.server.He4jServer;
import io.he4j.server.ServerConfig;
import io.he4j.server.auth.Role;
import io.he4j.server.db.TenantStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * FedAvg over the real service: a He4jServer on a loopback port (SQLite in a temporary directory) as the
 * coordinator, and one SDK client per institution (its own tenant token), exchanging only what the HTTP API
 * carries: public-key shares, sealed update envelopes, encrypted aggregates, decryption shares. Round 0 is a
 * one-round federation over the preprocessing statistics; then a federation of {@code rounds} rounds over the
 * model parameters. The institutions run one after another in this thread (the coordinator does not care).
 */
final class FlOverHttp {
    private FlOverHttp() {
    }

    private record Member(Institution institution, He4jClient http, FederationClient api) {
    }

    static FederatedSimulation.Result run(List<String> names, List<Dataset> local, Dataset test,
                                          FederatedSimulation.Options o, Progress progress) {
        ModelShape shape = ModelShape.of(local.getFirst(), o.model());
        Path dir = tempDir();
        Map<String, String> settings = Map.of("port", "0", "host", "127.0.0.1", "data-dir", dir.toString());
        List<Member> members = new ArrayList<>();
        try (He4jServer server = He4jServer.start(ServerConfig.load(Optional.empty(), Map.of(), settings))) {
            TenantStore tenants = new TenantStore(server.database());
            String url = server.uri().toString();
            SharedKey shared = o.keyMode() == KeyMode.SHARED ? SharedKey.generate() : null;
            byte[] secret = shared != null ? shared.exportSecret() : null;
            for (int i = 0; i < local.size(); i++) {
                He4jClient http = He4jClient.builder(url).token(tenants.create(names.get(i), Role.CLIENT).token())
                        .timeout(Duration.ofMinutes(2)).build();
                Institution inst = shared != null ? new Institution(names.get(i), local.get(i),
                        SharedKey.fromSecret(secret)) : new Institution(names.get(i), local.get(i),
                        ThresholdKey.generate());
                members.add(new Member(inst, http, new FederationClient(http)));
            }
            if (shared != null) {
                Arrays.fill(secret, (byte) 0);
                shared.close();
            }
            FederationClient owner = members.getFirst().api();
            int d = shape.featureNames().size();
            double totalRows = local.stream().mapToInt(Dataset::rows).sum();
            Duration timeout = Duration.ofMinutes(10);
            // round 0: pooled preprocessing statistics (unweighted sums, each <= the pooled row count)
            FederationClient.State stats = owner.create("statistics", o.keyMode(), members.size(), 1 + 3 * d,
                    totalRows, 1, timeout);
            List<PrivateKey> statKeys = join(stats, members);
            long[] statBytes = new long[1];
            double[] totals = round(stats, 1, members, statKeys, statBytes,
                    m -> m.institution().encryptedStatistics(stats.layout(), o.featureBound()));
            GlobalPreprocessing pre = GlobalPreprocessing.fromNormalizedTotals(totals, d, o.featureBound());
            // FedAvg rounds (non-square activations: exact until the fit round, then their quadratic fits, each
            // from a one-round federation over the pooled pre-activation statistics)
            FederationClient.State fed = owner.create("training", o.keyMode(), members.size(),
                    shape.parameters(), o.clip(), o.rounds(), timeout);
            List<PrivateKey> keys = join(fed, members);
            double[] global = shape.initialParameters();
            int fitRound = FederatedSimulation.fitRound(shape, o.rounds());
            List<FederatedSimulation.Round> history = new ArrayList<>();
            for (int r = 1; r <= o.rounds(); r++) {
                double[] from = global;
                ModelShape current = shape;
                long t0 = System.nanoTime();
                long[] bytes = new long[1];
                global = round(fed, r, members, keys, bytes, m -> m.institution().update(current, pre, from,
                        o.localIterations(), o.proximalMu(), fed.layout(), o.clip(),
                        m.institution().rows() / pre.rows()));
                double millis = (System.nanoTime() - t0) / 1e6;
                while (r == fitRound && shape.needsFit()) {
                    ModelShape fitting = shape;
                    double[] at = global;
                    FederationClient.State act = owner.create("activation-" + fitting.nextFitLayer(), o.keyMode(),
                            members.size(), 3, pre.rows(), 1, timeout);
                    List<PrivateKey> actKeys = join(act, members);
                    shape = shape.withFit(shape.fitRange(round(act, 1, members, actKeys, new long[1],
                            m -> m.institution().encryptedActivationStatistics(fitting, pre, at, act.layout()))));
                }
                history.add(new FederatedSimulation.Round(r, shape.accuracy(global, pre, test), bytes[0], millis));
                progress.update("federated rounds (HTTP)", r, o.rounds());
            }
            return new FederatedSimulation.Result(shape.model(global, pre), history, statBytes[0]);
        } finally {
            for (Member m : members) {
                m.institution().close();
                m.http().close();
            }
            deleteQuietly(dir);
        }
    }

    /**
     * Every member joins (threshold: with its public-key share; always with the public half of a fresh signing key)
     * and installs the collective key. Returns the members' private signing keys.
     */
    private static List<PrivateKey> join(FederationClient.State f, List<Member> members) {
        List<PrivateKey> keys = new ArrayList<>();
        for (Member m : members) {
            Institution inst = m.institution();
            byte[] share = f.keyMode() == KeyMode.THRESHOLD ? inst.publicKeyShare(f.commonSeed()) : null;
            KeyPair signing = UpdateEnvelope.newSigningKey();
            // the first member created the federation; the owner invites every other one
            String invitation = m == members.getFirst() ? null : members.getFirst().api().invite(f.id());
            m.api().join(f.id(), inst.name(), inst.rows(), share, signing, invitation);
            keys.add(signing.getPrivate());
        }
        if (f.keyMode() == KeyMode.THRESHOLD) {
            byte[] collective = members.getFirst().api().collectiveKey(f.id());
            members.forEach(m -> m.institution().useCollectiveKey(collective));
        }
        return keys;
    }

    /** One round: sealed uploads, the aggregate, then decryption shares (threshold) or local decryption. */
    private static double[] round(FederationClient.State f, int r, List<Member> members, List<PrivateKey> keys,
                                  long[] bytesPerInstitution,
                                  java.util.function.Function<Member, List<byte[]>> update) {
        UpdateLayout layout = f.layout();
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            byte[] sealed = new UpdateEnvelope(UpdateEnvelope.Purpose.UPDATE, f.id(), r, m.institution().name(),
                    layout, update.apply(m)).seal(keys.get(i));
            m.api().uploadUpdate(f.id(), r, sealed);
            if (i == 0) {
                bytesPerInstitution[0] = sealed.length;
            }
        }
        List<byte[]> aggregate = members.getFirst().api().aggregate(f.id(), r);
        if (f.keyMode() == KeyMode.SHARED) {
            return members.getFirst().institution().decrypt(layout, aggregate);
        }
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            byte[] sealed = new UpdateEnvelope(UpdateEnvelope.Purpose.DECRYPTION_SHARES, f.id(), r,
                    m.institution().name(), layout, m.institution().decryptionShares(layout, aggregate))
                    .seal(keys.get(i));
            m.api().uploadDecryptionShares(f.id(), r, sealed);
            if (i == 0) {
                bytesPerInstitution[0] += sealed.length;
            }
        }
        return members.getFirst().api().result(f.id(), r);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("he4j-fl-coordinator");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            System.err.println("could not remove " + dir + ": " + e.getMessage());
        }
    }
}
