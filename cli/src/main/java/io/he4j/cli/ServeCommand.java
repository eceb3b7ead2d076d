package io.he4j.cli;

import io.he4j.server.He4jServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Runs the encrypted inference service until interrupted (SIGINT/SIGTERM stop it gracefully). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve encrypted predictions over HTTP: deploys every model file in --models "
                + "(id = file name without .json), stores tenants, key sets and the audit trail in the data "
                + "directory. See docs/server.md.",
                "Redeploy new model files without dropping requests: POST /v1/admin/models/reload (admin token)."})
final class ServeCommand implements Runnable {
    @Option(names = "--models", paramLabel = "DIR", description = "Directory of model files (./he4j train output).")
    Path models;

    @Option(names = "--port", paramLabel = "P", description = "TCP port (default 8080; 0 picks a free one).")
    Integer port;

    @Option(names = "--host", paramLabel = "ADDR", description = "Address to bind (default 127.0.0.1).")
    String host;

    @Mixin
    ServerConfigOptions config;

    @Override
    public void run() {
        Map<String, String> o = new LinkedHashMap<>();
        if (models != null) {
            o.put("models-dir", models.toString());
        }
        if (port != null) {
            o.put("port", port.toString());
        }
        if (host != null) {
            o.put("host", host);
        }
        He4jServer server = He4jServer.start(config.load(o));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping: letting in-flight requests finish");
            server.close();
            stopped.countDown();
        }, "he4j-shutdown"));
        System.out.println("models: " + String.join(", ", server.models().all().stream()
                .map(m -> m.id() + " (" + m.version() + ")").toList()));
        System.out.println("listening on " + server.uri());
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
