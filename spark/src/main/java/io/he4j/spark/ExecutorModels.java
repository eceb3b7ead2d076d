package io.he4j.spark;

import io.he4j.ckks.PublicContext;
import io.he4j.ml.he.CompiledModel;
import io.he4j.ml.he.ModelServer;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server sides built in this JVM (one per executor), keyed by the SHA-256 of the compiled model's bytes:
 * every task of a job on this executor shares one {@link ModelServer} (thread-safe), built from the broadcast
 * bytes the first time a task needs it; likewise an institution's public keys. They live as long as the
 * executor. Reply masks are made on the task threads ({@link ModelServer#forBatchJobs}): an executor's CPU use is
 * its task slots', as Spark's scheduling assumes.
 */
final class ExecutorModels {
    private static final Map<String, ModelServer> SERVERS = new ConcurrentHashMap<>();
    private static final Map<String, PublicContext> KEYS = new ConcurrentHashMap<>();

    /** @param modelPrivacy false only for a trusted client ({@link ModelServer#withoutModelPrivacy}) */
    static ModelServer server(byte[] compiledModel, boolean modelPrivacy) {
        return SERVERS.computeIfAbsent(sha256(compiledModel) + (modelPrivacy ? "" : "/trusted"), k -> modelPrivacy
                ? ModelServer.forBatchJobs(CompiledModel.fromBytes(compiledModel))
                : ModelServer.withoutModelPrivacy(CompiledModel.fromBytes(compiledModel)));
    }

    /** A registered key set's public context (validated by the engine's loader; no secret key in it). */
    static PublicContext keys(byte[] keySet) {
        return KEYS.computeIfAbsent(sha256(keySet), k -> PublicContext.fromBytes(keySet));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }

    private ExecutorModels() {
    }
}
