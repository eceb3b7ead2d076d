package io.he4j.cli;

import io.he4j.ckks.He4j;
import io.he4j.ckks.LibraryInfo;
import picocli.CommandLine.Command;

/** Shows which native library, backend and CPU kernel path are in use. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the loaded native library: version, backend, CPU kernel path, ABI.")
final class InfoCommand implements Runnable {
    @Override
    public void run() {
        LibraryInfo info = He4j.info();
        System.out.println("he4j native library " + info.version());
        System.out.println("  backend      " + info.backend());
        System.out.println("  cpu path     " + info.cpuPath());
        System.out.println("  cpu features " + info.cpuFeatures());
        System.out.println("  C ABI        " + info.abiVersion());
        System.out.println("  loaded from  " + info.source());
    }
}
