package io.erplink.testsupport;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules every module keeps. A module runs them all with
 *
 * <pre>{@code
 * @AnalyzeClasses(packages = "io.erplink.<module>", importOptions = ImportOption.DoNotIncludeTests.class)
 * class ArchitectureTest {
 *     @ArchTest
 *     static final ArchTests rules = ArchTests.in(ArchitectureRules.class);
 * }
 * }</pre>
 */
public final class ArchitectureRules {

    /**
     * What other modules may use of connector-protocol: the wire contracts. {@code xml} is the
     * hardened StAX machinery the readers and writers are built on.
     */
    public static final String[] PROTOCOL_PUBLIC_PACKAGES = {
        "io.erplink.protocol",
        "io.erplink.protocol.api",
        "io.erplink.protocol.events",
        "io.erplink.protocol.requests",
        "io.erplink.protocol.signing",
        "io.erplink.protocol.tables"
    };

    /**
     * What services may use of service-kit. Its root package (the kit's own schema) and {@code
     * kafka} (topic provisioning at startup) work through CDI and configuration only.
     */
    public static final String[] KIT_PUBLIC_PACKAGES = {
        "io.erplink.kit.api",
        "io.erplink.kit.erp",
        "io.erplink.kit.inbox",
        "io.erplink.kit.logging",
        "io.erplink.kit.outbox",
        "io.erplink.kit.security",
        "io.erplink.kit.tracing"
    };

    /**
     * A feature package (one level below a module's root package, with its subpackages) never needs
     * another that needs it back. The root package holds the module's wiring and shared vocabulary.
     */
    @ArchTest
    public static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.erplink.(*).(*)..")
            .namingSlices("$1.$2")
            .should()
            .beFreeOfCycles();

    /** Resources are thin: SQL and connections belong to the services and stores behind them. */
    @ArchTest
    public static final ArchRule RESOURCES_DO_NOT_TOUCH_JDBC = noClasses()
            .that()
            .areAnnotatedWith("jakarta.ws.rs.Path")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.sql..", "javax.sql..", "io.agroal..", "org.postgresql..")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("jakarta.persistence.EntityManager")
            .because("a resource calls a service; the service or its store owns the database work")
            .allowEmptyShould(true);

    /** Other modules use connector-protocol through its public packages only. */
    @ArchTest
    public static final ArchRule PROTOCOL_USED_THROUGH_PUBLIC_PACKAGES = noClasses()
            .that()
            .resideOutsideOfPackage("io.erplink.protocol..")
            .should()
            .dependOnClassesThat(
                    resideInAPackage("io.erplink.protocol..").and(not(resideInAnyPackage(PROTOCOL_PUBLIC_PACKAGES))))
            .allowEmptyShould(true);

    /** Services use service-kit through its public packages only. */
    @ArchTest
    public static final ArchRule KIT_USED_THROUGH_PUBLIC_PACKAGES = noClasses()
            .that()
            .resideOutsideOfPackage("io.erplink.kit..")
            .should()
            .dependOnClassesThat(resideInAPackage("io.erplink.kit..").and(not(resideInAnyPackage(KIT_PUBLIC_PACKAGES))))
            .allowEmptyShould(true);

    private ArchitectureRules() {}
}
