package io.he4j.spark;

import io.he4j.ckks.PublicContext;
import io.he4j.ml.he.CompiledModel;
import io.he4j.ml.he.ModelServer;
import io.he4j.protocol.KeySetId;
import org.apache.spark.broadcast.Broadcast;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server sides built in this JVM (one per executor), keyed by the SHA-256 of the compiled model's bytes:
 * every task of a job on this executor shares one {@link ModelServer} (thread-safe), built from the broadcast
 * bytes the first time a task needs it; likewise an institution's public keys. They live as long as the
 * executor. Reply masks are made on the task threads ({@link ModelServer#forBatchJobs}): an executor's CPU use is
 * its task slots', as Spark's scheduling assumes. What a broadcast value resolves to is remembered by the value's
 * identity (Spark hands every task on an executor the same cached instance; another instance is resolved again),
 * so a task does not hash the model and key sets again: a digits MLP's key set with its Galois keys is tens of MB.
 */
final class ExecutorModels {
    private static final Map<String, ModelServer> SERVERS = new ConcurrentHashMap<>();
    private static final Map<String, PublicContext> KEYS = new ConcurrentHashMap<>();
    /** Weak, by identity (arrays compare by identity; lists of them element by element): dropped with the value. */
    private static final Map<byte[], ModelServer> SERVER_OF_VALUE = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Map<List<byte[]>, Map<String, PublicContext>> KEY_SETS_OF_VALUE =
            Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * @param compiledModel the broadcast {@code CompiledModel.toBytes()}
     * @param modelPrivacy  false only for a trusted client ({@link ModelServer#withoutModelPrivacy})
     */
    static ModelServer server(Broadcast<byte[]> compiledModel, boolean modelPrivacy) {
        byte[] bytes = compiledModel.value();
        if (!modelPrivacy) {
            return server(bytes, false);
        }
        return SERVER_OF_VALUE.computeIfAbsent(bytes, b -> server(b, true));
    }

    static ModelServer server(byte[] compiledModel, boolean modelPrivacy) {
        return SERVERS.computeIfAbsent(sha256(compiledModel) + (modelPrivacy ? "" : "/trusted"), k -> modelPrivacy
                ? ModelServer.forBatchJobs(CompiledModel.fromBytes(compiledModel))
                : ModelServer.withoutModelPrivacy(CompiledModel.fromBytes(compiledModel)));
    }

    /** The broadcast key sets by the id the service names them with (content-derived), loaded once here. */
    static Map<String, PublicContext> keySets(Broadcast<? extends List<byte[]>> keySets) {
        return KEY_SETS_OF_VALUE.computeIfAbsent(keySets.value(), value -> {
            Map<String, PublicContext> byId = new HashMap<>();
            for (byte[] k : value) {
                byId.put(KeySetId.of(k), keys(k));
            }
            return Map.copyOf(byId);
        });
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
