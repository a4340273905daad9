package io.strata.app.archfixture.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Breaks a rule on purpose: a contract test that uses a backend library. Only for ArchitectureRulesCanFailTest. */
public class ContractThatUsesJackson {
    public Object mapper() {
        return new ObjectMapper();
    }
}
