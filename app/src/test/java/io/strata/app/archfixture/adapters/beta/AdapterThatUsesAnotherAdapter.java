package io.strata.app.archfixture.adapters.beta;

import io.strata.app.archfixture.adapters.alpha.AdapterThatUsesDomain;

/** Breaks an arrow on purpose: an adapter that depends on another adapter. Used only by ArchitectureRulesCanFailTest. */
public class AdapterThatUsesAnotherAdapter {
    public Object other() {
        return new AdapterThatUsesDomain();
    }
}
