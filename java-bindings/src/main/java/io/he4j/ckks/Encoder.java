package io.he4j.ckks;

import io.he4j.ckks.internal.CapiData;
import io.he4j.ckks.internal.Guard;
import io.he4j.ckks.internal.NativeHandle;
import io.he4j.ckks.internal.Status;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Objects;

/**
 * Encodes real or complex vectors into plaintexts (slot encoding through the canonical embedding, or
 * coefficient encoding) and decodes them back. Java arrays are passed to the engine without copying.
 *
 * <p>Levels: {@code level = -1} means the top level ({@link CkksContext#maxLevel()}). Values must be finite
 * and {@code |value| * scale} must fit the modulus of the level.
 *
 * <p>Stateless and thread-safe: share one encoder between threads.
 */
public final class Encoder {
    /** Level argument meaning "the top level". */
    public static final int TOP_LEVEL = -1;

    private final CkksContext context;

    /** An encoder for {@code context}. */
    public Encoder(CkksContext context) {
        this.context = Objects.requireNonNull(context, "context must not be null");
    }

    /** Encodes up to slotCount reals (the rest zero) at the default scale and the top level. */
    public Plaintext encode(double[] values) {
        return encode(values, context.defaultScale(), TOP_LEVEL);
    }

    /** Encodes up to slotCount reals at {@code scale} and {@code level} (-1 = top). */
    public Plaintext encode(double[] values, double scale, int level) {
        return fresh(out -> encode(values, scale, level, out));
    }

    /** Encodes into {@code out} (overwriting it); returns {@code out}. */
    public Plaintext encode(double[] values, double scale, int level, Plaintext out) {
        Objects.requireNonNull(values, "values must not be null");
        checkCount("Encoder.encode", values.length, context.slotCount(), "slotCount");
        return encodeArray("Encoder.encode", CapiData.ENCODE_REAL, MemorySegment.ofArray(values), values.length,
                scale, level, out);
    }

    /**
     * Encodes {@code count} doubles read from {@code values} (native or heap memory, native byte order) into
     * {@code out}; returns {@code out}. Nothing is copied on the Java side.
     */
    public Plaintext encode(MemorySegment values, int count, double scale, int level, Plaintext out) {
        Objects.requireNonNull(values, "values must not be null");
        checkCount("Encoder.encode", count, context.slotCount(), "slotCount");
        if (count < 0 || values.byteSize() < (long) count * Double.BYTES) {
            throw new InvalidArgumentException("Encoder.encode: segment of " + values.byteSize() + " bytes cannot hold "
                    + count + " doubles");
        }
        return encodeArray("Encoder.encode", CapiData.ENCODE_REAL, values, count, scale, level, out);
    }

    /** Encodes complex values given interleaved (re0, im0, re1, im1, ...), at most slotCount of them. */
    public Plaintext encodeComplex(double[] interleaved, double scale, int level) {
        return fresh(out -> encodeComplex(interleaved, scale, level, out));
    }

    /** Encodes interleaved complex values into {@code out}; returns {@code out}. */
    public Plaintext encodeComplex(double[] interleaved, double scale, int level, Plaintext out) {
        Objects.requireNonNull(interleaved, "interleaved must not be null");
        if (interleaved.length % 2 != 0) {
            throw new InvalidArgumentException("Encoder.encodeComplex: interleaved (re, im) pairs need an even length, got "
                    + interleaved.length);
        }
        checkCount("Encoder.encodeComplex", interleaved.length / 2, context.slotCount(), "slotCount");
        return encodeArray("Encoder.encodeComplex", CapiData.ENCODE_COMPLEX, MemorySegment.ofArray(interleaved),
                interleaved.length / 2, scale, level, out);
    }

    /** The constant {@code value} in every slot. */
    public Plaintext encodeScalar(double value, double scale, int level) {
        return fresh(out -> encodeScalar(value, scale, level, out));
    }

