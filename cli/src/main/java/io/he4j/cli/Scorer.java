package io.he4j.cli;

import io.he4j.ckks.PublicContext;
import io.he4j.ml.he.CompiledModel;
import io.he4j.ml.he.ModelClient;
import io.he4j.ml.he.ModelServer;
import io.he4j.ml.model.TrainedModel;

import java.util.Optional;

/** Where `./he4j predict` gets a row's scores: the model in plaintext, or a client and a server exchanging bytes. */
interface Scorer extends AutoCloseable {
    /** Scores of one raw row (missing values as NaN; imputed as the model says). */
    double[] scores(double[] raw);

    /** What runs, for the log; empty for plaintext. */
    Optional<String> description();

    @Override
    void close();

    static Scorer plaintext(TrainedModel m) {
        return new Scorer() {
            @Override
            public double[] scores(double[] raw) {
                return m.scores(m.imputer().apply(raw));
            }

            @Override
            public Optional<String> description() {
                return Optional.empty();
            }

            @Override
            public void close() {
            }
        };
    }

    /** The server side and the client side in this process, passing only bytes (no network). */
    static Scorer encryptedLocally(TrainedModel m) {
        CompiledModel compiled = CompiledModel.compile(m, "local", "local");
        ModelServer server = ModelServer.create(compiled);
        ModelClient client = ModelClient.create(compiled.manifest());
        Optional<PublicContext> keys = client.keySet().map(PublicContext::fromBytes);
        return new Scorer() {
            @Override
            public double[] scores(double[] raw) {
                return client.decryptScores(server.predict(client.encryptQuery(raw), keys));
            }

            @Override
            public Optional<String> description() {
                return Optional.of(compiled.manifest().single().preset() + "; " + server.description(false));
            }

            @Override
            public void close() {
                keys.ifPresent(PublicContext::close);
                client.close();
                server.close();
            }
        };
    }
}
