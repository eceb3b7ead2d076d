package io.he4j.cli;

import io.he4j.app.AppConfig;
import io.he4j.app.HospitalApp;
import io.he4j.app.LocalUsers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.Console;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/** The hospital's web app (docs/app.md): runs where the keys live and talks to a service as its tenant. */
@Command(name = "app", mixinStandardHelpOptions = true,
        description = {"Run the hospital's web app: sign-in, predict one patient, batch CSV, model details, "
                + "evaluation. It encrypts and decrypts here; the service at --server only sees ciphertexts.",
                "Create the first user with 'app user add NAME --data-dir D'. See docs/app.md."},
        subcommands = {AppCommand.User.class})
final class AppCommand implements Runnable {
    @Option(names = "--server", paramLabel = "URL", description = "The he4j service, e.g. http://127.0.0.1:8080.")
    String server;

    @Option(names = "--token", paramLabel = "T", defaultValue = "${env:HE4J_TOKEN}",
            description = "The hospital's API token (default: the HE4J_TOKEN environment variable).")
    String token;

    @Option(names = "--data-dir", paramLabel = "D", defaultValue = "he4j-app",
            description = "Holds the app's local users (default he4j-app).")
    Path dataDir;

    @Option(names = "--port", paramLabel = "P", defaultValue = "8090", description = "TCP port (default 8090; 0 = any).")
    int port;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to bind (default 127.0.0.1: the app is for this machine's browser).")
    String host;

    @Option(names = "--secure-cookies", description = "Mark the session cookie Secure (when users reach the app "
            + "over HTTPS through a proxy).")
    boolean secureCookies;

    @Option(names = "--lockout", paramLabel = "MINUTES", defaultValue = "15",
            description = "Minutes a login stays locked after 5 wrong passwords (default 15).")
    int lockoutMinutes;

    @Override
    public void run() {
        if (server == null || server.isBlank()) {
            throw new IllegalArgumentException("--server URL is required (the he4j service to use)");
        }
        AppConfig config = new AppConfig(server, token, dataDir, host, port, secureCookies,
                Duration.ofMinutes(lockoutMinutes));
        if (new LocalUsers(dataDir).count() == 0) {
            System.err.println("no user yet: create one with './he4j app user add NAME --data-dir " + dataDir + "'");
        }
        HospitalApp app = HospitalApp.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "he4j-app-shutdown"));
        System.out.println("listening on http://" + host + ":" + app.port());
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Command(name = "user", mixinStandardHelpOptions = true, description = "Manage the app's local users.",
            subcommands = {User.Add.class})
    static final class User implements Runnable {
        @Override
        public void run() {
            new picocli.CommandLine(this).usage(System.out);
        }

        @Command(name = "add", mixinStandardHelpOptions = true,
                description = "Add a local user; the password comes from HE4J_PASSWORD or is asked for (hashed "
                        + "with Argon2id, never stored).")
        static final class Add implements Runnable {
            @Parameters(paramLabel = "NAME", description = "User name (letters, digits, '.', '_', '@', '-').")
            String name;

            @Option(names = "--data-dir", paramLabel = "D", defaultValue = "he4j-app",
                    description = "The app's data directory (default he4j-app).")
            Path dataDir;

            @Override
            public void run() {
                char[] password = password();
                try {
                    new LocalUsers(dataDir).add(name, password);
                } finally {
                    Arrays.fill(password, '\0');
                }
                System.out.println("added user " + name + " to " + dataDir.resolve(LocalUsers.FILE));
            }

            private static char[] password() {
                String env = System.getenv("HE4J_PASSWORD");
                if (env != null && !env.isEmpty()) {
                    return env.toCharArray();
                }
                Console c = System.console();
                if (c == null || !c.isTerminal()) {
                    throw new IllegalArgumentException("no terminal to ask for the password: set HE4J_PASSWORD");
                }
                char[] a = c.readPassword("password: ");
                char[] b = c.readPassword("again: ");
                if (a == null || b == null || !Arrays.equals(a, b)) {
                    throw new IllegalArgumentException("the passwords differ");
                }
                Arrays.fill(b, '\0');
                return a;
            }
        }
    }
}
