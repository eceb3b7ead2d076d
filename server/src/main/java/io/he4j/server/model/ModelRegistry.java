package io.he4j.server.model;

import io.he4j.ml.he.ModelPrivacy;
import io.he4j.ml.model.ModelFile;
import io.he4j.ml.model.TrainedModel;

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
 * atomic step: a request sees either the old or the new version, never a gap. The version a new one replaces
 * stays deployed as the previous version until the next deploy of that id, so that clients still holding its
 * manifest (a new version may have other scales or parameters) finish their work by naming it
 * ({@code He4j-Model-Version}) instead of failing. A version dropped from the map is not closed here (requests
 * may still hold it); its native memory is freed by the engine's cleaners once it is unreachable.
 * Thread-safe.
 */
public final class ModelRegistry {
    /** The live version of a model id and the one it replaced, if any. */
    private record Versions(DeployedModel current, Optional<DeployedModel> previous) {
        Versions replacedBy(DeployedModel next) {
            return new Versions(next, Optional.of(current));
        }
    }

    private final AtomicReference<Map<String, Versions>> models = new AtomicReference<>(Map.of());
    private final ModelPrivacy modelPrivacy;

    /** A registry whose deployed models reply with model privacy (re-randomized, flooded replies). */
    public ModelRegistry() {
        this(ModelPrivacy.STATISTICAL);
    }

    /** @param modelPrivacy weaker than STATISTICAL only by ServerConfig's weakening switches */
    public ModelRegistry(ModelPrivacy modelPrivacy) {
        this.modelPrivacy = modelPrivacy;
    }

    /** The live version. */
    public Optional<DeployedModel> get(String id) {
        return Optional.ofNullable(models.get().get(id)).map(Versions::current);
    }

    /** The live or the previous version, if it has this version string. */
    public Optional<DeployedModel> get(String id, String version) {
        Versions v = models.get().get(id);
        if (v == null) {
            return Optional.empty();
        }
        if (v.current().version().equals(version)) {
            return Optional.of(v.current());
        }
        return v.previous().filter(p -> p.version().equals(version));
    }

    /** The live versions, sorted by id. */
    public Collection<DeployedModel> all() {
        Map<String, DeployedModel> sorted = new TreeMap<>();
        models.get().forEach((id, v) -> sorted.put(id, v.current()));
        return sorted.values();
    }

    /** Adds a model or replaces its live version. */
    public synchronized void deploy(DeployedModel model) {
        Map<String, Versions> next = new HashMap<>(models.get());
        next.merge(model.id(), new Versions(model, Optional.empty()), (old, fresh) -> old.replacedBy(model));
        models.set(Map.copyOf(next));
    }

    /**
     * Deploys every {@code *.json} model file in the directory (model id = file name without .json, version =
     * the first 16 hex digits of the file's SHA-256); files whose version is already live are not recompiled.
     * Models whose file is gone stay deployed. Returns the ids (re)compiled.
     */
    public synchronized List<String> deployDirectory(Path dir) {
        Map<String, Versions> next = new HashMap<>(models.get());
        List<String> compiled = new ArrayList<>();
        for (Path file : modelFiles(dir)) {
            String id = ModelFile.deployedId(file);
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read model file " + file + ": " + e.getMessage(), e);
            }
            String version = ModelFile.deployedVersion(bytes);
            Versions live = next.get(id);
            if (live != null && live.current().version().equals(version)) {
                continue;
            }
            TrainedModel m = ModelFile.fromJson(new String(bytes, java.nio.charset.StandardCharsets.UTF_8),
                    file.toString());
            DeployedModel fresh = DeployedModel.deploy(m, id, version, modelPrivacy);
            next.put(id, live == null ? new Versions(fresh, Optional.empty()) : live.replacedBy(fresh));
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
