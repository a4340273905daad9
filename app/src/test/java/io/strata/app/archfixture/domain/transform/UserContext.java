package io.strata.app.archfixture.domain.transform;

import java.time.Instant;

/** Stands for the domain's user context, which carries the request time. Used only by ArchitectureRulesCanFailTest. */
public record UserContext(Instant now) {
}
