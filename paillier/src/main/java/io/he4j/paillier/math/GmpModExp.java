package io.he4j.paillier.math;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * GMP through the FFM API: {@code mpz_powm_sec} (constant-time for the exponent and the base, given their
 * sizes; GMP manual section 5.9) for secrets, {@code mpz_powm} for public operands. Numbers cross as byte
 * arrays handed to {@code mpz_import}/{@code mpz_export} as critical heap segments (no copy). Every limb buffer
 * that held an operand is overwritten with zeros before {@code mpz_clear}, because GMP frees without wiping.
 */
public final class GmpModExp implements ModExp {
    /** Debian/Ubuntu's runtime package libgmp10; override with -Dhe4j.gmp.library=/path/libgmp.so.10. */
    public static final String DEFAULT_LIBRARY = "/usr/lib/x86_64-linux-gnu/libgmp.so.10";
    private static final long MPZ_BYTES = 16; // struct { int alloc; int size; mp_limb_t *d; } on LP64
    private static final ValueLayout.OfLong SIZE_T = ValueLayout.JAVA_LONG;

    private final MethodHandle init;
    private final MethodHandle clear;
    private final MethodHandle importBytes;
    private final MethodHandle exportBytes;
    private final MethodHandle sizeInBase;
    private final MethodHandle powmSec;
    private final MethodHandle powm;
    private final MethodHandle invert;
    private final String version;

    private GmpModExp(SymbolLookup gmp) {
        Linker linker = Linker.nativeLinker();
        Linker.Option critical = Linker.Option.critical(true);
        var addr = ValueLayout.ADDRESS;
        init = linker.downcallHandle(find(gmp, "__gmpz_init2"), FunctionDescriptor.ofVoid(addr, SIZE_T));
        clear = linker.downcallHandle(find(gmp, "__gmpz_clear"), FunctionDescriptor.ofVoid(addr));
        importBytes = linker.downcallHandle(find(gmp, "__gmpz_import"), FunctionDescriptor.ofVoid(addr, SIZE_T,
                ValueLayout.JAVA_INT, SIZE_T, ValueLayout.JAVA_INT, SIZE_T, addr), critical);
        exportBytes = linker.downcallHandle(find(gmp, "__gmpz_export"), FunctionDescriptor.of(addr, addr, addr,
                ValueLayout.JAVA_INT, SIZE_T, ValueLayout.JAVA_INT, SIZE_T, addr), critical);
        sizeInBase = linker.downcallHandle(find(gmp, "__gmpz_sizeinbase"),
                FunctionDescriptor.of(SIZE_T, addr, ValueLayout.JAVA_INT));
        powmSec = linker.downcallHandle(find(gmp, "__gmpz_powm_sec"), FunctionDescriptor.ofVoid(addr, addr, addr, addr));
        powm = linker.downcallHandle(find(gmp, "__gmpz_powm"), FunctionDescriptor.ofVoid(addr, addr, addr, addr));
        invert = linker.downcallHandle(find(gmp, "__gmpz_invert"), FunctionDescriptor.of(ValueLayout.JAVA_INT, addr,
                addr, addr));
        MemorySegment v = find(gmp, "__gmp_version").reinterpret(ValueLayout.ADDRESS.byteSize())
                .get(ValueLayout.ADDRESS, 0);
        version = v.reinterpret(64).getString(0);
    }

    /**
     * Loads GMP from {@code -Dhe4j.gmp.library}, else {@link #DEFAULT_LIBRARY}, else the loader's search path.
     *
     * @throws UnsatisfiedLinkError     (or another error) when no usable libgmp is found; the message says which
     */
    public static GmpModExp load() {
        String configured = System.getProperty("he4j.gmp.library");
        SymbolLookup lookup;
        if (configured != null) {
            lookup = SymbolLookup.libraryLookup(Path.of(configured), Arena.global());
        } else if (Files.exists(Path.of(DEFAULT_LIBRARY))) {
            lookup = SymbolLookup.libraryLookup(Path.of(DEFAULT_LIBRARY), Arena.global());
        } else {
            lookup = SymbolLookup.libraryLookup("libgmp.so.10", Arena.global());
        }
        return new GmpModExp(lookup);
    }

    private static MemorySegment find(SymbolLookup gmp, String name) {
        return gmp.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libgmp lacks the symbol " + name));
    }

    /** GMP's version string, e.g. "6.3.0". */
    public String version() {
        return version;
    }

