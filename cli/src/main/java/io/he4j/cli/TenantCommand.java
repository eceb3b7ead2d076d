package io.he4j.cli;

import io.he4j.server.He4jServer;
import io.he4j.server.auth.Role;
import io.he4j.server.auth.Tenant;
import io.he4j.server.db.AuditLog;
import io.he4j.server.db.Database;
import io.he4j.server.db.TenantStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Map;

/** Tenants (institutions) of the service and their API tokens, in the data directory's database. */
@Command(name = "tenant", mixinStandardHelpOptions = true,
        description = "Manage the service's tenants and their API tokens.",
        subcommands = {TenantCommand.Add.class, TenantCommand.Token.class, TenantCommand.ListTenants.class})
final class TenantCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Create a tenant; prints its new API token as the last line (shown once, stored hashed).")
    static final class Add implements Runnable {
        @Parameters(paramLabel = "NAME", description = "Tenant (institution) name.")
        String name;

        @Option(names = "--admin", description = "Give the tenant the admin role (default: client).")
        boolean admin;

        @Mixin
        ServerConfigOptions config;

        @Override
        public void run() {
            try (Database db = He4jServer.openDatabase(config.load(Map.of()))) {
                TenantStore.Created c = new TenantStore(db).create(name, admin ? Role.ADMIN : Role.CLIENT);
                new AuditLog(db).append("cli", "tenant.add", name, "created " + c.tenant().role().dbName());
                System.out.println("tenant " + c.tenant().name() + " (" + c.tenant().role().dbName()
                        + ") created; its API token (shown only now):");
                System.out.println(c.token());
            }
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "Issue another API token for an existing tenant; prints it as the last line.")
    static final class Token implements Runnable {
        @Parameters(paramLabel = "NAME")
        String name;

        @Mixin
        ServerConfigOptions config;

        @Override
        public void run() {
            try (Database db = He4jServer.openDatabase(config.load(Map.of()))) {
                String token = new TenantStore(db).addToken(name);
                new AuditLog(db).append("cli", "tenant.token", name, "issued");
                System.out.println("new API token for " + name + " (shown only now):");
                System.out.println(token);
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tenants and roles.")
    static final class ListTenants implements Runnable {
        @Mixin
        ServerConfigOptions config;

        @Override
        public void run() {
            try (Database db = He4jServer.openDatabase(config.load(Map.of()))) {
                for (Tenant t : new TenantStore(db).list()) {
                    System.out.println(t.name() + "\t" + t.role().dbName());
                }
            }
        }
    }
}
