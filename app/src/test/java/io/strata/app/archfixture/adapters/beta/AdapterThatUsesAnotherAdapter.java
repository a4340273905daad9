package io.strata.app.archfixture.adapters.beta;

import io.strata.app.archfixture.adapters.alpha.AdapterThatUsesDomain;

/** Breaks an arrow on purpose: an adapter that uses another adapter. Only for ArchitectureRulesCanFailTest. */
public class AdapterThatUsesAnotherAdapter {
    public Object other() {
        return new AdapterThatUsesDomain();
    }
}
