package io.strata.testkit;

import java.util.concurrent.TimeUnit;

/** Stops the server processes the test servers start, the same way for each of them. */
final class TestProcesses {
    private TestProcesses() {
    }

    /** Asks the process to exit, and kills it when it has not within 5 seconds. */
    static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
