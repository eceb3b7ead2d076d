package io.he4j.ckks;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LibraryLoadingTest {

    @Test
    void loadsBundledLibraryFromTheJarResources() {
        LibraryInfo info = He4j.info();
        assertEquals(1, info.abiVersion());
        assertEquals(BackendUnderTest.NAME, info.backend());
        // The SEAL backend reports its HEXL path ("hexl-avx512ifma", ...); the engine's own paths are fixed.
        if (info.backend().equals("he4j")) {
            assertTrue(Set.of("scalar", "avx512dq", "avx512ifma").contains(info.cpuPath()), info.cpuPath());
        }
        assertTrue(info.cpuFeatures().contains("avx512f="), info.cpuFeatures());
        if (System.getProperty("he4j.native.path") == null) {
            assertTrue(info.source().startsWith("jar:/META-INF/native/linux-x86_64/libhe4j"), info.source());
        }
    }

    @Test
    void disablingAvx512ForcesTheScalarPath() throws Exception {
        Result r = probe(List.of(), Map.of("HE4J_DISABLE_AVX512", "1"));
        assertEquals(0, r.exit, r.output);
        assertTrue(r.output.contains("cpuPath=scalar"), r.output);
    }

    @Test
    void wrongExplicitPathNamesTheFileAndDoesNotFallBack() throws Exception {
        Path missing = Path.of("/nonexistent/he4j/libhe4j-missing.so");
        Result r = probe(List.of("-Dhe4j.native.path=" + missing), Map.of());
        assertNotEquals(0, r.exit, r.output);
        assertTrue(r.output.contains("NativeLibraryException"), r.output);
        assertTrue(r.output.contains(missing.toString()), r.output);
        assertTrue(r.output.contains("he4j.native.path"), r.output);
    }

    @Test
    void fileThatIsNotALibraryGivesAClearError() throws Exception {
        Path notLib = Path.of(System.getProperty("java.io.tmpdir"), "he4j-not-a-library.so");
        java.nio.file.Files.writeString(notLib, "not an ELF file");
        try {
            Result r = probe(List.of("-Dhe4j.native.path=" + notLib), Map.of());
            assertNotEquals(0, r.exit, r.output);
            assertTrue(r.output.contains("cannot be loaded"), r.output);
            assertTrue(r.output.contains(notLib.toString()), r.output);
        } finally {
            java.nio.file.Files.deleteIfExists(notLib);
        }
    }

    @Test
    void unknownBackendIsRefusedWithTheAllowedValues() throws Exception {
        Result r = probe(List.of("-Dhe4j.backend=tfhe"), Map.of());
        assertNotEquals(0, r.exit, r.output);
        assertTrue(r.output.contains("allowed: he4j, seal"), r.output);
    }

    record Result(int exit, String output) {
    }

    /** Runs LoaderProbe in a fresh JVM: the library loads once per JVM. */
    static Result probe(List<String> jvmArgs, Map<String, String> env) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), LoaderProbe.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }
}
