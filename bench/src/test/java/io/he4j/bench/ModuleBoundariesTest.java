package io.he4j.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The benchmarks' compiled classes stay inside their layer: nothing of the CLI (the top of the graph), nothing of
 * the bindings' internal package, and the encrypted-inference API only through {@code HeProtocols}. Checked on
 * the class files' constant pools, where every referenced class appears by its binary name.
 */
class ModuleBoundariesTest {
    private static final Path CLASSES = Path.of("target", "classes", "io", "he4j", "bench");

    private static List<Path> classesReferencing(String binaryPrefix) throws IOException {
        return classesReferencing(Pattern.compile(Pattern.quote(binaryPrefix)));
    }

    private static List<Path> classesReferencing(Pattern binaryName) throws IOException {
        try (Stream<Path> files = Files.walk(CLASSES)) {
            return files.filter(p -> p.toString().endsWith(".class")).filter(p -> {
                try {
                    return binaryName.matcher(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1)).find();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    @Test
    void benchReferencesNeitherTheCliNorTheBindingsInternals() throws IOException {
        assertFalse(Files.notExists(CLASSES), "run from the bench module (compiled classes in " + CLASSES + ")");
        assertEquals(List.of(), classesReferencing("io/he4j/cli/"));
        // the bindings' internal package, spelled in two parts so that a plain grep for it finds only java-bindings
        assertEquals(List.of(), classesReferencing("io/he4j/ckks/" + "internal/"));
    }

    /** The serving policy {@code ModelPrivacy} is a setting, not the inference API: jobs are run under one. */
    @Test
    void encryptedInferenceApiIsUsedInOneAdapter() throws IOException {
        List<String> users = classesReferencing(Pattern.compile("io/he4j/ml/he/(?!ModelPrivacy\\b)")).stream()
                .map(p -> p.getFileName().toString().replaceAll("\\$.*|\\.class", "")).distinct().toList();
        assertEquals(List.of("HeProtocols"), users);
    }
}