    /** The constant {@code value} in every slot, into {@code out}; returns {@code out}. */
    public Plaintext encodeScalar(double value, double scale, int level, Plaintext out) {
        checkOut(out);
        String op = "Encoder.encodeScalar";
        try (Guard g = Guard.of(context.handle(), out.handle())) {
            Status.check((int) CapiData.ENCODE_SCALAR.invokeExact(g.get(0), value, scale, level, g.get(1)), op);
            return out;
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }

    /**
     * Coefficient encoding: coefficient i = round(values[i] * scale), up to N values. Products of
     * coefficient-encoded plaintexts are negacyclic convolutions (one coefficient can hold an inner product).
     */
    public Plaintext encodeCoefficients(double[] values, double scale, int level) {
        return fresh(out -> encodeCoefficients(values, scale, level, out));
    }

    /** Coefficient encoding into {@code out}; returns {@code out}. */
    public Plaintext encodeCoefficients(double[] values, double scale, int level, Plaintext out) {
        Objects.requireNonNull(values, "values must not be null");
        checkCount("Encoder.encodeCoefficients", values.length, context.polyDegree(), "polyDegree");
        return encodeArray("Encoder.encodeCoefficients", CapiData.ENCODE_COEFFS, MemorySegment.ofArray(values),
                values.length, scale, level, out);
    }

    /** Decodes all slots to reals (imaginary parts dropped): a new array of slotCount values. */
    public double[] decode(Plaintext pt) {
        double[] out = new double[context.slotCount()];
        decode(pt, out);
        return out;
    }

    /** Decodes the first {@code min(out.length, slotCount)} slots into {@code out}; returns {@code out}. */
    public double[] decode(Plaintext pt, double[] out) {
        Objects.requireNonNull(out, "out must not be null");
        return decodeArray("Encoder.decode", CapiData.DECODE_REAL, pt, out, out.length);
    }

    /** Decodes all slots as interleaved complex values: a new array of 2 * slotCount doubles. */
    public double[] decodeComplex(Plaintext pt) {
        double[] out = new double[2 * context.slotCount()];
        decodeComplex(pt, out);
        return out;
    }

    /** Decodes {@code min(out.length / 2, slotCount)} complex values into {@code out}; returns {@code out}. */
    public double[] decodeComplex(Plaintext pt, double[] out) {
        Objects.requireNonNull(out, "out must not be null");
        return decodeArray("Encoder.decodeComplex", CapiData.DECODE_COMPLEX, pt, out, out.length / 2);
    }

    /** Decodes all N coefficients (divided by the scale). */
    public double[] decodeCoefficients(Plaintext pt) {
        double[] out = new double[context.polyDegree()];
        decodeCoefficients(pt, out);
        return out;
    }

    /** Decodes the first {@code min(out.length, N)} coefficients into {@code out}; returns {@code out}. */
    public double[] decodeCoefficients(Plaintext pt, double[] out) {
        Objects.requireNonNull(out, "out must not be null");
        return decodeArray("Encoder.decodeCoefficients", CapiData.DECODE_COEFFS, pt, out, out.length);
    }

    /** The context this encoder works for. */
    public CkksContext context() {
        return context;
    }

    private Plaintext encodeArray(String op, MethodHandle encode, MemorySegment values, long count, double scale,
                                  int level, Plaintext out) {
        checkOut(out);
        // No Guard here: allocating its handle array makes C2 zero it with 512-bit stores, which leaves the
        // upper ZMM state dirty on entry to the engine, and the encoder's FFT (legacy SSE code) then runs
        // ~14 % slower (SSE/AVX-512 transition penalty; measured with CkksOverheadProbe, gone with
        // -XX:UseAVX=2). Plain acquire/release allocates nothing.
        NativeHandle ctx = context.handle();
        NativeHandle pt = out.handle();
        MemorySegment ctxPtr = ctx.acquire();
        try {
            MemorySegment ptPtr = pt.acquire();
            try {
                Status.check((int) encode.invokeExact(ctxPtr, values, count, scale, level, ptPtr), op);
                return out;
            } finally {
                pt.release();
            }
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        } finally {
            ctx.release();
        }
    }

    private double[] decodeArray(String op, MethodHandle decode, Plaintext pt, double[] out, long count) {
        Objects.requireNonNull(pt, "plaintext must not be null");
        context.checkCompatible(pt.context(), op);
        try (Guard g = Guard.of(context.handle(), pt.handle())) {
            Status.check((int) decode.invokeExact(g.get(0), g.get(1), MemorySegment.ofArray(out), count), op);
            return out;
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }

    private void checkOut(Plaintext out) {
        Objects.requireNonNull(out, "out must not be null");
        context.checkCompatible(out.context(), "Encoder");
    }

    private static void checkCount(String op, long count, int max, String what) {
        if (count < 0 || count > max) {
            throw new InvalidArgumentException(op + ": " + count + " values given, at most " + what + " = " + max
                    + " fit one plaintext");
        }
    }

    private Plaintext fresh(java.util.function.Consumer<Plaintext> fill) {
        return NativeObject.filled(new Plaintext(context), fill);
    }
}
