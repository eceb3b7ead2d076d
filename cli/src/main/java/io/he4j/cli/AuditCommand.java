package io.he4j.cli;

import io.he4j.server.He4jServer;
import io.he4j.server.db.AuditLog;
import io.he4j.server.db.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.Map;
import java.util.concurrent.Callable;

/** Checks the service's hash-chained audit trail. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "The service's audit trail.",
        subcommands = {AuditCommand.Verify.class})
final class AuditCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Recompute the audit trail's hash chain; exit 1 if a row was changed or removed.")
    static final class Verify implements Callable<Integer> {
        @Mixin
        ServerConfigOptions config;

        @Override
        public Integer call() {
            try (Database db = He4jServer.openDatabase(config.load(Map.of()))) {
                AuditLog.Verification v = new AuditLog(db).verify();
                if (v.intact()) {
                    System.out.println("audit trail intact: " + v.rows() + " rows, head " + v.headHash());
                    return 0;
                }
                System.out.println("audit trail BROKEN at row " + v.firstBadSeq().orElseThrow()
                        + " (changed, inserted or removed rows)");
                return 1;
            }
        }
    }
}
