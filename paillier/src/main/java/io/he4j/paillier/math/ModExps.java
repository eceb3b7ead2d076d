package io.he4j.paillier.math;

/**
 * The process-wide choice. Single exponentiations: GMP's constant-time {@code mpz_powm_sec} when libgmp loads
 * (faster than {@code BigInteger.modPow} and constant-time, see bench/results/paillier-*.md), else
 * {@link JavaModExp} with a logged warning naming the reason. Batches ({@link ModExp#powSecretAll}): the
 * engine's AVX-512 IFMA kernel ({@link IfmaModExp}) when the CPU has it, unless {@code -Dhe4j.ifma.disable=true}.
 */
public final class ModExps {
    private static final System.Logger LOG = System.getLogger(ModExps.class.getName());
    private static final ModExp BEST = choose();

    private ModExps() {
    }

    public static ModExp best() {
        return BEST;
    }

    private static ModExp choose() {
        ModExp single = chooseSingle();
        if (Boolean.getBoolean("he4j.ifma.disable")) {
            return single;
        }
        try {
            return IfmaModExp.load(single);
        } catch (UnsupportedOperationException e) {
            LOG.log(System.Logger.Level.INFO, "he4j-paillier: batches without AVX-512 IFMA: " + e.getMessage());
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.INFO, "he4j-paillier: batches without AVX-512 IFMA: the native engine "
                    + "does not load (" + t + ")");
        }
        return single;
    }

    private static ModExp chooseSingle() {
        if (Boolean.getBoolean("he4j.gmp.disable")) {
            LOG.log(System.Logger.Level.WARNING, "he4j-paillier: GMP disabled by -Dhe4j.gmp.disable=true; using "
                    + "BigInteger.modPow, which is NOT constant-time");
            return JavaModExp.INSTANCE;
        }
        try {
            return GmpModExp.load();
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.WARNING, "he4j-paillier: cannot load libgmp (" + t
                    + "); using BigInteger.modPow, which is NOT constant-time. Install the runtime package "
                    + "(Debian: libgmp10) and run with --enable-native-access=ALL-UNNAMED");
            return JavaModExp.INSTANCE;
        }
    }
}
