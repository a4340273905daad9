package io.strata.app.wiring;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.strata.ports.BackendUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks what operators read when a cache tier goes away: one line, its reason, and no stack trace above DEBUG. */
class TierEventLogTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(TierEventLog.class);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private Level previousLevel;

    @BeforeEach
    void captureEvents() {
        previousLevel = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        events.start();
        logger.addAppender(events);
    }

    @AfterEach
    void stopCapturing() {
        logger.detachAppender(events);
        logger.setLevel(previousLevel);
    }

    @Test
    void onTierUnavailable_twiceInOneOutage_warnsOnceInOneLineWithTheReasonAndTheTraceAtDebug() {
        var eventLog = new TierEventLog();
        var failure = new BackendUnavailableException("Cannot reach cache tier[redis] servers[127.0.0.1:1]",
                new ConnectException("Connection refused"));

        eventLog.onTierUnavailable("redis", failure);
        eventLog.onTierUnavailable("redis", failure);

        var warnings = events.list.stream().filter(event -> event.getLevel() == Level.WARN).toList();
        assertThat(warnings).singleElement().satisfies(warning -> {
            assertThat(warning.getFormattedMessage()).isEqualTo("Tier[redis] unreachable (Cannot reach cache"
                    + " tier[redis] servers[127.0.0.1:1]), reading the tiers below it until it answers again");
            assertThat(warning.getThrowableProxy()).isNull();
        });
        assertThat(events.list).filteredOn(event -> event.getLevel() == Level.DEBUG)
                .singleElement().satisfies(debug -> assertThat(debug.getThrowableProxy()).isNotNull());
    }

    @Test
    void onTierFailure_cacheTier_warnsInOneLineWithTheReason() {
        var eventLog = new TierEventLog();

        eventLog.onTierFailure("memcached", new IllegalStateException("Queue full"));

        assertThat(events.list).filteredOn(event -> event.getLevel() == Level.WARN).singleElement()
                .satisfies(warning -> {
                    assertThat(warning.getFormattedMessage()).contains("Tier[memcached]", "(Queue full)");
                    assertThat(warning.getThrowableProxy()).isNull();
                });
    }
}