    @Override
    public BigInteger powSecret(BigInteger base, BigInteger exp, BigInteger mod) {
        return pow(powmSec, base, exp, mod);
    }

    @Override
    public BigInteger powPublic(BigInteger base, BigInteger exp, BigInteger mod) {
        return pow(powm, base, exp, mod);
    }

    @Override
    public BigInteger inversePublic(BigInteger a, BigInteger mod) {
        if (mod.signum() <= 0 || a.signum() < 0) {
            throw new IllegalArgumentException("GMP inverse needs a >= 0 and a positive modulus");
        }
        return call(null, a, BigInteger.ZERO, mod);
    }

    private BigInteger pow(MethodHandle f, BigInteger base, BigInteger exp, BigInteger mod) {
        if (mod.signum() <= 0 || !mod.testBit(0) || base.signum() < 0 || exp.signum() < 0) {
            throw new IllegalArgumentException("GMP modexp needs an odd positive modulus, base >= 0 and exp >= 0");
        }
        if (exp.signum() == 0) {
            return BigInteger.ONE.mod(mod); // mpz_powm_sec requires exp > 0
        }
        return call(f, base, exp, mod);
    }

    /** f(rop, base, exp, mod), or mpz_invert(rop, base, mod) when f is null. */
    private BigInteger call(MethodHandle f, BigInteger base, BigInteger exp, BigInteger mod) {
        byte[] b = base.toByteArray();
        byte[] e = exp.toByteArray();
        byte[] m = mod.toByteArray();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment z = arena.allocate(4 * MPZ_BYTES, 8);
            MemorySegment rop = z.asSlice(0, MPZ_BYTES);
            MemorySegment zb = z.asSlice(MPZ_BYTES, MPZ_BYTES);
            MemorySegment ze = z.asSlice(2 * MPZ_BYTES, MPZ_BYTES);
            MemorySegment zm = z.asSlice(3 * MPZ_BYTES, MPZ_BYTES);
            // mpz_init2 allocates the limbs now: no later realloc of GMP >= 6.2's static dummy limb, which
            // crashes when another GMP copy in the process interposes __gmpz_realloc (e.g. jnagmp's bundled one)
            long bits = Math.max(mod.bitLength(), base.bitLength()) + 64L;
            for (int i = 0; i < 4; i++) {
                init.invokeExact(z.asSlice(i * MPZ_BYTES, MPZ_BYTES), bits);
            }
            try {
                importBytes.invokeExact(zb, (long) b.length, 1, 1L, 1, 0L, MemorySegment.ofArray(b));
                importBytes.invokeExact(ze, (long) e.length, 1, 1L, 1, 0L, MemorySegment.ofArray(e));
                importBytes.invokeExact(zm, (long) m.length, 1, 1L, 1, 0L, MemorySegment.ofArray(m));
                if (f == null) {
                    if ((int) invert.invokeExact(rop, zb, zm) == 0) {
                        throw new ArithmeticException("not invertible");
                    }
                } else {
                    f.invokeExact(rop, zb, ze, zm);
                }
                long outBits = (long) sizeInBase.invokeExact(rop, 2);
                byte[] out = new byte[(int) ((outBits + 7) / 8)];
                MemorySegment unused = (MemorySegment) exportBytes.invokeExact(MemorySegment.ofArray(out),
                        MemorySegment.NULL, 1, 1L, 1, 0L, rop);
                return new BigInteger(1, out);
            } finally {
                for (int i = 0; i < 4; i++) {
                    MemorySegment mpz = z.asSlice(i * MPZ_BYTES, MPZ_BYTES);
                    wipeLimbs(mpz);
                    clear.invokeExact(mpz);
                }
                java.util.Arrays.fill(b, (byte) 0);
                java.util.Arrays.fill(e, (byte) 0);
            }
        } catch (RuntimeException | Error ex) {
            throw ex;
        } catch (Throwable t) {
            throw new IllegalStateException("GMP call failed: " + t, t);
        }
    }

    private static void wipeLimbs(MemorySegment mpz) {
        int alloc = mpz.get(ValueLayout.JAVA_INT, 0);
        MemorySegment d = mpz.get(ValueLayout.ADDRESS, 8);
        if (alloc > 0 && !d.equals(MemorySegment.NULL)) {
            d.reinterpret(alloc * 8L).fill((byte) 0);
        }
    }

    @Override
    public boolean constantTime() {
        return true;
    }

    @Override
    public String name() {
        return "GMP " + version + " mpz_powm_sec (FFM)";
    }
}
