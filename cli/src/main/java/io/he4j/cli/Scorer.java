package io.he4j.cli;

import io.he4j.ckks.PublicContext;
import io.he4j.client.He4jClient;
import io.he4j.client.RemoteModel;
import io.he4j.ml.he.CompiledModel;
import io.he4j.ml.he.ModelClient;
import io.he4j.ml.he.ModelServer;
import io.he4j.ml.model.OutputLink;
import io.he4j.ml.model.TrainedModel;
import io.he4j.protocol.ModelManifest;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where `./he4j predict` gets a row's scores: the model in plaintext, a client and a server side in this
 * process exchanging bytes, or a remote he4j service through the client SDK.
 */
interface Scorer extends AutoCloseable {
    /** Scores of one raw row (missing values as NaN; imputed as the model says). */
    double[] scores(double[] raw);

    List<String> featureNames();

    List<String> classNames();

    OutputLink link();

    /** What runs, for the log; empty for plaintext. */
    Optional<String> description();

    @Override
    void close();

    static Scorer plaintext(TrainedModel m) {
        return new Named(m, Optional.empty()) {
            @Override
            public double[] scores(double[] raw) {
                return m.scores(m.imputer().apply(raw));
            }
        };
    }

    /** The server side and the client side in this process, passing only bytes (no network). */
    static Scorer encryptedLocally(TrainedModel m) {
        CompiledModel compiled = CompiledModel.compile(m, "local", "local");
        ModelServer server = ModelServer.create(compiled);
        ModelClient client = ModelClient.create(compiled.manifest());
        Optional<PublicContext> keys = client.keySet().map(PublicContext::fromBytes);
        return new Named(m, Optional.of(compiled.manifest().single().preset() + "; " + server.description(false))) {
            @Override
            public double[] scores(double[] raw) {
                return client.decryptScores(server.predict(client.encryptQuery(raw), keys));
            }

            @Override
            public void close() {
                keys.ifPresent(PublicContext::close);
                client.close();
                server.close();
            }
        };
    }

    /** A model deployed on an he4j service: encrypted here, evaluated there, decrypted here. */
    static Scorer remote(String url, String token, String modelId) {
        He4jClient service = He4jClient.builder(url).token(token).build();
        RemoteModel model;
        try {
            model = service.model(modelId);
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        ModelManifest m = model.manifest();
        OutputLink link = OutputLink.valueOf(m.outputLink().toUpperCase(Locale.ROOT));
        String what = url + " model " + m.modelId() + " version " + m.version() + ", " + m.single().kind() + " under "
                + m.single().preset() + ", " + m.single().keys();
        return new Named(m.featureNames(), m.classNames(), link, Optional.of(what)) {
            @Override
            public double[] scores(double[] raw) {
                return model.predict(raw).scores();
            }

            @Override
            public void close() {
                model.close();
                service.close();
            }
        };
    }

    /** What a scorer reports besides scores: the features it takes, its classes, its link, what runs. */
    abstract class Named implements Scorer {
        private final List<String> featureNames;
        private final List<String> classNames;
        private final OutputLink link;
        private final Optional<String> description;

        Named(List<String> featureNames, List<String> classNames, OutputLink link, Optional<String> description) {
            this.featureNames = List.copyOf(featureNames);
            this.classNames = List.copyOf(classNames);
            this.link = link;
            this.description = description;
        }

        /** A model file's names and link. */
        Named(TrainedModel m, Optional<String> description) {
            this(m.featureNames(), m.classNames(), m.network().output(), description);
        }

        @Override
        public List<String> featureNames() {
            return featureNames;
        }

        @Override
        public List<String> classNames() {
            return classNames;
        }

        @Override
        public OutputLink link() {
            return link;
        }

        @Override
        public Optional<String> description() {
            return description;
        }

        @Override
        public void close() {
        }
    }
}
