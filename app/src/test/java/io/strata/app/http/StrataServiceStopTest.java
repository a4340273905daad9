package io.strata.app.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks that stopping the service (as SIGTERM does through the shutdown hook) is logged. */
class StrataServiceStopTest {
    @TempDir
    Path data;

    @Test
    void close_running_logsOneLineWhenStoppingAndOneWhenStopped() {
        var running = RunningService.start(List.of("durable.filesystem.folder=" + data));
        var logger = (Logger) LoggerFactory.getLogger(StrataService.class);
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        logger.addAppender(appender);

        try {
            running.close();
        } finally {
            logger.detachAppender(appender);
        }

        assertThat(appender.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.INFO, Level.INFO);
        assertThat(appender.list.get(0).getFormattedMessage()).contains("shutting down");
        assertThat(appender.list.get(1).getFormattedMessage()).contains("stopped");
    }
}
