package io.strata.app.archfixture.domain;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Breaks an arrow on purpose: domain code that uses a JSON library. Only for ArchitectureRulesCanFailTest. */
public class DomainThatUsesJackson {
    public Object mapper() {
        return new ObjectMapper();
    }
}
