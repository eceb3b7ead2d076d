package io.he4j.ckks;

import io.he4j.ckks.internal.CapiData;
import io.he4j.ckks.internal.CapiEval;
import io.he4j.ckks.internal.Guard;
import io.he4j.ckks.internal.NativeHandle;
import io.he4j.ckks.internal.Scratch;
import io.he4j.ckks.internal.Status;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Homomorphic operations. Every operation comes in two forms: {@code op(a, b)} returns a new ciphertext
 * (the caller closes it), and {@code op(a, b, out)} writes into {@code out}, which may be one of the inputs
 * (in-place), and returns it.
 *
 * <p>Binary operations need operands at the same level ({@link #modSwitchTo}) and, for additions, the same
 * scale (within 2^-20 relative). Multiplications multiply scales; {@link #rescale} divides by the level's
 * prime and lowers the level by one. Relinearization needs the {@link RelinKey}, rotations and conjugation
 * the matching {@link GaloisKeys}: construct the evaluator with {@link EvaluationKeys}.
 *
 * <p>Stateless and thread-safe: one evaluator (and its keys) can serve any number of threads, as long as no
 * two threads write the same output ciphertext.
 */
public final class Evaluator {
    private final CkksContext context;
    private final RelinKey relinKey;
    private final GaloisKeys galoisKeys;

    /** An evaluator without keys: additions, plaintext and scalar operations, rescale, mod switch, mul. */
    public Evaluator(CkksContext context) {
        this.context = Objects.requireNonNull(context, "context must not be null");
        this.relinKey = null;
        this.galoisKeys = null;
    }

    /** An evaluator with relinearization and (if present) Galois keys. */
    public Evaluator(CkksContext context, EvaluationKeys keys) {
        this.context = Objects.requireNonNull(context, "context must not be null");
        Objects.requireNonNull(keys, "keys must not be null");
        context.checkCompatible(keys.context(), "new Evaluator");
        this.relinKey = keys.relinKey();
        this.galoisKeys = keys.galoisKeys().orElse(null);
    }

    /** The steps 1, 2, 4, ..., count/2 that {@link #rotateSum} needs Galois keys for, for {@code count} slots. */
    public static int[] rotateSumSteps(int count) {
        if (count < 1 || Integer.bitCount(count) != 1) {
            throw new InvalidArgumentException("rotateSum count must be a power of two >= 1, got " + count);
        }
        int[] steps = new int[Integer.numberOfTrailingZeros(count)];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = 1 << i;
        }
        return steps;
    }

    /** The context this evaluator works for. */
    public CkksContext context() {
        return context;
    }

    // ------------------------------------------------------------------ additive

    /** a + b. */
    public Ciphertext add(Ciphertext a, Ciphertext b) {
        return fresh(out -> add(a, b, out));
    }

    /** out = a + b; returns out. */
    public Ciphertext add(Ciphertext a, Ciphertext b, Ciphertext out) {
        return ctCtOp("Evaluator.add", CapiEval.ADD, a, b, out);
    }

    /** a - b. */
    public Ciphertext sub(Ciphertext a, Ciphertext b) {
        return fresh(out -> sub(a, b, out));
    }

    /** out = a - b; returns out. */
    public Ciphertext sub(Ciphertext a, Ciphertext b, Ciphertext out) {
        return ctCtOp("Evaluator.sub", CapiEval.SUB, a, b, out);
    }

    /** -a. */
    public Ciphertext negate(Ciphertext a) {
        return fresh(out -> negate(a, out));
    }

    /** out = -a; returns out. */
    public Ciphertext negate(Ciphertext a, Ciphertext out) {
        return ctOp("Evaluator.negate", CapiEval.NEGATE, a, out);
    }

    /** a + p (p at a's level and scale). */
    public Ciphertext addPlain(Ciphertext a, Plaintext p) {
        return fresh(out -> addPlain(a, p, out));
    }

    /** out = a + p; returns out. */
    public Ciphertext addPlain(Ciphertext a, Plaintext p, Ciphertext out) {
        return ctPtOp("Evaluator.addPlain", CapiEval.ADD_PLAIN, a, p, out);
    }

    /** a - p (p at a's level and scale). */
    public Ciphertext subPlain(Ciphertext a, Plaintext p) {
        return fresh(out -> subPlain(a, p, out));
    }

    /** out = a - p; returns out. */
    public Ciphertext subPlain(Ciphertext a, Plaintext p, Ciphertext out) {
        return ctPtOp("Evaluator.subPlain", CapiEval.SUB_PLAIN, a, p, out);
    }

    /** a + value in every slot (encoded at a's scale). */
    public Ciphertext addScalar(Ciphertext a, double value) {
        return fresh(out -> addScalar(a, value, out));
    }

    /** out = a + value; returns out. */
    public Ciphertext addScalar(Ciphertext a, double value, Ciphertext out) {
        String op = "Evaluator.addScalar";
        check(op, a, out);
        return call(op, out, g -> (int) CapiEval.ADD_SCALAR.invokeExact(g.get(0), g.get(1), value, g.get(2)),
                context.handle(), a.handle(), out.handle());
    }

    // ------------------------------------------------------------------ multiplicative

    /** a * p, elementwise; the result's scale is a.scale * p.scale (rescale next). */
    public Ciphertext mulPlain(Ciphertext a, Plaintext p) {
        return fresh(out -> mulPlain(a, p, out));
    }

    /** out = a * p; returns out. */
    public Ciphertext mulPlain(Ciphertext a, Plaintext p, Ciphertext out) {
        return ctPtOp("Evaluator.mulPlain", CapiEval.MUL_PLAIN, a, p, out);
    }

    /** a * value in every slot, value encoded as round(value * scale); result scale a.scale * scale. */
    public Ciphertext mulScalar(Ciphertext a, double value, double scale) {
        return fresh(out -> mulScalar(a, value, scale, out));
    }

    /** out = a * value (encoded at {@code scale}); returns out. */
    public Ciphertext mulScalar(Ciphertext a, double value, double scale, Ciphertext out) {
        String op = "Evaluator.mulScalar";
        check(op, a, out);
        return call(op, out, g -> (int) CapiEval.MUL_SCALAR.invokeExact(g.get(0), g.get(1), value, scale, g.get(2)),
                context.handle(), a.handle(), out.handle());
    }

    /** a * b without relinearization: a size-3 ciphertext (see {@link #relinearize}, or use {@link #mulRelin}). */
    public Ciphertext mul(Ciphertext a, Ciphertext b) {
        return fresh(out -> mul(a, b, out));
    }

    /** out = a * b (size 3); returns out. */
    public Ciphertext mul(Ciphertext a, Ciphertext b, Ciphertext out) {
        return ctCtOp("Evaluator.mul", CapiEval.MUL, a, b, out);
    }

    /** Size 3 back to size 2 with the relinearization key. */
    public Ciphertext relinearize(Ciphertext a) {
        return fresh(out -> relinearize(a, out));
    }

    /** out = relinearize(a); returns out. */
    public Ciphertext relinearize(Ciphertext a, Ciphertext out) {
        return keyedOp("Evaluator.relinearize", CapiEval.RELINEARIZE, relin("Evaluator.relinearize").handle(), a, out);
    }

    /** a * b, relinearized (size 2); the result's scale is a.scale * b.scale (rescale next). */
    public Ciphertext mulRelin(Ciphertext a, Ciphertext b) {
        return fresh(out -> mulRelin(a, b, out));
    }

    /** out = a * b, relinearized; returns out. */
    public Ciphertext mulRelin(Ciphertext a, Ciphertext b, Ciphertext out) {
        String op = "Evaluator.mulRelin";
        RelinKey rk = relin(op);
        check(op, a, out);
        check(op, b);
        return call(op, out, g -> (int) CapiEval.MUL_RELIN.invokeExact(g.get(0), g.get(1), g.get(2), g.get(3), g.get(4)),
                context.handle(), rk.handle(), a.handle(), b.handle(), out.handle());
    }

    /** a * a, relinearized. */
    public Ciphertext squareRelin(Ciphertext a) {
        return fresh(out -> squareRelin(a, out));
    }

    /** out = a * a, relinearized; returns out. */
    public Ciphertext squareRelin(Ciphertext a, Ciphertext out) {
        return keyedOp("Evaluator.squareRelin", CapiEval.SQUARE_RELIN, relin("Evaluator.squareRelin").handle(), a, out);
    }

    // ------------------------------------------------------------------ levels

    /** Divides by the last prime of a's level and drops it: level - 1, scale / q_level. */
    public Ciphertext rescale(Ciphertext a) {
        return fresh(out -> rescale(a, out));
    }

    /** out = rescale(a); returns out. */
    public Ciphertext rescale(Ciphertext a, Ciphertext out) {
        return ctOp("Evaluator.rescale", CapiEval.RESCALE, a, out);
    }

    /** Drops primes down to {@code level} (&lt;= a.level) without changing the scale. */
    public Ciphertext modSwitchTo(Ciphertext a, int level) {
        return fresh(out -> modSwitchTo(a, level, out));
    }

    /** out = a at {@code level}; returns out. */
    public Ciphertext modSwitchTo(Ciphertext a, int level, Ciphertext out) {
        String op = "Evaluator.modSwitchTo";
        checkLevel(op, level);
        check(op, a, out);
        return call(op, out, g -> (int) CapiEval.MOD_SWITCH_TO.invokeExact(g.get(0), g.get(1), level, g.get(2)),
                context.handle(), a.handle(), out.handle());
    }

    /** The plaintext at {@code level} (&lt;= its level), scale unchanged. */
    public Plaintext modSwitchTo(Plaintext a, int level) {
        return NativeObject.filled(new Plaintext(context), out -> modSwitchTo(a, level, out));
    }

    /** out = a at {@code level}; returns out. */
    public Plaintext modSwitchTo(Plaintext a, int level, Plaintext out) {
        String op = "Evaluator.modSwitchTo";
        checkLevel(op, level);
        Objects.requireNonNull(a, "plaintext must not be null");
        Objects.requireNonNull(out, "out must not be null");
        context.checkCompatible(a.context(), op);
        context.checkCompatible(out.context(), op);
        return call(op, out, g -> (int) CapiData.PLAINTEXT_MOD_SWITCH_TO.invokeExact(g.get(0), g.get(1), level, g.get(2)),
                context.handle(), a.handle(), out.handle());
    }

    // ------------------------------------------------------------------ rotations

    /** Rotates slots left by {@code step} (negative = right); needs a Galois key for that step. */
    public Ciphertext rotate(Ciphertext a, int step) {
        return fresh(out -> rotate(a, step, out));
    }

    /** out = a rotated left by {@code step}; returns out. */
    public Ciphertext rotate(Ciphertext a, int step, Ciphertext out) {
        String op = "Evaluator.rotate";
        GaloisKeys gk = galois(op);
        check(op, a, out);
        return call(op, out, g -> (int) CapiEval.ROTATE.invokeExact(g.get(0), g.get(1), g.get(2), step, g.get(3)),
                context.handle(), gk.handle(), a.handle(), out.handle());
    }

    /** Complex conjugation of every slot (identity on real values); needs the conjugation key. */
    public Ciphertext conjugate(Ciphertext a) {
        return fresh(out -> conjugate(a, out));
    }

    /** out = conj(a); returns out. */
    public Ciphertext conjugate(Ciphertext a, Ciphertext out) {
        return keyedOp("Evaluator.conjugate", CapiEval.CONJUGATE, galois("Evaluator.conjugate").handle(), a, out);
    }

    /**
     * Several rotations of one ciphertext sharing one key-switching decomposition (cheaper than separate
     * {@link #rotate} calls): element i is a rotated by {@code steps[i]}.
     */
    public Ciphertext[] rotateHoisted(Ciphertext a, int... steps) {
        Objects.requireNonNull(steps, "steps must not be null");
        Ciphertext[] outs = new Ciphertext[steps.length];
        try {
            for (int i = 0; i < outs.length; i++) {
                outs[i] = new Ciphertext(context);
            }
            return rotateHoisted(a, steps, outs);
        } catch (RuntimeException e) {
            for (Ciphertext c : outs) {
                if (c != null) {
                    c.close();
                }
            }
            throw e;
        }
    }

    /**
     * outs[i] = a rotated by steps[i]; returns outs. The outputs should be distinct; one may be {@code a}
     * itself (the engine reads all of {@code a} before writing). Step 0 copies.
     */
    public Ciphertext[] rotateHoisted(Ciphertext a, int[] steps, Ciphertext[] outs) {
        String op = "Evaluator.rotateHoisted";
        Objects.requireNonNull(steps, "steps must not be null");
        Objects.requireNonNull(outs, "outs must not be null");
        if (steps.length != outs.length) {
            throw new InvalidArgumentException(op + ": " + steps.length + " steps but " + outs.length + " outputs");
        }
        GaloisKeys gk = galois(op);
        check(op, a);
        if (steps.length == 0) {
            return outs;
        }
        NativeHandle[] hs = new NativeHandle[3 + outs.length];
        hs[0] = context.handle();
        hs[1] = gk.handle();
        hs[2] = a.handle();
        for (int i = 0; i < outs.length; i++) {
            if (outs[i] == null) {
                throw new NullPointerException("outs[" + i + "] must not be null");
            }
            check(op, outs[i]);
            hs[3 + i] = outs[i].handle();
        }
        try (Guard g = Guard.of(hs)) {
            long pointers = (long) outs.length * ValueLayout.ADDRESS.byteSize();
            MemorySegment o = Scratch.get(pointers + (long) steps.length * Integer.BYTES);
            MemorySegment s = o.asSlice(pointers);
            MemorySegment.copy(steps, 0, s, ValueLayout.JAVA_INT, 0, steps.length);
            for (int i = 0; i < outs.length; i++) {
                o.setAtIndex(ValueLayout.ADDRESS, i, g.get(3 + i));
            }
            Status.check((int) CapiEval.ROTATE_HOISTED.invokeExact(g.get(0), g.get(1), g.get(2), s, (long) steps.length, o), op);
            return outs;
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }

    /**
     * Sums {@code count} consecutive slots (a power of two dividing the slot count): slot i of the result
     * holds a[i] + ... + a[i + count - 1] (indices mod slots). Needs Galois keys for
     * {@link #rotateSumSteps(int)}.
     */
    public Ciphertext rotateSum(Ciphertext a, int count) {
        return fresh(out -> rotateSum(a, count, out));
    }

    /** out = rotateSum(a, count); returns out. */
    public Ciphertext rotateSum(Ciphertext a, int count, Ciphertext out) {
        String op = "Evaluator.rotateSum";
        if (count < 1 || Integer.bitCount(count) != 1 || count > context.slotCount()) {
            throw new InvalidArgumentException(op + ": count must be a power of two in 1.." + context.slotCount()
                    + ", got " + count);
        }
        GaloisKeys gk = galois(op);
        check(op, a, out);
        return call(op, out, g -> (int) CapiEval.ROTATE_SUM.invokeExact(g.get(0), g.get(1), g.get(2), count, g.get(3)),
                context.handle(), gk.handle(), a.handle(), out.handle());
    }

    // ------------------------------------------------------------------ batches

    /** The sum of one or more ciphertexts (same level and scale). */
    public Ciphertext addAll(List<Ciphertext> terms) {
        return fresh(out -> addAll(terms, out));
    }

    /** out = sum of {@code terms}; out may be one of them; returns out. */
    public Ciphertext addAll(List<Ciphertext> terms, Ciphertext out) {
        Objects.requireNonNull(terms, "terms must not be null");
        if (terms.isEmpty()) {
            throw new InvalidArgumentException("Evaluator.addAll: at least one term is needed");
        }
        int n = terms.size();
        if (n == 1) {
            terms.getFirst().copyTo(out);
            return out;
        }
        // out may alias any term: sum into out only once terms[0] and terms[1] have been read.
        int aliased = terms.indexOf(out);
        if (aliased > 1) {
            add(terms.get(aliased), terms.get(0), out);
            add(out, terms.get(1), out);
        } else {
            add(terms.get(0), terms.get(1), out);
        }
        for (int i = 2; i < n; i++) {
            if (i != aliased) {
                add(out, terms.get(i), out);
            }
        }
        return out;
    }

    /** Each ciphertext times {@code p}: a new list the caller owns. */
    public List<Ciphertext> mulPlain(List<Ciphertext> as, Plaintext p) {
        Objects.requireNonNull(as, "ciphertexts must not be null");
        List<Ciphertext> out = new ArrayList<>(as.size());
        try {
            for (Ciphertext a : as) {
                out.add(mulPlain(a, p));
            }
            return out;
        } catch (RuntimeException e) {
            out.forEach(Ciphertext::close);
            throw e;
        }
    }

    /** sum_i as[i] * ps[i]: a plaintext-weighted sum (e.g. a linear layer), one new ciphertext. */
    public Ciphertext mulPlainAndSum(List<Ciphertext> as, List<Plaintext> ps) {
        Objects.requireNonNull(as, "ciphertexts must not be null");
        Objects.requireNonNull(ps, "plaintexts must not be null");
        if (as.size() != ps.size() || as.isEmpty()) {
            throw new InvalidArgumentException("Evaluator.mulPlainAndSum: need as many plaintexts as ciphertexts (>= 1), got "
                    + as.size() + " and " + ps.size());
        }
        Ciphertext acc = mulPlain(as.getFirst(), ps.getFirst());
        try (Ciphertext tmp = new Ciphertext(context)) {
            for (int i = 1; i < as.size(); i++) {
                mulPlain(as.get(i), ps.get(i), tmp);
                add(acc, tmp, acc);
            }
            return acc;
        } catch (RuntimeException e) {
            acc.close();
            throw e;
        }
    }

    // ------------------------------------------------------------------ plumbing

    private Ciphertext ctCtOp(String op, MethodHandle fn, Ciphertext a, Ciphertext b, Ciphertext out) {
        check(op, a, out);
        check(op, b);
        return call(op, out, g -> (int) fn.invokeExact(g.get(0), g.get(1), g.get(2), g.get(3)),
                context.handle(), a.handle(), b.handle(), out.handle());
    }

    private Ciphertext ctPtOp(String op, MethodHandle fn, Ciphertext a, Plaintext p, Ciphertext out) {
        check(op, a, out);
        Objects.requireNonNull(p, "plaintext must not be null");
        context.checkCompatible(p.context(), op);
        return call(op, out, g -> (int) fn.invokeExact(g.get(0), g.get(1), g.get(2), g.get(3)),
                context.handle(), a.handle(), p.handle(), out.handle());
    }

    private Ciphertext ctOp(String op, MethodHandle fn, Ciphertext a, Ciphertext out) {
        check(op, a, out);
        return call(op, out, g -> (int) fn.invokeExact(g.get(0), g.get(1), g.get(2)),
                context.handle(), a.handle(), out.handle());
    }

    /** fn(ctx, key, a, out) for relinearize, squareRelin, conjugate. */
    private Ciphertext keyedOp(String op, MethodHandle fn, NativeHandle k, Ciphertext a, Ciphertext out) {
        check(op, a, out);
        return call(op, out, g -> (int) fn.invokeExact(g.get(0), g.get(1), g.get(2), g.get(3)),
                context.handle(), k, a.handle(), out.handle());
    }

    /** A native call on guarded handles: {@code fn(g.get(0), ...)}. */
    @FunctionalInterface
    private interface NativeCall {
        int invoke(Guard g) throws Throwable;
    }

    /** Runs {@code call} with {@code handles} held in use, checks its status and returns {@code out}. */
    private static <T> T call(String op, T out, NativeCall call, NativeHandle... handles) {
        try (Guard g = Guard.of(handles)) {
            Status.check(call.invoke(g), op);
            return out;
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }

    private RelinKey relin(String op) {
        if (relinKey == null) {
            throw new IncompatibleOperandsException(op + ": this Evaluator has no relinearization key; create it with "
                    + "new Evaluator(context, evaluationKeys)");
        }
        return relinKey;
    }

    private GaloisKeys galois(String op) {
        if (galoisKeys == null) {
            throw new IncompatibleOperandsException(op + ": this Evaluator has no Galois keys; generate them with "
                    + "KeyGenerator.evaluationKeys(sk, steps...) and create the Evaluator with those keys");
        }
        return galoisKeys;
    }

    private void checkLevel(String op, int level) {
        if (level < 0 || level > context.maxLevel()) {
            throw new InvalidArgumentException(op + ": level must be in 0.." + context.maxLevel() + ", got " + level);
        }
    }

    private void check(String op, Ciphertext a) {
        Objects.requireNonNull(a, "ciphertext must not be null");
        context.checkCompatible(a.context(), op);
    }

    private void check(String op, Ciphertext a, Ciphertext out) {
        check(op, a);
        Objects.requireNonNull(out, "out must not be null");
        context.checkCompatible(out.context(), op);
    }

    private Ciphertext fresh(java.util.function.Consumer<Ciphertext> fill) {
        return NativeObject.filled(new Ciphertext(context), fill);
    }
}
