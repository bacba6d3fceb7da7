package io.erplink.protocol;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of the wire contracts. test-support (home of the rules the services share)
 * depends on this module, so the cycle rule is stated here too, in the same form.
 */
@AnalyzeClasses(packages = "io.erplink.protocol", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.erplink.(*).(*)..")
            .namingSlices("$1.$2")
            .should()
            .beFreeOfCycles();

    /** The contracts are plain Java: no framework, so every service and tool can read them. */
    @ArchTest
    static final ArchRule contractsNeedNoFramework = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.quarkus..", "jakarta..", "io.erplink.kit..");
}
