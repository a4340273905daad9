package io.strata.app.cli;

import io.strata.app.http.StrataService;
import io.strata.app.wiring.Wiring;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the HTTP service (the Blocks API, publish events, health and metrics) until the process is
 * stopped; SIGTERM or Ctrl-C stops it cleanly. See the README for the endpoints and how callers
 * authenticate.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = StrataVersion.class,
        description = "Serves the Blocks API over HTTP until stopped.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--port", paramLabel = "N", description = "The port to listen on (default: service.port).")
    Integer port;

    @Override
    public Integer call() throws InterruptedException {
        var config = configOptions.load(List.of());
        var injector = Wiring.create(config);
        var service = StrataService.start(injector, config, Optional.ofNullable(port));
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "strata-shutdown"));
        stopped.await();
        return 0;
    }
}
