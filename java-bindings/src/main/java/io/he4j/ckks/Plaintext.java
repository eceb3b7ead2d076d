package io.he4j.ckks;

import io.he4j.ckks.internal.CapiData;
import io.he4j.ckks.internal.Guard;
import io.he4j.ckks.internal.NativeHandle;
import io.he4j.ckks.internal.Props;
import io.he4j.ckks.internal.Status;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * An encoded (not encrypted) polynomial at some level and scale, produced by {@link Encoder} or
 * {@link Decryptor} and read back by {@link Encoder#decode}. {@code toString()} shows no values.
 *
 * <p>Not thread-safe for writes: concurrent reads (encrypt, decode, mulPlain) are fine, but do not write
 * into a plaintext (as an {@code out} argument) while another thread uses it. Close it when done; use after
 * close throws {@link IllegalStateException}.
 */
public final class Plaintext extends SerializableObject {
    private static final Kind KIND = new Kind("Plaintext", CapiData.PLAINTEXT_SAVE, CapiData.PLAINTEXT_LOAD,
            CapiData.PLAINTEXT_FREE, false, false);

    /** An empty plaintext of {@code context}, to be filled by an {@code encode(..., out)} or {@code decrypt(..., out)}. */
    public Plaintext(CkksContext context) {
        this(Objects.requireNonNull(context, "context must not be null"),
                Props.create("new Plaintext", CapiData.PLAINTEXT_CREATE, context.handle(), "Plaintext",
                        CapiData.PLAINTEXT_FREE));
    }

    private Plaintext(CkksContext context, NativeHandle handle) {
        super(context, handle, KIND);
    }

    /**
     * Loads a plaintext saved by {@link #toBytes()}; every field and coefficient is checked first.
     *
     * @throws MalformedInputException if the bytes are not a valid plaintext for these parameters
     */
    public static Plaintext fromBytes(CkksContext context, byte[] bytes) {
        return new Plaintext(context, load(KIND, context, bytes));
    }

    /**
     * Reads one {@code Plaintext} written by {@link #writeTo} from {@code in}; what follows in the stream stays unread.
     *
     * @throws MalformedInputException on any defect of the data, a stream ending early included
     * @throws IOException             if reading fails
     */
    public static Plaintext readFrom(CkksContext context, InputStream in) throws IOException {
        Objects.requireNonNull(context, "context must not be null");
        return fromBytes(context, ObjectFrame.read(in, "Plaintext.readFrom"));
    }

    /** Serializes the plaintext. */
    @Override
    public byte[] toBytes() {
        return super.toBytes();
    }

    /** Level: number of primes - 1. */
    public int level() {
        return Props.u32("Plaintext.level", CapiData.PLAINTEXT_LEVEL, handle());
    }

    /** The scale the values were encoded with. */
    public double scale() {
        return Props.f64("Plaintext.scale", CapiData.PLAINTEXT_SCALE, handle());
    }

    /** An independent copy. */
    public Plaintext copy() {
        Plaintext out = new Plaintext(context());
        String op = "Plaintext.copy";
        try (Guard g = Guard.of(context().handle(), handle(), out.handle())) {
            int level = level();
            Status.check((int) CapiData.PLAINTEXT_MOD_SWITCH_TO.invokeExact(g.get(0), g.get(1), level, g.get(2)), op);
            return out;
        } catch (Throwable t) {
            out.close();
            throw Status.rethrow(t, op);
        }
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
