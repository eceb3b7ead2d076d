package io.he4j.paillier.math;

import java.math.BigInteger;

/**
 * {@link BigInteger#modPow}: the fallback when GMP cannot be loaded. NOT constant-time (sliding windows and
 * Montgomery reduction with a data-dependent final subtraction), which {@link #constantTime()} reports.
 */
public final class JavaModExp implements ModExp {
    public static final JavaModExp INSTANCE = new JavaModExp();

    private JavaModExp() {
    }

    @Override
    public BigInteger powSecret(BigInteger base, BigInteger exp, BigInteger mod) {
        return base.modPow(exp, mod);
    }

    @Override
    public BigInteger powPublic(BigInteger base, BigInteger exp, BigInteger mod) {
        return base.modPow(exp, mod);
    }

    @Override
    public BigInteger inversePublic(BigInteger a, BigInteger mod) {
        return a.modInverse(mod);
    }

    @Override
    public boolean constantTime() {
        return false;
    }

    @Override
    public String name() {
        return "java.math.BigInteger.modPow";
    }
}
