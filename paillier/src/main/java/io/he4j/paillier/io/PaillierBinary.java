package io.he4j.paillier.io;

import io.he4j.paillier.EncryptedNumber;
import io.he4j.paillier.KeyMismatchException;
import io.he4j.paillier.MalformedInputException;
import io.he4j.paillier.PaillierPublicKey;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The compact binary form (big-endian; layout in docs/paillier.md): a public key, or a matrix of ciphertexts
 * (rows of a query, with missing cells, or rows of scores) under a public key. Ciphertexts are fixed-length,
 * ceil(bits(n^2) / 8) bytes: half the size of the decimal JSON. Non-fresh numbers are re-randomized when written.
 */
public final class PaillierBinary {
    static final byte[] MAGIC = "HE4JPAIL".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int KIND_PUBLIC_KEY = 1;
    static final int KIND_CIPHERTEXTS = 2;
    /** Upper bound on cells read, so a hostile header cannot make the reader allocate without bound. */
    static final long MAX_CELLS = 1L << 24;

    private PaillierBinary() {
    }

    public static byte[] publicKey(PaillierPublicKey key) {
        return write(KIND_PUBLIC_KEY, key, out -> {
        });
    }

    public static PaillierPublicKey readPublicKey(byte[] bytes) {
        ByteBuffer b = header(bytes, KIND_PUBLIC_KEY);
        PaillierPublicKey key = key(b);
        end(b);
        return key;
    }

    /** A matrix of ciphertexts; an empty cell is a missing value. */
    public static byte[] ciphertexts(PaillierPublicKey key, List<List<Optional<EncryptedNumber>>> rows) {
        int cols = rows.isEmpty() ? 0 : rows.getFirst().size();
        int width = key.ciphertextBytes();
        return write(KIND_CIPHERTEXTS, key, out -> {
            out.writeInt(rows.size());
            out.writeInt(cols);
            for (List<Optional<EncryptedNumber>> r : rows) {
                if (r.size() != cols) {
                    throw new IllegalArgumentException("all rows must have " + cols + " cells");
                }
                for (Optional<EncryptedNumber> cell : r) {
                    if (cell.isEmpty()) {
                        out.writeByte(0);
                        continue;
                    }
                    EncryptedNumber e = cell.get();
                    if (!e.publicKey().equals(key)) {
                        throw new KeyMismatchException("a ciphertext under key " + e.publicKey().id()
                                + " cannot go into a document of key " + key.id());
                    }
                    e = e.fresher();
                    out.writeByte(1);
                    out.writeShort(e.fractionBits());
                    out.write(fixed(e.ciphertext(), width));
                }
            }
        });
    }

    /** Reads a ciphertext matrix, checking that it is under {@code expected}. */
    public static List<List<Optional<EncryptedNumber>>> readCiphertexts(byte[] bytes, PaillierPublicKey expected) {
        ByteBuffer b = header(bytes, KIND_CIPHERTEXTS);
        PaillierPublicKey key = key(b);
        if (!key.equals(expected)) {
            throw new KeyMismatchException("the ciphertexts are under public key " + key.id() + ", not " + expected.id());
        }
        try {
            long rows = Integer.toUnsignedLong(b.getInt());
            long cols = Integer.toUnsignedLong(b.getInt());
            if (rows * cols > MAX_CELLS || rows * cols > b.remaining()) {
                throw new MalformedInputException("ciphertext matrix " + rows + " x " + cols + " does not fit the "
                        + bytes.length + " bytes given (or exceeds " + MAX_CELLS + " cells)");
            }
            int width = key.ciphertextBytes();
            List<List<Optional<EncryptedNumber>>> out = new ArrayList<>((int) rows);
            for (long i = 0; i < rows; i++) {
                List<Optional<EncryptedNumber>> r = new ArrayList<>((int) cols);
                for (long j = 0; j < cols; j++) {
                    int flag = b.get();
                    if (flag == 0) {
                        r.add(Optional.empty());
                    } else if (flag == 1) {
                        int fractionBits = Short.toUnsignedInt(b.getShort());
                        byte[] c = new byte[width];
                        b.get(c);
                        r.add(Optional.of(EncryptedNumber.of(key, new BigInteger(1, c), fractionBits)));
                    } else {
                        throw new MalformedInputException("cell (" + i + ", " + j + "): flag must be 0 or 1, got " + flag);
                    }
                }
                out.add(r);
            }
            end(b);
            return out;
        } catch (BufferUnderflowException e) {
            throw new MalformedInputException("truncated ciphertext matrix");
        }
    }

    private interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] write(int kind, PaillierPublicKey key, Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeByte(VERSION);
            out.writeByte(kind);
            int len = (key.bits() + 7) / 8;
            out.writeShort(len);
            out.write(fixed(key.n(), len));
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static ByteBuffer header(byte[] bytes, int kind) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (bytes.length < MAGIC.length + 4 || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new MalformedInputException("not he4j Paillier binary data (magic HE4JPAIL missing)");
        }
        b.position(MAGIC.length);
        int version = Byte.toUnsignedInt(b.get());
        int k = Byte.toUnsignedInt(b.get());
        if (version != VERSION) {
            throw new MalformedInputException("binary format version " + version + " is not supported (this he4j "
                    + "reads " + VERSION + ")");
        }
        if (k != kind) {
            throw new MalformedInputException("binary object kind " + k + ", expected " + kind);
        }
        return b;
    }

    private static PaillierPublicKey key(ByteBuffer b) {
        try {
            int len = Short.toUnsignedInt(b.getShort());
            byte[] n = new byte[len];
            b.get(n);
            return PaillierPublicKey.of(new BigInteger(1, n));
        } catch (BufferUnderflowException e) {
            throw new MalformedInputException("truncated public key");
        }
    }

    private static void end(ByteBuffer b) {
        if (b.hasRemaining()) {
            throw new MalformedInputException(b.remaining() + " unexpected trailing bytes");
        }
    }

    private static byte[] fixed(BigInteger v, int len) {
        byte[] raw = v.toByteArray();
        int skip = raw.length > len ? raw.length - len : 0; // a leading sign byte
        byte[] out = new byte[len];
        System.arraycopy(raw, skip, out, len - (raw.length - skip), raw.length - skip);
        return out;
    }
}
