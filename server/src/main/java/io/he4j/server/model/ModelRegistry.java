package io.he4j.server.model;

import io.he4j.ml.model.ModelFile;
import io.he4j.ml.model.TrainedModel;
import io.he4j.server.auth.Tokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The deployed models, by id. Deploying compiles the new versions first and then swaps the whole map in one
 * atomic step: a request sees either the old or the new version, never a gap, so a new version goes live
 * without dropping requests. A replaced version is not closed here (requests may still hold it); its native
 * memory is freed by the engine's cleaners once it is unreachable.
 * Thread-safe.
 */
public final class ModelRegistry {
    private final AtomicReference<Map<String, DeployedModel>> models = new AtomicReference<>(Map.of());

    public Optional<DeployedModel> get(String id) {
        return Optional.ofNullable(models.get().get(id));
    }

    /** Sorted by id. */
    public Collection<DeployedModel> all() {
        return new TreeMap<>(models.get()).values();
    }

    /** Adds or replaces one model. */
    public synchronized void deploy(DeployedModel model) {
        Map<String, DeployedModel> next = new HashMap<>(models.get());
        next.put(model.id(), model);
        models.set(Map.copyOf(next));
    }

    /**
     * Deploys every {@code *.json} model file in the directory (model id = file name without .json, version =
     * the first 16 hex digits of the file's SHA-256); files whose version is already live are not recompiled.
     * Models whose file is gone stay deployed. Returns the ids (re)compiled.
     */
    public synchronized List<String> deployDirectory(Path dir) {
        Map<String, DeployedModel> next = new HashMap<>(models.get());
        List<String> compiled = new ArrayList<>();
        for (Path file : modelFiles(dir)) {
            String name = file.getFileName().toString();
            String id = name.substring(0, name.length() - ".json".length());
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read model file " + file + ": " + e.getMessage(), e);
            }
            String version = Tokens.sha256Hex(bytes).substring(0, 16);
            DeployedModel live = next.get(id);
            if (live != null && live.version().equals(version)) {
                continue;
            }
            TrainedModel m = ModelFile.fromJson(new String(bytes, java.nio.charset.StandardCharsets.UTF_8),
                    file.toString());
            next.put(id, DeployedModel.deploy(m, id, version));
            compiled.add(id);
        }
        models.set(Map.copyOf(next));
        return compiled;
    }

    private static List<Path> modelFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("models directory " + dir + " does not exist");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
