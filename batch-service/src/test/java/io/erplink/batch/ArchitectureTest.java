package io.erplink.batch;

import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;

import io.erplink.testsupport.ArchitectureRules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The package rules every module keeps (no cycles, thin resources, public packages only), and
 * batch-service's persistence styles: Panache entities for what is CRUD (activities, runs as the API
 * shows them), one JDBC repository per bulk path, no SQL through the EntityManager.
 */
@AnalyzeClasses(packages = "io.erplink.batch", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The JDBC repositories, one per bulk path. */
    static final Set<String> JDBC_REPOSITORIES = Set.of(
            "io.erplink.batch.runs.RunStore", // a worker's run transitions, lease-guarded
            "io.erplink.batch.runs.RunRequests", // runs the schedule and operators create or stop
            "io.erplink.batch.runs.RunMetrics", // the gauges' counts over the run table
            "io.erplink.batch.results.ResultStore", // mapping-service's reports, one per chunk
            "io.erplink.batch.exports.CommerceOrders", // Export Orders: commerce orders read, ERP numbers written back
            "io.erplink.batch.exports.odata.CommerceRows"); // OData exports: commerce rows read and written back

    private static final DescribedPredicate<JavaClass> JDBC_REPOSITORY = DescribedPredicate.describe(
            "a JDBC repository",
            type -> JDBC_REPOSITORIES.contains(type.getName().split("\\$")[0]));

    @ArchTest
    static final ArchTests rules = ArchTests.in(ArchitectureRules.class);

    @ArchTest
    static final ArchRule noSqlThroughTheEntityManager = noClasses()
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("jakarta.persistence.EntityManager")
            .because("CRUD goes through the Panache entities, bulk SQL through a JDBC repository");

    @ArchTest
    static final ArchRule jdbcOnlyInTheRepositories = noClasses()
            .that(DescribedPredicate.not(JDBC_REPOSITORY))
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.sql..", "javax.sql..", "io.agroal..")
            .because("each bulk path has one JDBC repository (" + JDBC_REPOSITORIES + ")");
}
