package io.he4j.cli;

import io.he4j.ckks.SafeDecryption;
import io.he4j.client.EncryptedStudyAggregates;
import io.he4j.client.He4jClient;
import io.he4j.client.KeyFile;
import io.he4j.client.StudyAggregates;
import io.he4j.client.StudyAuthority;
import io.he4j.client.StudyClient;
import io.he4j.client.StudyRelease;
import io.he4j.ml.MlException;
import io.he4j.ml.data.RawTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Multi-institution research studies on an he4j service (docs/server.md, "Research studies"): the research
 * authority creates a study (its keys are made here and kept in a local key file), invites institutions and
 * decrypts the aggregates here; institutions upload CSV rows encrypted here under the study's public key.
 */
@Command(name = "study", mixinStandardHelpOptions = true,
        description = "Encrypted research aggregates across institutions: only the research authority decrypts.",
        subcommands = {StudyCommand.Create.class, StudyCommand.Invite.class, StudyCommand.Upload.class,
                StudyCommand.Close.class, StudyCommand.Aggregate.class})
final class StudyCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** The service and the tenant's token. */
    static final class Service {
        @Option(names = "--server", required = true, paramLabel = "URL", description = "The he4j service.")
        String server;

        @Option(names = "--token", paramLabel = "T", defaultValue = "${env:HE4J_TOKEN}",
                description = "API token (default: the HE4J_TOKEN environment variable).")
        String token;

        He4jClient client() {
            if (token == null || token.isBlank()) {
                throw new MlException("an API token is required: --token T or HE4J_TOKEN");
            }
            return He4jClient.builder(server).token(token).timeout(java.time.Duration.ofMinutes(5)).build();
        }
    }

    static Path defaultKeyFile(String study) {
        return Path.of("he4j-keys", study + ".study-keys");
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a study as its research "
            + "authority: makes the study's keys here (secret key into an owner-only key file), registers the public "
            + "key, prints the study id and the key's SHA-256 (give both to the institutions).")
    static final class Create implements Runnable {
        @Mixin
        Service service = new Service();

        @Option(names = "--name", required = true, description = "The study's name.")
        String name;

        @Option(names = "--features", required = true, split = ",", paramLabel = "NAMES",
                description = "The feature names, comma-separated, in the order institutions' CSV columns have.")
        List<String> features;

        @Option(names = "--mean", split = ",", paramLabel = "M", description = "Public standardization means, one "
                + "per feature (with --std: the service also computes sum((x - mean)/std)).")
        List<Double> mean;

        @Option(names = "--std", split = ",", paramLabel = "S", description = "Public standardization std devs.")
        List<Double> std;

        @Option(names = "--min-institutions", defaultValue = "2", description = "Institutions that must have "
                + "uploaded before an aggregate is released (default: ${DEFAULT-VALUE}).")
        int minInstitutions;

        @Option(names = "--open", description = "Any tenant knowing the study id may join (default: invitation).")
        boolean open;

        @Option(names = "--keys", paramLabel = "FILE", description = "Where to keep the authority's keys "
                + "(default: he4j-keys/STUDY.study-keys).")
        Optional<Path> keys = Optional.empty();

        @Mixin
        KeyPassphrase passphrase = new KeyPassphrase();

        @Override
        public void run() {
            if ((mean == null) != (std == null)) {
                throw new MlException("--mean and --std go together");
            }
            double[][] st = mean == null ? null : new double[][] {
                    mean.stream().mapToDouble(Double::doubleValue).toArray(),
                    std.stream().mapToDouble(Double::doubleValue).toArray()};
            keys.filter(Files::exists).ifPresent(f -> {   // another study's authority key: never overwritten
                throw new MlException("the key file " + f + " exists; name a new one with --keys FILE");
            });
            try (He4jClient c = service.client();
                 StudyAuthority authority = StudyAuthority.generate(StudyAuthority.DEFAULT_PRESET)) {
                StudyClient studies = new StudyClient(c);
                StudyClient.State s = studies.create(name, features, st, minInstitutions, open);
                Path f = keys.orElse(defaultKeyFile(s.id()));
                char[] secret = passphrase.get();
                try {
                    KeyFile.write(f, authority.exportKeys(), secret);  // before the key is registered
                    System.err.println("authority keys saved to " + f + " (" + KeyPassphrase.protection(secret)
                            + "); needed to decrypt the aggregates");
                } finally {
                    if (secret != null) {
                        Arrays.fill(secret, '\0');
                    }
                }
                String sha = studies.registerKey(s.id(), authority);
                System.out.println("study " + s.id());
                System.out.println("key-sha256 " + sha);
            }
        }
    }

    @Command(name = "invite", mixinStandardHelpOptions = true, description = "Add an institution (a tenant name) "
            + "to a study (research authority only).")
    static final class Invite implements Runnable {
        @Mixin
        Service service = new Service();

        @Option(names = "--study", required = true, paramLabel = "ID")
        String study;

        @Option(names = "--institution", required = true, paramLabel = "TENANT", description = "The tenant's name.")
        String institution;

        @Override
        public void run() {
            try (He4jClient c = service.client()) {
                new StudyClient(c).invite(study, institution);
                System.err.println(institution + " is an institution of " + study);
            }
        }
    }

    @Command(name = "upload", mixinStandardHelpOptions = true, description = "Encrypt the rows of a CSV file here "
            + "under the study's public key and upload them (an institution of the study).")
    static final class Upload implements Runnable {
        @Mixin
        Service service = new Service();

        @Mixin
        FeatureCsvOptions rows = new FeatureCsvOptions();

        @Option(names = "--study", required = true, paramLabel = "ID")
        String study;

        @Option(names = "--upload-id", paramLabel = "ID", description = "Idempotency key of this upload "
                + "(default: the data file's name).")
        Optional<String> uploadId = Optional.empty();

        @Option(names = "--key-sha256", paramLabel = "HEX", description = "The key fingerprint the authority "
                + "published ('study create' prints it): refuse to encrypt under any other key.")
        Optional<String> keySha = Optional.empty();

        @Option(names = "--join", description = "Join the study first (open studies).")
        boolean join;

        @Option(names = "--drop-missing", description = "Drop rows with a missing value (else they are refused).")
        boolean dropMissing;

        @Override
        public void run() {
            try (He4jClient c = service.client()) {
                StudyClient studies = new StudyClient(c);
                if (join) {
                    studies.join(study);
                }
                RawTable table = rows.read(studies.state(study).features());
                double[][] x = table.features();
                if (dropMissing) {
                    x = Arrays.stream(x).filter(r -> Arrays.stream(r).allMatch(Double::isFinite))
                            .toArray(double[][]::new);
                }
                if (keySha.isEmpty()) {
                    System.err.println("warning: no --key-sha256: trusting the service to hand out the authority's key");
                }
                String id = uploadId.orElse(rows.data.getFileName().toString().replaceAll("[^A-Za-z0-9._:-]", "_"));
                String outcome = studies.upload(study, id, x, keySha);
                System.err.printf(Locale.ROOT, "%d rows encrypted and uploaded as %s: %s%n", x.length, id, outcome);
            }
        }
    }

    @Command(name = "close", mixinStandardHelpOptions = true, description = "Close a study (research authority "
            + "only): no more uploads; aggregates are computed only once a study is closed.")
    static final class Close implements Runnable {
        @Mixin
        Service service = new Service();

        @Option(names = "--study", required = true, paramLabel = "ID")
        String study;

        @Override
        public void run() {
            try (He4jClient c = service.client()) {
                new StudyClient(c).close(study);
                System.err.println(study + " is closed: no more uploads");
            }
        }
    }

    @Command(name = "aggregate", mixinStandardHelpOptions = true, description = "Have the service aggregate every "
            + "upload (encrypted), decrypt here with the authority's keys and print CSV: per feature sum, mean, "
            + "standard deviation, sum of squares and the standardized sum.")
    static final class Aggregate implements Runnable {
        @Mixin
        Service service = new Service();

        @Option(names = "--study", required = true, paramLabel = "ID")
        String study;

        @Option(names = "--keys", paramLabel = "FILE", description = "The authority's key file "
                + "(default: he4j-keys/STUDY.study-keys).")
        Optional<Path> keys = Optional.empty();

        @Mixin
        KeyPassphrase passphrase = new KeyPassphrase();

        @Option(names = "--precision", defaultValue = "1e-3", paramLabel = "P", description = "Values are published: "
                + "each is flooded with noise and rounded to a multiple of P (safe decryption; default: "
                + "${DEFAULT-VALUE}). A coarser grid hides the CKKS noise better: stderr says how well.")
        double precision;

        @Option(names = "--exact", description = "Print the exact decryptions instead, for the authority's own "
                + "use: they carry CKKS noise that can leak the key to whoever computed the aggregates.")
        boolean exact;

        @Override
        public void run() {
            Path f = keys.orElse(defaultKeyFile(study));
            char[] secret = passphrase.get();
            byte[] saved;
            try {
                saved = KeyFile.read(f, secret).orElseThrow(() ->
                        new MlException("no authority key file " + f + " (--keys FILE)"));
            } catch (IllegalStateException | UncheckedIOException e) {
                throw new MlException(e.getMessage() + KeyPassphrase.hint());
            } finally {
                if (secret != null) {
                    Arrays.fill(secret, '\0');
                }
            }
            try (He4jClient c = service.client(); StudyAuthority authority = StudyAuthority.load(saved)) {
                EncryptedStudyAggregates encrypted = new StudyClient(c).aggregate(study);
                StudyAggregates a;
                if (exact) {
                    a = authority.decrypt(encrypted);
                    System.err.println("exact decryptions: not for publishing (they carry the CKKS noise)");
                } else {
                    StudyRelease r = authority.release(encrypted, SafeDecryption.toPrecision(precision));
                    a = r.aggregates();
                    System.err.printf(Locale.ROOT, "released to multiples of %s with a noise flood of %.1f "
                            + "statistical bits for the weakest value (30 is the full flood; --precision P)%n",
                            precision, r.statisticalBits());
                }
                System.err.printf(Locale.ROOT, "%d institutions, %d rows declared, encrypted count %.3f%s%n",
                        a.institutions(), a.declaredRows(), a.count(),
                        a.countMatchesDeclaredRows() ? "" : " (MISMATCH: an institution declared other rows)");
                System.out.println("feature,n,sum,mean,std,sum_of_squares" + (a.standardizedSum().isPresent()
                        ? ",standardized_sum" : ""));
                for (int j = 0; j < a.features().size(); j++) {
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s,%d,%.9g,%.9g,%.9g,%.9g",
                            a.features().get(j), a.declaredRows(), a.sum()[j], a.mean()[j],
                            Math.sqrt(Math.max(0, a.variance(j))), a.sumOfSquares()[j]));
                    int jj = j;
                    a.standardizedSum().ifPresent(s -> line.append(String.format(Locale.ROOT, ",%.9g", s[jj])));
                    System.out.println(line);
                }
            } finally {
                Arrays.fill(saved, (byte) 0);
            }
        }
    }
}
