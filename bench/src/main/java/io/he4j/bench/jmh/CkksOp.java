package io.he4j.bench.jmh;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The CKKS operations benchmarked both natively ({@code ckks_<op>/<preset>} in he4j_native_bench and
 * he4j_seal_bench) and through Java ({@link CkksPrimitivesBench}, one method per op, same name in camel case).
 * The SEAL+HEXL references are issue 4's table (µs, single thread, this machine) where it has one.
 */
public enum CkksOp {
    ENCODE("encode", "encode", 343, 795),
    ENCRYPT_PK("encrypt_pk", "encryptPk", 1736, 4080),
    ENCRYPT_SK("encrypt_sk", "encryptSk", 1096, 2804),
    DECRYPT("decrypt", "decrypt", 38, 122),
    DECODE("decode", "decode", 722, 2326),
    ADD("add", "add", 17.6, 122),
    MULTIPLY_PLAIN("multiply_plain", "multiplyPlain", 40, 159),
    MULTIPLY_RELIN("multiply_relin", "multiplyRelin", 1511, 4819),
    RESCALE("rescale", "rescale", 260, 810),
    ROTATE_1("rotate_1", "rotate1", 1472, 4563),
    ROTATE_HOISTED_8("rotate_hoisted_8", "rotateHoisted8", Double.NaN, Double.NaN),
    RELIN_KEYGEN("relin_keygen", "relinKeygen", 4209, 13726),
    GALOIS_KEYGEN_1STEP("galois_keygen_1step", "galoisKeygen1step", Double.NaN, Double.NaN);

    /** The presets of issue 4: P8K (N=8192, {60,40,40,60}, 2^40) and P16K (N=16384, {60,45,45,45,60}, 2^45). */
    public static final String[] PRESETS = {"P8K", "P16K"};

    private final String nativeName;
    private final String javaMethod;
    private final double sealP8kUs;
    private final double sealP16kUs;

    CkksOp(String nativeName, String javaMethod, double sealP8kUs, double sealP16kUs) {
        this.nativeName = nativeName;
        this.javaMethod = javaMethod;
        this.sealP8kUs = sealP8kUs;
        this.sealP16kUs = sealP16kUs;
    }

    /** e.g. {@code multiply_relin}. */
    public String nativeName() {
        return nativeName;
    }

    /** The JMH method in {@link CkksPrimitivesBench}. */
    public String javaMethod() {
        return javaMethod;
    }

    /** Benchmark name shared by the native and Java suites: {@code ckks_<op>/<preset>}. */
    public String benchName(String preset) {
        return "ckks_" + nativeName + "/" + preset;
    }

    /** Issue 4's SEAL 4.4.3 + HEXL 1.2.5 median for this op, if the table has one. */
    public OptionalDouble sealReferenceUs(String preset) {
        double v = switch (preset) {
            case "P8K" -> sealP8kUs;
            case "P16K" -> sealP16kUs;
            default -> throw new IllegalArgumentException("unknown preset " + preset + "; allowed: P8K, P16K");
        };
        return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    public static Optional<CkksOp> ofJavaMethod(String method) {
        for (CkksOp op : values()) {
            if (op.javaMethod.equals(method)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
