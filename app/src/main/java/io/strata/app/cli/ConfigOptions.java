package io.strata.app.cli;

import io.strata.app.config.ConfigLoader;
import io.strata.app.config.StrataConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Are the options every command shares: where the configuration comes from. */
final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML configuration file (see docs/configuration.md).")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Sets one configuration key, over the file and the environment; repeatable.")
    List<String> overrides = new ArrayList<>();

    /** Returns the effective configuration, with {@code extra} overrides applied last. */
    StrataConfig load(List<String> extra) {
        var all = new ArrayList<>(overrides);
        all.addAll(extra);
        return ConfigLoader.load(Optional.ofNullable(configFile), System.getenv(), all);
    }
}
