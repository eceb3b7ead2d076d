package io.he4j.ml.he;

import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The masks' CSPRNG: the ChaCha20 keystream (RFC 8439) under a fresh 256-bit key and nonce drawn from the
 * operating system's generator ({@link SecureRandom}, NativePRNG) for every {@value #BLOCK_BYTES} bytes, the
 * construction of OpenBSD's arc4random and libsodium's randombytes. A flooded reply needs tens of thousands of
 * uniform 64-bit words; NativePRNG gives one per microsecond (about 10 ms a mask), the keystream one per few
 * nanoseconds. Used bytes are wiped from the buffer. Thread-safe (synchronized).
 */
final class KeystreamRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private static final int BLOCK_BYTES = 1 << 16;

    private final transient SecureRandom seeds = new SecureRandom();
    private final transient byte[] block = new byte[BLOCK_BYTES];
    private final transient ByteBuffer words = ByteBuffer.wrap(block);
    private final transient Cipher chacha;

    KeystreamRandom() {
        try {
            chacha = Cipher.getInstance("ChaCha20");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20 is a required JDK cipher", e);
        }
        words.position(BLOCK_BYTES); // empty: the first draw rekeys
    }

    @Override
    public synchronized long nextLong() {
        if (words.remaining() < Long.BYTES) {
            rekey();
        }
        int at = words.position();
        long v = words.getLong();
        Arrays.fill(block, at, at + Long.BYTES, (byte) 0);
        return v;
    }

    @Override
    public synchronized void nextBytes(byte[] out) {
        for (int i = 0; i < out.length; ) {
            if (!words.hasRemaining()) {
                rekey();
            }
            int n = Math.min(words.remaining(), out.length - i);
            int at = words.position();
            words.get(out, i, n);
            Arrays.fill(block, at, at + n, (byte) 0);
            i += n;
        }
    }

    private void rekey() {
        byte[] key = new byte[32];
        byte[] nonce = new byte[12];
        seeds.nextBytes(key);
        seeds.nextBytes(nonce);
        try {
            Arrays.fill(block, (byte) 0);
            chacha.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new ChaCha20ParameterSpec(nonce, 0));
            chacha.doFinal(block, 0, BLOCK_BYTES, block, 0); // the keystream: zeros encrypted
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20 keystream: " + e.getMessage(), e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        words.clear();
    }
}
