package io.he4j.cli;

import io.he4j.ckks.He4j;
import io.he4j.ckks.LibraryInfo;
import picocli.CommandLine.Command;

/** The demo. Until encrypted inference lands it shows only what exists: the native round trip. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the demo (currently: load the native engine through FFM and report what it chose).")
final class DemoCommand implements Runnable {
    @Override
    public void run() {
        long t0 = System.nanoTime();
        LibraryInfo info = He4j.info();
        long t1 = System.nanoTime();
        System.out.printf("Loaded the he4j native engine %s through the FFM API in %.1f ms.%n", info.version(),
                (t1 - t0) / 1e6);
        System.out.println("Backend " + info.backend() + ", CPU kernel path " + info.cpuPath() + ".");
        System.out.println("Encrypted inference is not wired into this demo yet.");
    }
}
