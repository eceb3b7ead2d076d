package io.he4j.cli;

import io.he4j.server.ServerConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Options shared by the commands that open the service's data directory or database: the configuration file,
 * {@code --data-dir} and {@code --set KEY=VALUE} overrides (keys as in docs/server.md). Precedence: defaults,
 * file, HE4J_* environment variables, command line.
 */
final class ServerConfigOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (Java properties).")
    Path configFile;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory holding the SQLite database (default: he4j-data, or from the config).")
    Path dataDir;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one configuration key, e.g. --set predict-plain.enabled=true (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** The configuration, with the given command's own options on top. */
    ServerConfig load(Map<String, String> commandOptions) {
        Map<String, String> o = new LinkedHashMap<>(overrides);
        if (dataDir != null) {
            o.put("data-dir", dataDir.toString());
        }
        o.putAll(commandOptions);
        return ServerConfig.load(Optional.ofNullable(configFile), System.getenv(), o);
    }
}
