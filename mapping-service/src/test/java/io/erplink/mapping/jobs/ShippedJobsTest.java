package io.erplink.mapping.jobs;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.erplink.mapping.engine.JobCompiler;
import io.erplink.mapping.engine.JobDefinition;
import io.erplink.mapping.schema.MigrationCatalog;
import io.erplink.mapping.schema.SchemaCatalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShippedJobsTest {
    private static final SchemaCatalog CATALOG = MigrationCatalog.load();

    @Test
    void everyShippedJobValidatesAgainstTheCommerceSchema() throws Exception {
        Map<String, JobDefinition> jobs = ShippedJobs.load("jobs", null);
        for (JobDefinition job : jobs.values()) {
            JobCompiler.compile(job, CATALOG);
        }
        assertEquals(58, jobs.size());
    }

    @Test
    void shipsAJobForEveryIntegrationFrameworkV2ImportFeature() throws Exception {
        Set<String> names = ShippedJobs.load("jobs", null).keySet();
        for (String feature : new String[] {
            "currencies",
            "languages",
            "units",
            "manufacturers",
            "customers",
            "product-groups",
            "products",
            "related-products",
            "prices",
            "stock",
            "orders"
        }) {
            assertTrue(names.contains("ifv2-import-" + feature), feature);
        }
    }

    @Test
    void shipsTheWholeBlueprint() throws Exception {
        Map<String, JobDefinition> jobs = ShippedJobs.load("jobs", null);
        long blueprintMappings = jobs.values().stream()
                .filter(j -> j.name().startsWith("bc-"))
                .mapToLong(j -> j.tableMappings().size())
                .sum();
        assertEquals(89, blueprintMappings, "every table mapping of seed 004");
        assertEquals(
                16,
                jobs.get("bc-import-prices-and-discounts-new-pricing")
                        .tableMappings()
                        .size());
        assertEquals(
                JobDefinition.Direction.EXPORT, jobs.get("bc-export-orders").direction());
    }

    @Test
    void jobFilesRoundTripAndRejectUnknownProperties() throws Exception {
        JobDefinition items = ShippedJobs.load("jobs", null).get("bc-import-items");
        assertEquals(items, JobCodec.read(JobCodec.write(items)));
        JobCodec.InvalidJobFileException e = assertThrows(
                JobCodec.InvalidJobFileException.class, () -> JobCodec.read("name: x\ntableMapings: []\n"));
        assertTrue(e.getMessage().contains("tableMapings"), e.getMessage());
    }
}
