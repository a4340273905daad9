package io.strata.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Proves that each layering rule can fail: the classes under {@code io.strata.app.archfixture}
 * break one arrow each on purpose (see each class's javadoc), and every rule must reject them.
 */
class ArchitectureRulesCanFailTest {
    private static final String FIXTURE = "io.strata.app.archfixture";

    private static JavaClasses fixture;

    @BeforeAll
    static void importFixture() {
        fixture = new ClassFileImporter().importPackages(FIXTURE);
    }

    @Test
    void portsRule_portUsingGuice_fails() {
        assertViolated(ArchitectureRules.portsShouldOnlyDependOnTheJdk(FIXTURE), "PortThatUsesGuice");
    }

    @Test
    void domainRule_domainUsingJackson_fails() {
        assertViolated(ArchitectureRules.domainShouldOnlyDependOnPortsTheJdkAndPureLibraries(FIXTURE),
                "DomainThatUsesJackson");
    }

    @Test
    void domainIoRule_domainReadingFiles_fails() {
        assertViolated(ArchitectureRules.domainShouldNotDoIoOrLog(FIXTURE), "DomainThatReadsFiles");
    }

    @Test
    void adapterRule_adapterUsingDomain_fails() {
        assertViolated(ArchitectureRules.adapterShouldOnlyDependOnPortsAndItsClientLibrary(FIXTURE, "alpha"),
                "AdapterThatUsesDomain");
    }

    @Test
    void adapterRule_adapterUsingAnotherAdapter_fails() {
        assertViolated(ArchitectureRules.adapterShouldOnlyDependOnPortsAndItsClientLibrary(FIXTURE, "beta"),
                "AdapterThatUsesAnotherAdapter");
    }

    @Test
    void adapterSliceRule_adapterUsingAnotherAdapter_fails() {
        assertViolated(ArchitectureRules.adaptersShouldNotDependOnEachOtherTheDomainOrTheApp(FIXTURE),
                "AdapterThatUsesAnotherAdapter");
    }

    @Test
    void adapterDomainRule_adapterUsingDomain_fails() {
        assertViolated(ArchitectureRules.noAdapterShouldDependOnTheDomainOrTheApp(FIXTURE), "AdapterThatUsesDomain");
    }

    @Test
    void testkitRule_contractUsingJackson_fails() {
        assertViolated(ArchitectureRules.testkitShouldOnlyDependOnPortsTheJdkAndTestLibraries(FIXTURE),
                "ContractThatUsesJackson");
    }

    @Test
    void guiceRule_portUsingGuice_fails() {
        assertViolated(ArchitectureRules.nothingButAppShouldSeeGuice(FIXTURE), "PortThatUsesGuice");
    }

    @Test
    void requestTimeRule_transformerComparingTheUsersTime_fails() {
        assertViolated(ArchitectureRules.onlyTheTransformContextShouldReadTheUsersTime(FIXTURE),
                "FilterThatReadsTheClock");
    }

    private static void assertViolated(ArchRule rule, String offender) {
        assertThatThrownBy(() -> rule.check(fixture)).isInstanceOf(AssertionError.class).hasMessageContaining(offender);
    }
}
