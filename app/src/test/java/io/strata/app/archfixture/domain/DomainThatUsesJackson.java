package io.strata.app.archfixture.domain;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Breaks an arrow on purpose: domain code that depends on a JSON library. Used only by ArchitectureRulesCanFailTest. */
public class DomainThatUsesJackson {
    public Object mapper() {
        return new ObjectMapper();
    }
}
