package io.strata.app.architecture;

import com.tngtech.archunit.lang.ArchRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Builds the layering rules of DESIGN.md for a base package, so that the same rules check the
 * product ({@code io.strata}) and a fixture of deliberately bad classes that proves each rule can
 * fail. Module packages sit under the base: {@code ports}, {@code domain}, {@code adapters.<name>},
 * {@code app}.
 */
final class ArchitectureRules {
    /** Are the JDK packages every module may use. */
    private static final String[] JDK = {"java..", "javax.annotation.processing.."};

    /** Are the non-JDK libraries the domain may use: small, pure computation, no I/O. */
    private static final String[] DOMAIN_LIBRARIES = {};

    /** Are the JDK packages the domain must not touch: files, the network, logging. */
    private static final String[] DOMAIN_FORBIDDEN = {"java.nio.file..", "java.net..", "java.util.logging..",
        "java.lang.System.Logger", "org.slf4j.."};

    private static final String[] GUICE = {"com.google.inject..", "jakarta.inject..", "javax.inject.."};

    private ArchitectureRules() {
    }

    static ArchRule portsShouldOnlyDependOnTheJdk(String base) {
        return classes().that().resideInAPackage(base + ".ports..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(concat(JDK, base + ".ports.."))
                .because("an adapter depends on ports alone, so a library user who wants one backend pulls nothing else");
    }

    static ArchRule domainShouldOnlyDependOnPortsTheJdkAndPureLibraries(String base) {
        return classes().that().resideInAPackage(base + ".domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        concat(concat(JDK, base + ".ports..", base + ".domain.."), DOMAIN_LIBRARIES))
                .because("the domain is the product's logic and must not know any backend or framework");
    }

    static ArchRule domainShouldNotDoIoOrLog(String base) {
        return noClasses().that().resideInAPackage(base + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage(DOMAIN_FORBIDDEN)
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
                .because("the domain does no I/O and never logs; the app observes it through listeners");
    }

    static ArchRule adapterShouldOnlyDependOnPortsAndItsClientLibrary(String base, String adapter, String... client) {
        return classes().that().resideInAPackage(base + ".adapters." + adapter + "..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        concat(concat(JDK, base + ".ports..", base + ".adapters." + adapter + ".."), client))
                .because("an adapter sees only ports and its own client library, never the domain, the app"
                        + " or another adapter");
    }

    static ArchRule nothingButAppShouldSeeGuice(String base) {
        return noClasses().that().resideInAPackage(base + "..").and().resideOutsideOfPackage(base + ".app..")
                .should().dependOnClassesThat().resideInAnyPackage(GUICE)
                .because("wiring is the app's job; adapters stay usable as plain libraries");
    }

    /** Returns every rule for the product's own adapters and their allowed client libraries. */
    static List<ArchRule> all(String base, Map<String, String[]> adapterClients) {
        var rules = new ArrayList<ArchRule>();
        rules.add(portsShouldOnlyDependOnTheJdk(base));
        rules.add(domainShouldOnlyDependOnPortsTheJdkAndPureLibraries(base));
        rules.add(domainShouldNotDoIoOrLog(base));
        rules.add(nothingButAppShouldSeeGuice(base));
        adapterClients.forEach((adapter, client) ->
                rules.add(adapterShouldOnlyDependOnPortsAndItsClientLibrary(base, adapter, client)));
        return rules;
    }

    private static String[] concat(String[] first, String... second) {
        var all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
