package io.strata.app.architecture;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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

    /** Are the {@code java.io} classes that touch files, which the domain must not use either. */
    private static final String[] DOMAIN_FORBIDDEN_FILE_CLASSES = {"java.io.File", "java.io.FileInputStream",
        "java.io.FileOutputStream", "java.io.FileReader", "java.io.FileWriter", "java.io.RandomAccessFile"};

    /** Are the libraries a contract test may use beside the JDK and ports. */
    private static final String[] TEST_LIBRARIES = {"org.junit..", "org.assertj..", "org.opentest4j.."};

    private static final String[] GUICE = {"com.google.inject..", "jakarta.inject..", "javax.inject.."};

    private ArchitectureRules() {
    }

    static ArchRule portsShouldOnlyDependOnTheJdk(String base) {
        return classes().that().resideInAPackage(base + ".ports..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(concat(JDK, base + ".ports.."))
                .because("an adapter depends on ports alone,"
                        + " so a library user who wants one backend pulls nothing else");
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
                .orShould().dependOnClassesThat().haveFullyQualifiedName(DOMAIN_FORBIDDEN_FILE_CLASSES[0])
                .orShould().dependOnClassesThat().haveFullyQualifiedName(DOMAIN_FORBIDDEN_FILE_CLASSES[1])
                .orShould().dependOnClassesThat().haveFullyQualifiedName(DOMAIN_FORBIDDEN_FILE_CLASSES[2])
                .orShould().dependOnClassesThat().haveFullyQualifiedName(DOMAIN_FORBIDDEN_FILE_CLASSES[3])
                .orShould().dependOnClassesThat().haveFullyQualifiedName(DOMAIN_FORBIDDEN_FILE_CLASSES[4])
                .orShould().dependOnClassesThat().haveFullyQualifiedName(DOMAIN_FORBIDDEN_FILE_CLASSES[5])
                .because("the domain does no I/O and never logs; the app observes it through listeners");
    }

    static ArchRule adapterShouldOnlyDependOnPortsAndItsClientLibrary(String base, String adapter, String... client) {
        return classes().that().resideInAPackage(base + ".adapters." + adapter + "..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        concat(concat(JDK, base + ".ports..", base + ".adapters." + adapter + ".."), client))
                .because("an adapter sees only ports and its own client library, never the domain, the app"
                        + " or another adapter");
    }

    static ArchRule adaptersShouldNotDependOnEachOtherTheDomainOrTheApp(String base) {
        return slices().matching(base + ".adapters.(*)..").should().notDependOnEachOther()
                .because("an adapter is a library of its own; one backend must not pull in another");
    }

    static ArchRule noAdapterShouldDependOnTheDomainOrTheApp(String base) {
        return noClasses().that().resideInAPackage(base + ".adapters..")
                .should().dependOnClassesThat().resideInAnyPackage(base + ".domain..", base + ".app..")
                .because("adapters implement ports; the domain and the app are their callers, not their tools");
    }

    static ArchRule testkitShouldOnlyDependOnPortsTheJdkAndTestLibraries(String base) {
        return classes().that().resideInAPackage(base + ".testkit..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        concat(concat(JDK, base + ".ports..", base + ".testkit.."), TEST_LIBRARIES))
                .because("every adapter's tests extend the contracts, so testkit must not pull in any backend");
    }

    static ArchRule onlyTheTransformContextShouldReadTheUsersTime(String base) {
        return noClasses().that().resideOutsideOfPackage(base + ".app..")
                .and().doNotHaveFullyQualifiedName(base + ".domain.transform.TransformContext")
                .should().callMethod(base + ".domain.transform.UserContext", "now")
                .because("transformers compare the request time through RequestTime, so the validity window of"
                        + " a transform holds every date it looked at and a cached response never outlives one");
    }

    static ArchRule nothingButAppShouldSeeGuice(String base) {
        return noClasses().that().resideInAPackage(base + "..").and().resideOutsideOfPackage(base + ".app..")
                .should().dependOnClassesThat().resideInAnyPackage(GUICE)
                .because("wiring is the app's job; adapters stay usable as plain libraries");
    }

    private static String[] concat(String[] first, String... second) {
        var all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
