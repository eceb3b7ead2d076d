package io.he4j.cli;

import io.he4j.client.He4jClient;
import io.he4j.client.KeyFile;
import io.he4j.client.PredictionCsv;
import io.he4j.client.RemoteModel;
import io.he4j.client.RowRecordIds;
import io.he4j.client.ScoringJob;
import io.he4j.ml.MlException;
import io.he4j.ml.data.RawTable;
import io.he4j.ml.model.OutputLink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Encrypted records stored on an he4j service: upload (encrypted here), score (there, in the background),
 * results (decrypted here, printed as `./he4j predict` prints them). The secret keys stay in a local key file.
 */
@Command(name = "records", mixinStandardHelpOptions = true,
        description = "Store encrypted patient records on an he4j service, score them there, decrypt the results here.",
        subcommands = {RecordsCommand.Upload.class, RecordsCommand.Score.class, RecordsCommand.Results.class})
final class RecordsCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** The service, the tenant's token, the model and the local key file every subcommand needs. */
    static final class Target {
        @Option(names = "--server", required = true, paramLabel = "URL", description = "The he4j service.")
        String server;

        @Option(names = "--token", paramLabel = "T", defaultValue = "${env:HE4J_TOKEN}",
                description = "API token (default: the HE4J_TOKEN environment variable).")
        String token;

        @Option(names = "--model", required = true, paramLabel = "ID", description = "The deployed model's id.")
        String model;

        @Option(names = "--keys", paramLabel = "FILE", description = "The secret key file (made by the first upload, "
                + "owner-only; keep it like a password). Default: he4j-keys/MODEL.keys")
        Optional<Path> keys = Optional.empty();

        @Mixin
        KeyPassphrase passphrase = new KeyPassphrase();

        He4jClient client() {
            if (token == null || token.isBlank()) {
                throw new MlException("an API token is required: --token T or HE4J_TOKEN");
            }
            return He4jClient.builder(server).token(token).build();
        }

        Path keyFile() {
            return keys.orElse(Path.of("he4j-keys", model + ".keys"));
        }

        /** The model with the saved keys, or (create) with new keys saved first, before anything is encrypted. */
        RemoteModel open(He4jClient c, boolean create) {
            Path f = keyFile();
            char[] passphrase = this.passphrase.get();
            try {
                Optional<byte[]> saved;
                try {
                    saved = KeyFile.read(f, passphrase);
                } catch (IllegalStateException e) {
                    throw new MlException(e.getMessage() + KeyPassphrase.hint());
                }
                if (saved.isPresent()) {
                    try {
                        return c.model(model, saved.get());
                    } finally {
                        Arrays.fill(saved.get(), (byte) 0);
                    }
                }
                if (!create) {
                    throw new MlException("no key file " + f + ": the records were encrypted with keys kept there "
                            + "(--keys FILE)");
                }
                RemoteModel m = c.model(model);
                KeyFile.write(f, m.exportKeys(), passphrase);
                System.err.println("new secret keys saved to " + f + " (" + KeyPassphrase.protection(passphrase)
                        + "); needed to decrypt the results");
                return m;
            } finally {
                if (passphrase != null) {
                    Arrays.fill(passphrase, '\0');
                }
            }
        }
    }

    @Command(name = "upload", mixinStandardHelpOptions = true, description = "Encrypt every row of a CSV file here "
            + "and store it on the service. Record ids are the row numbers './he4j predict' prints (N), or with "
            + "--batch FIRST-LAST for a feature-major record of many rows.")
    static final class Upload implements Runnable {
        static final int SINGLES_PER_REQUEST = 64;

        @Mixin
        Target target = new Target();

        @Mixin
        FeatureCsvOptions rows = new FeatureCsvOptions();

        @Option(names = "--batch", description = "Feature-major batch records (one per model batch capacity of rows): "
                + "far fewer, far faster to score.")
        boolean batch;

        @Option(names = "--replace", description = "Replace records already stored under the same ids.")
        boolean replace;

        @Override
        public void run() {
            try (He4jClient c = target.client(); RemoteModel m = target.open(c, true)) {
                RawTable table = rows.read(m.manifest().featureNames());
                double[][] x = table.features();
                ProgressBar bar = new ProgressBar(System.err);
                int[] outcomes = new int[4];
                // single records go SINGLES_PER_REQUEST to a request (one transaction each on the service)
                int step = batch ? m.batchCapacity() : SINGLES_PER_REQUEST;
                for (int start = 0; start < x.length; start += step) {
                    int end = Math.min(x.length, start + step);
                    List<String> got;
                    if (batch) {
                        got = List.of(m.uploadBatchRecord(RowRecordIds.batch(start + 1, end),
                                Arrays.copyOfRange(x, start, end), "", replace));
                    } else {
                        List<String> ids = new java.util.ArrayList<>();
                        for (int i = start; i < end; i++) {
                            ids.add(RowRecordIds.single(i + 1));
                        }
                        got = List.copyOf(m.uploadRecords(ids, Arrays.copyOfRange(x, start, end), replace).values());
                    }
                    for (String outcome : got) {
                        outcomes[switch (outcome) {
                            case "created" -> 0;
                            case "replaced" -> 1;
                            case "unchanged" -> 2;
                            default -> 3;
                        }]++;
                    }
                    bar.update("encrypted uploads", end, x.length);
                }
                System.err.printf(Locale.ROOT, "%d rows in %d records: %d created, %d replaced, %d unchanged%n",
                        x.length, outcomes[0] + outcomes[1] + outcomes[2], outcomes[0], outcomes[1], outcomes[2]);
                if (outcomes[3] > 0) {
                    throw new MlException(outcomes[3] + " records exist with other content and were left as they "
                            + "were (--replace to replace them)");
                }
            }
        }
    }

    @Command(name = "score", mixinStandardHelpOptions = true, description = "Score every stored record of the model "
            + "on the service (encrypted); prints the job id.")
    static final class Score implements Runnable {
        @Mixin
        Target target = new Target();

        @Option(names = "--no-wait", description = "Return once the job is queued.")
        boolean noWait;

        @Override
        public void run() {
            try (He4jClient c = target.client(); RemoteModel m = c.model(target.model)) {
                ScoringJob job = m.score();
                System.out.println(job.id());
                if (noWait) {
                    return;
                }
                ProgressBar bar = new ProgressBar(System.err);
                ScoringJob done = m.await(job.id(), Duration.ofMillis(200),
                        j -> bar.update("encrypted scoring", j.done() + j.failed(), Math.max(1, j.total())));
                System.err.printf(Locale.ROOT, "job %s %s: %d records scored, %d failed%n", done.id(), done.state(),
                        done.done(), done.failed());
            }
        }
    }

    @Command(name = "results", mixinStandardHelpOptions = true, description = "Download a job's encrypted scores, "
            + "decrypt them here and print the CSV './he4j predict' prints (default: the model's newest job).")
    static final class Results implements Runnable {
        @Mixin
        Target target = new Target();

        @Option(names = "--job", paramLabel = "ID", description = "The job (default: the newest for the model).")
        Optional<String> job = Optional.empty();

        @Override
        public void run() {
            try (He4jClient c = target.client(); RemoteModel m = target.open(c, false)) {
                ScoringJob j = job.map(m::job).orElseGet(() -> m.latestJob().orElseThrow(() -> new MlException(
                        "no scoring job for model " + target.model + ": run './he4j records score' first")));
                if (!j.state().equals("done")) {
                    throw new MlException("job " + j.id() + " is " + j.state() + " (" + j.done() + "/" + j.total()
                            + "); wait for it to finish");
                }
                OutputLink link = OutputLink.valueOf(m.manifest().outputLink().toUpperCase(Locale.ROOT));
                new PredictionCsv(System.out, link, m.manifest().classNames()).results(m.results(j.id()))
                        .forEach(System.err::println);
            }
        }
    }
}
