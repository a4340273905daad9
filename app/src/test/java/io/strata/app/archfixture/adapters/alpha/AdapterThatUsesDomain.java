package io.strata.app.archfixture.adapters.alpha;

import io.strata.app.archfixture.domain.DomainThatReadsFiles;

/** Breaks an arrow on purpose: an adapter that depends on the domain. Used only by ArchitectureRulesCanFailTest. */
public class AdapterThatUsesDomain {
    public Object domain() {
        return new DomainThatReadsFiles();
    }
}
