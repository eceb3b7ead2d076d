package io.he4j.bench.model;

/** Backend names as they appear in figures (the values of the {@code he4j.backend} system property). */
public final class Backends {
    /** The project's own engine (the default backend). */
    public static final String OWN = "he4j";
    /** Microsoft SEAL behind the same C ABI (optional). */
    public static final String SEAL = "seal";
    /** Figures that involve no HE backend (plaintext models, the JVM). */
    public static final String NONE = "none";

    private Backends() {
    }
}
