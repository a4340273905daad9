package io.strata.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Holds the module arrows of DESIGN.md over the product's own classes (tests excluded). */
class ArchitectureTest {
    /** Is each adapter's allowed client library, beside the JDK and ports. */
    static final Map<String, String[]> ADAPTER_CLIENTS = Map.of(
            "caffeine", new String[] {"com.github.benmanes.caffeine..", "org.slf4j.."},
            "filesystem", new String[] {"com.fasterxml.jackson..", "org.slf4j.."},
            "memcached", new String[] {"net.spy.memcached..", "org.slf4j.."},
            "redis", new String[] {"redis.clients..", "org.slf4j.."},
            "s3", new String[] {"software.amazon.awssdk..", "org.slf4j.."},
            "gcs", new String[] {"com.google.cloud..", "com.google.auth..", "com.google.api.gax..", "org.slf4j.."},
            "olx", new String[] {"com.fasterxml.jackson..", "org.apache.commons.compress..", "org.slf4j..",
                "org.w3c.dom..", "org.xml.sax..", "javax.xml.."});

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.strata");
    }

    @Test
    void classes_ofEveryModule_areImported() {
        assertThat(classes.stream().map(c -> c.getPackageName().split("\\.")[2]).distinct())
                .contains("ports", "domain", "adapters", "app");
    }

    @Test
    void ports_should_only_depend_on_the_jdk() {
        ArchitectureRules.portsShouldOnlyDependOnTheJdk("io.strata").check(classes);
    }

    @Test
    void domain_should_only_depend_on_ports_the_jdk_and_pure_libraries() {
        ArchitectureRules.domainShouldOnlyDependOnPortsTheJdkAndPureLibraries("io.strata").check(classes);
    }

    @Test
    void domain_should_not_do_io_or_log() {
        ArchitectureRules.domainShouldNotDoIoOrLog("io.strata").check(classes);
    }

    @Test
    void only_the_transform_context_should_read_the_users_time() {
        ArchitectureRules.onlyTheTransformContextShouldReadTheUsersTime("io.strata").check(classes);
    }

    @Test
    void adapters_should_only_depend_on_ports_and_their_own_client_library() {
        ADAPTER_CLIENTS.forEach((adapter, client) -> ArchitectureRules
                .adapterShouldOnlyDependOnPortsAndItsClientLibrary("io.strata", adapter, client).check(classes));
    }

    @Test
    void every_adapter_package_should_have_its_client_libraries_listed() {
        var adapters = classes.stream().map(c -> c.getPackageName().split("\\."))
                .filter(parts -> parts.length > 3 && parts[2].equals("adapters"))
                .map(parts -> parts[3]).collect(Collectors.toSet());

        assertThat(ADAPTER_CLIENTS.keySet()).as("adapters checked by the client-library rule")
                .containsExactlyInAnyOrderElementsOf(adapters);
    }

    @Test
    void adapters_should_not_depend_on_each_other() {
        ArchitectureRules.adaptersShouldNotDependOnEachOtherTheDomainOrTheApp("io.strata").check(classes);
    }

    @Test
    void adapters_should_not_depend_on_the_domain_or_the_app() {
        ArchitectureRules.noAdapterShouldDependOnTheDomainOrTheApp("io.strata").check(classes);
    }

    @Test
    void testkit_should_only_depend_on_ports_the_jdk_and_test_libraries() {
        ArchitectureRules.testkitShouldOnlyDependOnPortsTheJdkAndTestLibraries("io.strata").check(classes);
    }

    @Test
    void nothing_but_app_should_see_guice() {
        ArchitectureRules.nothingButAppShouldSeeGuice("io.strata").check(classes);
    }
}
