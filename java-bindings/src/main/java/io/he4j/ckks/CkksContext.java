package io.he4j.ckks;

import io.he4j.ckks.internal.CapiContext;
import io.he4j.ckks.internal.Guard;
import io.he4j.ckks.internal.NativeHandle;
import io.he4j.ckks.internal.NativeLibrary;
import io.he4j.ckks.internal.Props;
import io.he4j.ckks.internal.Serial;
import io.he4j.ckks.internal.Status;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * Validated CKKS parameters with the engine's precomputed tables (primes, NTT and FFT tables). Every other
 * object is created for one context and can only be combined with objects of equal parameters.
 *
 * <p>Thread-safe and immutable: share one context between any number of threads. {@link #close()} releases
 * this handle; objects created from the context keep the native tables alive on their own, so closing it
 * early is memory-safe, but operations that need the context then throw {@link IllegalStateException}.
 * Parameter getters (degree, levels, moduli, ...) keep working after close.
 */
public final class CkksContext implements AutoCloseable {
    private static final int ALLOW_INSECURE = 1;

    private final NativeHandle handle;
    private final CkksParameters parameters;
    private final int polyDegree;
    private final int slotCount;
    private final int maxLevel;
    private final double defaultScale;
    private final long[] moduli;
    private final int dataPrimeCount;
    private final int securityBits;
    private final long parameterId;

    private CkksContext(NativeHandle handle, CkksParameters given, boolean insecure) {
        this.handle = handle;
        try {
            this.polyDegree = (int) Props.u64("CkksContext.polyDegree", CapiContext.POLY_DEGREE, handle);
            this.slotCount = (int) Props.u64("CkksContext.slotCount", CapiContext.SLOT_COUNT, handle);
            this.maxLevel = Props.u32("CkksContext.maxLevel", CapiContext.MAX_LEVEL, handle);
            this.defaultScale = Props.f64("CkksContext.defaultScale", CapiContext.DEFAULT_SCALE, handle);
            this.securityBits = Props.u32("CkksContext.securityBits", CapiContext.SECURITY_BITS, handle);
            this.parameterId = Props.u64("CkksContext.parameterId", CapiContext.PARAM_ID, handle);
            this.moduli = readModuli(handle);
            this.dataPrimeCount = maxLevel + 1;
        } catch (RuntimeException e) {
            handle.close();
            throw e;
        }
        this.parameters = given != null ? given
                : CkksParameters.fromContext(moduli, dataPrimeCount, polyDegree, defaultScale, insecure);
    }

    /**
     * Creates a context: derives the primes and checks security (unless the parameters allow insecure ones).
     *
     * @throws InvalidParametersException if the engine refuses the parameters (the message says why)
     */
    public static CkksContext create(CkksParameters parameters) {
        Objects.requireNonNull(parameters, "parameters must not be null");
        NativeLibrary.get();
        int flags = parameters.allowInsecure() ? ALLOW_INSECURE : 0;
        if (parameters.presetName().isPresent()) {
            return new CkksContext(nativePreset(parameters.presetName().get(), flags), parameters, parameters.allowInsecure());
        }
        int[] data = parameters.dataPrimeBits();
        int[] special = parameters.specialPrimeBits();
        String op = "CkksContext.create";
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment d = arena.allocateFrom(ValueLayout.JAVA_INT, data);
            MemorySegment s = arena.allocateFrom(ValueLayout.JAVA_INT, special.length == 0 ? new int[1] : special);
            MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
            Status.check((int) CapiContext.CREATE.invokeExact(parameters.logPolyDegree(), d, (long) data.length, s,
                    (long) special.length, parameters.defaultScale(), flags, out), op);
            NativeHandle h = NativeHandle.own(out.get(ValueLayout.ADDRESS, 0), "CkksContext", CapiContext.FREE);
            return new CkksContext(h, parameters, parameters.allowInsecure());
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }

    /** A context for a named preset; shorthand for {@code create(CkksParameters.preset(name))}. */
    public static CkksContext create(String presetName) {
        return create(CkksParameters.preset(presetName));
    }

    static CkksContext createPreset(String name, boolean insecure) {
        NativeLibrary.get();
        return new CkksContext(nativePreset(name, insecure ? ALLOW_INSECURE : 0), null, insecure);
    }

    private static NativeHandle nativePreset(String name, int flags) {
        String op = "CkksContext.create(" + name + ")";
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
            Status.check((int) CapiContext.CREATE_PRESET.invokeExact(arena.allocateFrom(name), flags, out), op);
            return NativeHandle.own(out.get(ValueLayout.ADDRESS, 0), "CkksContext", CapiContext.FREE);
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }

    /**
     * Loads parameters saved by {@link #toBytes()}, refusing parameters below 128-bit security.
     *
     * @throws MalformedInputException if the bytes are not valid saved parameters
     */
    public static CkksContext fromBytes(byte[] bytes) {
        return fromBytes(bytes, false);
    }

    /**
     * Loads parameters saved by {@link #toBytes()}.
     *
     * @param allowInsecure accept parameters below 128-bit security (tests and research only)
     * @throws MalformedInputException if the bytes are not valid saved parameters, or (without allowInsecure)
     *                                 describe insecure parameters
     */
    public static CkksContext fromBytes(byte[] bytes, boolean allowInsecure) {
        Objects.requireNonNull(bytes, "bytes must not be null");
        NativeLibrary.get();
        String op = "CkksContext.fromBytes";
        NativeHandle h;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(Math.max(1, bytes.length));
            MemorySegment.copy(bytes, 0, buf, ValueLayout.JAVA_BYTE, 0, bytes.length);
            MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
            int st = (int) CapiContext.LOAD.invokeExact(buf, (long) bytes.length, allowInsecure ? ALLOW_INSECURE : 0, out);
            if (st == Status.INVALID_PARAMETERS || st == Status.INVALID_ARGUMENT) {
                // Untrusted bytes: every rejection is a malformed input for the caller.
                throw new MalformedInputException(Status.error(st, op).getMessage());
            }
            Status.check(st, op);
            h = NativeHandle.own(out.get(ValueLayout.ADDRESS, 0), "CkksContext", CapiContext.FREE);
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
        return new CkksContext(h, null, allowInsecure);
    }

    /** The parameters (no key material): safe to publish. */
    public byte[] toBytes() {
        return Serial.saveToArray("CkksContext.toBytes", CapiContext.SAVE, handle);
    }

    /** Writes {@link #toBytes()} to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out must not be null").write(toBytes());
    }

    /**
     * Reads parameters written by {@link #writeTo} from {@code in}, refusing parameters below 128-bit security;
     * what follows in the stream stays unread.
     *
     * @throws MalformedInputException on any defect of the data, a stream ending early included
     * @throws IOException             if reading fails
     */
    public static CkksContext readFrom(InputStream in) throws IOException {
        return readFrom(in, false);
    }

    /**
     * Reads parameters written by {@link #writeTo} from {@code in}; what follows in the stream stays unread.
     *
     * @param allowInsecure accept parameters below 128-bit security (tests and research only)
     * @throws MalformedInputException on any defect of the data, a stream ending early included, or (without
     *                                 allowInsecure) insecure parameters
     * @throws IOException             if reading fails
     */
    public static CkksContext readFrom(InputStream in, boolean allowInsecure) throws IOException {
        return fromBytes(ObjectFrame.read(in, "CkksContext.readFrom"), allowInsecure);
    }

    private static long[] readModuli(NativeHandle h) {
        String op = "CkksContext.moduli";
        try (Guard g = Guard.of(h)) {
            long[] counts = new long[2];
            Status.check((int) CapiContext.MODULUS_COUNT.invokeExact(g.get(0), MemorySegment.ofArray(counts).asSlice(0, 8),
                    MemorySegment.ofArray(counts).asSlice(8, 8)), op);
            long[] q = new long[Math.toIntExact(counts[0] + counts[1])];
            long[] one = new long[1];
            for (int i = 0; i < q.length; i++) {
                Status.check((int) CapiContext.MODULUS.invokeExact(g.get(0), (long) i, MemorySegment.ofArray(one)), op);
                q[i] = one[0];
            }
            return q;
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }

    /** The parameters this context was created from (or recovered from its primes when loaded). */
    public CkksParameters parameters() {
        return parameters;
    }

    /** Ring degree N. */
    public int polyDegree() {
        return polyDegree;
    }

    /** Number of slots, N/2: the longest vector one plaintext holds. */
    public int slotCount() {
        return slotCount;
    }

    /** Level of a fresh ciphertext (number of data primes - 1). */
    public int maxLevel() {
        return maxLevel;
    }

    /** The scale {@link Encoder#encode(double[])} uses. */
    public double defaultScale() {
        return defaultScale;
    }

    /** All primes (a copy): data primes q_0..q_L, then the special primes. */
    public long[] moduli() {
        return moduli.clone();
    }

    int dataPrimeCount() {
        return dataPrimeCount;
    }

    /** Estimated classical security in bits (128, 192, 256), or 0 if below 128 (allowInsecure). */
    public int securityBits() {
        return securityBits;
    }

    /** 64-bit identifier of the parameters, recorded in every serialized object. */
    public long parameterId() {
        return parameterId;
    }

    NativeHandle handle() {
        return handle;
    }

    /** Fails unless {@code other} has the same parameters (objects from equal contexts interoperate). */
    void checkCompatible(CkksContext other, String op) {
        if (other != this && other.parameterId != parameterId) {
            throw new IncompatibleOperandsException(op + ": operand belongs to a context with other parameters (id "
                    + Long.toHexString(other.parameterId) + ", expected " + Long.toHexString(parameterId) + ")");
        }
    }

    /** Releases this handle; idempotent. Objects created from the context remain usable where they can be. */
    @Override
    public void close() {
        handle.close();
    }

    @Override
    public String toString() {
        return "CkksContext[" + parameters + ", securityBits=" + securityBits + ", id=" + Long.toHexString(parameterId)
                + (handle.isClosed() ? ", closed" : "") + "]";
    }
}
