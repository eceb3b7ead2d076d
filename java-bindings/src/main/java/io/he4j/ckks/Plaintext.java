package io.he4j.ckks;

import io.he4j.ckks.internal.CapiData;
import io.he4j.ckks.internal.Guard;
import io.he4j.ckks.internal.NativeHandle;
import io.he4j.ckks.internal.Props;
import io.he4j.ckks.internal.Serial;
import io.he4j.ckks.internal.Status;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * An encoded (not encrypted) polynomial at some level and scale, produced by {@link Encoder} or
 * {@link Decryptor} and read back by {@link Encoder#decode}. {@code toString()} shows no values.
 *
 * <p>Not thread-safe for writes: concurrent reads (encrypt, decode, mulPlain) are fine, but do not write
 * into a plaintext (as an {@code out} argument) while another thread uses it. Close it when done; use after
 * close throws {@link IllegalStateException}.
 */
public final class Plaintext implements AutoCloseable {
    private final CkksContext context;
    private final NativeHandle handle;

    /** An empty plaintext of {@code context}, to be filled by an {@code encode(..., out)} or {@code decrypt(..., out)}. */
    public Plaintext(CkksContext context) {
        this(Objects.requireNonNull(context, "context must not be null"),
                Props.create("new Plaintext", CapiData.PLAINTEXT_CREATE, context.handle(), "Plaintext",
                        CapiData.PLAINTEXT_FREE));
    }

    private Plaintext(CkksContext context, NativeHandle handle) {
        this.context = context;
        this.handle = handle;
    }

    /**
     * Loads a plaintext saved by {@link #toBytes()}; every field and coefficient is checked first.
     *
     * @throws MalformedInputException if the bytes are not a valid plaintext for these parameters
     */
    public static Plaintext fromBytes(CkksContext context, byte[] bytes) {
        Objects.requireNonNull(context, "context must not be null");
        Objects.requireNonNull(bytes, "bytes must not be null");
        var p = Serial.loadFromArray("Plaintext.fromBytes", CapiData.PLAINTEXT_LOAD, context.handle(), bytes);
        return new Plaintext(context, NativeHandle.own(p, "Plaintext", CapiData.PLAINTEXT_FREE));
    }

    /** Serializes the plaintext. */
    public byte[] toBytes() {
        return Serial.saveToArray("Plaintext.toBytes", CapiData.PLAINTEXT_SAVE, handle);
    }

    /** Writes {@link #toBytes()} to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out must not be null").write(toBytes());
    }

    /** Level: number of primes - 1. */
    public int level() {
        return Props.u32("Plaintext.level", CapiData.PLAINTEXT_LEVEL, handle);
    }

    /** The scale the values were encoded with. */
    public double scale() {
        return Props.f64("Plaintext.scale", CapiData.PLAINTEXT_SCALE, handle);
    }

    /** An independent copy. */
    public Plaintext copy() {
        Plaintext out = new Plaintext(context);
        String op = "Plaintext.copy";
        try (Guard g = Guard.of(context.handle(), handle, out.handle)) {
            int level = level();
            Status.check((int) CapiData.PLAINTEXT_MOD_SWITCH_TO.invokeExact(g.get(0), g.get(1), level, g.get(2)), op);
            return out;
        } catch (Throwable t) {
            out.close();
            throw Status.rethrow(t, op);
        }
    }

    /** The context this plaintext belongs to. */
    public CkksContext context() {
        return context;
    }

    NativeHandle handle() {
        return handle;
    }

    /** Frees the native plaintext; idempotent. */
    @Override
    public void close() {
        handle.close();
    }

    /** Shows level and scale, never values. */
    @Override
    public String toString() {
        try {
            return "Plaintext[level=" + level() + ", scale=2^" + Math.log(scale()) / Math.log(2) + "]";
        } catch (IllegalStateException closed) {
            return "Plaintext[closed]";
        } catch (He4jException empty) {
            return "Plaintext[empty]";
        }
    }
}
