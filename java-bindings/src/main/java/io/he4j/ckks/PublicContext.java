package io.he4j.ckks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a client sends a server: the parameters, the public key and the evaluation keys (relinearization and
 * Galois keys). It cannot hold a secret key: the type has no place for one, and loading bytes that contain
 * one is refused. A server holding only a public context can encrypt and evaluate, never decrypt.
 *
 * <p>Format: magic {@code "HE4JPCTX"}, format version, section count, then per section its kind and length
 * (big-endian) followed by the engine's own serialization (parameters, public key, relinearization key,
 * optional Galois keys), each of which the engine validates in full on load.
 *
 * <p>Thread-safe (every part is immutable). {@link #close()} closes the parts this object loaded; one made
 * with {@link #of} leaves them to the caller.
 */
public final class PublicContext implements AutoCloseable {
    private static final byte[] MAGIC = {'H', 'E', '4', 'J', 'P', 'C', 'T', 'X'};
    private static final int VERSION = 1;
    // Section kinds, numbered as the engine's object kinds (he4j.h HE4J_KIND_*).
    private static final int KIND_CONTEXT = 1;
    private static final int KIND_SECRET_KEY = 4;
    private static final int KIND_PUBLIC_KEY = 5;
    private static final int KIND_RELIN_KEY = 6;
    private static final int KIND_GALOIS_KEYS = 7;
    private static final long MAX_SECTION = 1L << 30;

    private final CkksContext context;
    private final PublicKey publicKey;
    private final EvaluationKeys evaluationKeys;
    private final boolean owned;

    private PublicContext(CkksContext context, PublicKey publicKey, EvaluationKeys evaluationKeys, boolean owned) {
        this.context = context;
        this.publicKey = publicKey;
        this.evaluationKeys = evaluationKeys;
        this.owned = owned;
    }

    /** Bundles a context, public key and evaluation keys the caller keeps owning. */
    public static PublicContext of(CkksContext context, PublicKey publicKey, EvaluationKeys evaluationKeys) {
        Objects.requireNonNull(evaluationKeys, "evaluationKeys must not be null (use of(context, publicKey) without)");
        of(context, publicKey); // checks context and public key
        context.checkCompatible(evaluationKeys.context(), "PublicContext.of");
        return new PublicContext(context, publicKey, evaluationKeys, false);
    }

    /** A bundle without evaluation keys (parameters without special primes, or encrypt-only servers). */
    public static PublicContext of(CkksContext context, PublicKey publicKey) {
        Objects.requireNonNull(context, "context must not be null");
        Objects.requireNonNull(publicKey, "publicKey must not be null");
        context.checkCompatible(publicKey.context(), "PublicContext.of");
        return new PublicContext(context, publicKey, null, false);
    }

    /** The parameters. */
    public CkksContext context() {
        return context;
    }

    /** The public encryption key. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** True if evaluation keys are included. */
    public boolean hasEvaluationKeys() {
        return evaluationKeys != null;
    }

    /**
     * The evaluation keys.
     *
     * @throws IllegalStateException if this public context has none (see {@link #hasEvaluationKeys()})
     */
    public EvaluationKeys evaluationKeys() {
        if (evaluationKeys == null) {
            throw new IllegalStateException("this PublicContext carries no evaluation keys");
        }
        return evaluationKeys;
    }

    /** An evaluator over these parameters with the evaluation keys, if any. */
    public Evaluator evaluator() {
        return evaluationKeys == null ? new Evaluator(context) : new Evaluator(context, evaluationKeys);
    }

    /** An encryptor under the public key. */
    public Encryptor encryptor() {
        return new Encryptor(context, publicKey);
    }

    /** Serializes the bundle (no secret material exists in it). */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            writeTo(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** Writes {@link #toBytes()} to {@code out}; the format is self-delimiting, so more data may follow. */
    public void writeTo(OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out must not be null");
        List<byte[]> parts = new ArrayList<>(List.of(context.toBytes(), publicKey.toBytes()));
        List<Integer> kinds = new ArrayList<>(List.of(KIND_CONTEXT, KIND_PUBLIC_KEY));
        if (evaluationKeys != null) {
            parts.add(evaluationKeys.relinKey().toBytes());
            kinds.add(KIND_RELIN_KEY);
            if (evaluationKeys.galoisKeys().isPresent()) {
                parts.add(evaluationKeys.galoisKeys().get().toBytes());
                kinds.add(KIND_GALOIS_KEYS);
            }
        }
        DataOutputStream d = new DataOutputStream(out);
        d.write(MAGIC);
        d.writeInt(VERSION);
        d.writeInt(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            d.writeInt(kinds.get(i));
            d.writeLong(parts.get(i).length);
            d.write(parts.get(i));
        }
        d.flush();
    }

    /**
     * Loads a public context, refusing parameters below 128-bit security.
     *
     * @throws MalformedInputException on any defect, including a secret key among the sections
     */
    public static PublicContext fromBytes(byte[] bytes) {
        return fromBytes(bytes, false);
    }

    /**
     * Loads a public context.
     *
     * @param allowInsecure accept parameters below 128-bit security (tests and research only)
     * @throws MalformedInputException on any defect, including a secret key among the sections
     */
    public static PublicContext fromBytes(byte[] bytes, boolean allowInsecure) {
        Objects.requireNonNull(bytes, "bytes must not be null");
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        PublicContext pc = read(in, allowInsecure, bytes.length);
        if (in.available() != 0) {
            pc.close();
            throw new MalformedInputException("PublicContext.fromBytes: " + in.available()
                    + " unexpected bytes after the last section");
        }
        return pc;
    }

    /** Reads one public context from {@code in} (refusing insecure parameters); leaves what follows unread. */
    public static PublicContext readFrom(InputStream in) throws IOException {
        return readFrom(in, false);
    }

    /**
     * Reads one public context from {@code in}; leaves what follows unread.
     *
     * @throws MalformedInputException on any defect of the data (a stream ending early included)
     * @throws IOException             if reading fails
     */
    public static PublicContext readFrom(InputStream in, boolean allowInsecure) throws IOException {
        Objects.requireNonNull(in, "in must not be null");
        try {
            return read(in, allowInsecure, Long.MAX_VALUE);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static PublicContext read(InputStream raw, boolean allowInsecure, long available) {
        String op = "PublicContext.fromBytes";
        DataInputStream in = new DataInputStream(raw);
        List<AutoCloseable> loaded = new ArrayList<>();
        try {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new MalformedInputException(op + ": not a public context (bad magic)"
                        + (looksLikeSecretKey(magic) ? "; these bytes look like a secret key, which is never accepted here" : ""));
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new MalformedInputException(op + ": format version " + version + " is not supported (expected "
                        + VERSION + ")");
            }
            int count = in.readInt();
            if (count < 2 || count > 4) {
                throw new MalformedInputException(op + ": " + count + " sections; a public context has 2 to 4");
            }
            long remaining = available - MAGIC.length - 8;
            CkksContext ctx = null;
            PublicKey pk = null;
            RelinKey rk = null;
            GaloisKeys gk = null;
            int expected = KIND_CONTEXT;
            for (int i = 0; i < count; i++) {
                int kind = in.readInt();
                long len = in.readLong();
                remaining -= 12;
                if (kind == KIND_SECRET_KEY) {
                    throw new MalformedInputException(op + ": section " + i + " is a secret key; a public context "
                            + "never carries one and loading it is refused");
                }
                if (kind != expected) {
                    throw new MalformedInputException(op + ": section " + i + " has kind " + kind + ", expected " + expected);
                }
                if (len < 0 || len > MAX_SECTION || len > remaining) {
                    throw new MalformedInputException(op + ": section " + i + " claims " + len + " bytes, more than present");
                }
                byte[] part = in.readNBytes((int) len);
                if (part.length != len) {
                    throw new MalformedInputException(op + ": truncated in section " + i);
                }
                remaining -= len;
                if (looksLikeSecretKey(part)) {
                    throw new MalformedInputException(op + ": section " + i + " holds a secret key; a public context "
                            + "never carries one and loading it is refused");
                }
                switch (kind) {
                    case KIND_CONTEXT -> {
                        ctx = CkksContext.fromBytes(part, allowInsecure);
                        loaded.add(ctx);
                        expected = KIND_PUBLIC_KEY;
                    }
                    case KIND_PUBLIC_KEY -> {
                        pk = PublicKey.fromBytes(ctx, part);
                        loaded.add(pk);
                        expected = KIND_RELIN_KEY;
                    }
                    case KIND_RELIN_KEY -> {
                        rk = RelinKey.fromBytes(ctx, part);
                        loaded.add(rk);
                        expected = KIND_GALOIS_KEYS;
                    }
                    default -> {
                        gk = GaloisKeys.fromBytes(ctx, part);
                        loaded.add(gk);
                        expected = -1;
                    }
                }
            }
            EvaluationKeys ek = rk == null ? null : new EvaluationKeys(rk, gk, true);
            return new PublicContext(ctx, pk, ek, true);
        } catch (EOFException e) {
            closeAll(loaded);
            throw new MalformedInputException(op + ": truncated (data ends inside the header of a section)", e);
        } catch (IOException e) {
            closeAll(loaded);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            closeAll(loaded);
            if (e instanceof InvalidArgumentException || e instanceof IncompatibleOperandsException) {
                throw new MalformedInputException(op + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }

    // The engine's serialized objects start with "HE4J", a u16 format version and the u8 object kind.
    private static boolean looksLikeSecretKey(byte[] head) {
        return head.length > 6 && head[0] == 'H' && head[1] == 'E' && head[2] == '4' && head[3] == 'J'
                && head[6] == KIND_SECRET_KEY;
    }

    private static void closeAll(List<AutoCloseable> objects) {
        for (AutoCloseable c : objects) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing native handles does not fail
            }
        }
    }

    /** Closes the context and keys if this object loaded them; idempotent. */
    @Override
    public void close() {
        if (owned) {
            if (evaluationKeys != null) {
                evaluationKeys.close();
            }
            publicKey.close();
            context.close();
        }
    }

    @Override
    public String toString() {
        return "PublicContext[" + context + ", " + publicKey + (evaluationKeys != null ? ", " + evaluationKeys : "") + "]";
    }
}
