package io.he4j.protocol;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A key set's id is derived from its bytes: "ks-" and the first 128 bits of their SHA-256, in hex. The same
 * public material always gets the same id, so registering it twice is harmless, and an id names exactly one
 * content.
 */
public final class KeySetId {
    static final String PREFIX = "ks-";
    private static final int HEX_CHARS = 32;

    private KeySetId() {
    }

    public static String of(byte[] keySetBytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keySetBytes);
            return PREFIX + HexFormat.of().formatHex(digest).substring(0, HEX_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** Whether {@code id} has the form of a key-set id (checked before it is used in a lookup). */
    public static boolean isWellFormed(String id) {
        return id != null && id.length() == PREFIX.length() + HEX_CHARS && id.startsWith(PREFIX)
                && id.substring(PREFIX.length()).chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
