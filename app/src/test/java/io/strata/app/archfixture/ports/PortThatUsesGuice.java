package io.strata.app.archfixture.ports;

import com.google.inject.Inject;

/** Breaks two arrows on purpose: a port that depends on Guice. Used only by ArchitectureRulesCanFailTest. */
public class PortThatUsesGuice {
    @Inject
    public PortThatUsesGuice() {
    }
}
