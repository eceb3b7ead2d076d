package io.he4j.bench.probe;

import io.he4j.bench.jmh.CkksOp;
import io.he4j.bench.jmh.CkksSession;
import io.he4j.bench.model.Figure;
import io.he4j.bench.model.Spread;
import io.he4j.bench.model.Stats;
import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.He4j;
import io.he4j.ckks.LibraryInfo;
import io.he4j.ckks.PublicContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serialized sizes and memory per session, measured in a fresh JVM (so heap deltas are this session's):
 * run as {@code java -Dhe4j.backend=B -cp ... io.he4j.bench.probe.SizesProbe PRESET...}; prints one JSON
 * object {library, figures} on stdout. Sizes are exact byte counts; memory is the C-heap growth per live
 * session (context + secret, public, relinearization and 8 Galois keys + 2 ciphertexts), median of 3.
 */
public final class SizesProbe {
    static final int SESSIONS = 3;

    private SizesProbe() {
    }

    public static void main(String[] args) {
        LibraryInfo info = He4j.info();
        String command = System.getProperty("he4j.bench.command", "SizesProbe");
        List<Figure> figures = new ArrayList<>();
        String[] presets = args.length == 0 ? CkksOp.PRESETS : args;
        for (String preset : presets) {
            figures.addAll(sizes(preset, info, command));
            figures.addAll(memory(preset, info, command));
        }
        ProbeOutput.print(info, figures);
    }

    static List<Figure> sizes(String preset, LibraryInfo info, String command) {
        List<Figure> out = new ArrayList<>();
        try (CkksSession s = new CkksSession(preset);
             Ciphertext sym = s.symmetricEncryptor.encrypt(s.plain);
             Ciphertext product = s.evaluator.mulRelin(s.a, s.b);
             Ciphertext rescaled = s.evaluator.rescale(product);
             var gk1 = s.keyGenerator.galoisKeys(s.secretKey, 1);
             PublicContext pc = PublicContext.of(s.context, s.publicKey, s.evaluationKeys)) {
            Map<String, Integer> sizes = new LinkedHashMap<>();
            sizes.put("public_key", s.publicKey.toBytes().length);
            sizes.put("relin_key", s.relinKey.toBytes().length);
            sizes.put("galois_key_1step", gk1.toBytes().length);
            sizes.put("galois_keys_8steps", s.galoisKeys.toBytes().length);
            sizes.put("public_context_relin_8rot", pc.toBytes().length);
            sizes.put("ciphertext_pk", s.a.toBytes().length);
            sizes.put("ciphertext_sk_seeded", sym.toBytes().length);
            sizes.put("ciphertext_after_mul_rescale", rescaled.toBytes().length);
            sizes.put("plaintext", s.plain.toBytes().length);
            for (Map.Entry<String, Integer> e : sizes.entrySet()) {
                String name = e.getKey() + "/" + preset;
                Map<String, Object> params = new LinkedHashMap<>();
                params.put("preset", preset);
                params.put("n", s.context.polyDegree());
                params.put("object", e.getKey());
                out.add(new Figure(Figure.idOf("sizes", name, info.backend()), "sizes", name, "bytes", e.getValue(),
                        Spread.exact(e.getValue()), params, info.backend(), info.cpuPath(), command));
            }
        }
        return out;
    }

    static List<Figure> memory(String preset, LibraryInfo info, String command) {
        if (!NativeHeapMeter.available()) {
            return List.of();
        }
        try (CkksSession warm = new CkksSession(preset)) {
            warm.evaluator.mulRelin(warm.a, warm.b).close();
        }
        List<CkksSession> live = new ArrayList<>();
        double[] deltas = new double[SESSIONS];
        try {
            for (int i = 0; i < SESSIONS; i++) {
                long before = NativeHeapMeter.inUseBytes();
                live.add(new CkksSession(preset));
                deltas[i] = (NativeHeapMeter.inUseBytes() - before) / (1024.0 * 1024.0);
            }
        } finally {
            live.forEach(CkksSession::close);
        }
        String name = "session_native_heap/" + preset;
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("preset", preset);
        params.put("session", "context + sk + pk + relin key + Galois keys (8 steps) + 2 ciphertexts + 1 plaintext");
        params.put("method", "glibc mallinfo2 in-use growth per live session, " + SESSIONS + " sessions kept alive");
        return List.of(new Figure(Figure.idOf("memory", name, info.backend()), "memory", name, "MiB",
                Stats.median(deltas), Stats.spread(deltas), params, info.backend(), info.cpuPath(), command));
    }
}
