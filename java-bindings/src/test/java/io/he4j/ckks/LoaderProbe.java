package io.he4j.ckks;

/** Entry point for tests that need a fresh JVM: prints what was loaded or the loading failure. */
public final class LoaderProbe {
    private LoaderProbe() {
    }

    public static void main(String[] args) {
        try {
            LibraryInfo info = He4j.info();
            System.out.println("cpuPath=" + info.cpuPath() + " backend=" + info.backend() + " source=" + info.source());
        } catch (He4jException e) {
            System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(3);
        }
    }
}
