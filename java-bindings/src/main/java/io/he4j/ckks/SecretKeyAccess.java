package io.he4j.ckks;

/**
 * A token that must be passed to move secret-key bytes in or out of a {@link SecretKey}
 * (Tink's {@code SecretKeyAccess} idea). Obtaining it is deliberately explicit and greppable:
 * {@code SecretKeyAccess.insecureExport()} marks every place where a secret key leaves the object.
 *
 * <p>Immutable and thread-safe.
 */
public final class SecretKeyAccess {
    private static final SecretKeyAccess INSTANCE = new SecretKeyAccess();

    private SecretKeyAccess() {
    }

    /**
     * Grants access to secret-key bytes. Call it only where the secret key must be stored or moved
     * (e.g. encrypted at rest on the client) and never on a path that sends data to a server.
     */
    public static SecretKeyAccess insecureExport() {
        return INSTANCE;
    }

    @Override
    public String toString() {
        return "SecretKeyAccess";
    }
}
