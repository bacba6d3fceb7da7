package io.erplink.mapping.jobs;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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

    /**
     * The default jobs of Integration Framework v2 (seed 003): one per import feature, plus the
     * assortments of v1 (seed 002); tools/generate_jobs.py writes them as ifv2-import-FEATURE.
     */
    static final List<String> IFV2_FEATURES = List.of(
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
            "orders",
            "assortments");

    /**
     * The Business Central OData v4 blueprint (seed 004, "Activities and mappings - imports" and
     * "- exports"): one job per activity, i.e. per "Import X" / "Export X" heading, or per "Activity n -
     * Y" under headings that have several (item variants 4, old prices 3, old discounts 3), and the
     * number of table mappings the document lists under it ("Predefined mappings for A → B" and each
     * "Table n - ..." variant of it).
     */
    static final Map<String, Integer> BLUEPRINT_MAPPINGS = Map.ofEntries(
            Map.entry("bc-export-accessusers-contacts", 2),
            Map.entry("bc-export-accessusers-customers", 2),
            Map.entry("bc-export-accessusers-employees", 2),
            Map.entry("bc-export-assembly-bom", 1),
            Map.entry("bc-export-countries", 1),
            Map.entry("bc-export-item-categories", 2),
            Map.entry("bc-export-item-translations", 3),
            Map.entry("bc-export-item-units-of-measure", 1),
            Map.entry("bc-export-item-units", 1),
            Map.entry("bc-export-item-variants", 2),
            Map.entry("bc-export-items", 1),
            Map.entry("bc-export-orders", 6),
            Map.entry("bc-export-ship-to-addresses", 2),
            Map.entry("bc-export-unit-of-measure-translations", 1),
            Map.entry("bc-export-user-addresses", 2),
            Map.entry("bc-export-vendors", 1),
            Map.entry("bc-import-assembly-bom", 1),
            Map.entry("bc-import-contact-alt-addresses", 1),
            Map.entry("bc-import-contacts", 2),
            Map.entry("bc-import-countries", 1),
            Map.entry("bc-import-currencies", 1),
            Map.entry("bc-import-customers", 7),
            Map.entry("bc-import-discounts-old-pricing-1-all-customers", 1),
            Map.entry("bc-import-discounts-old-pricing-2-customer-discount-groups", 1),
            Map.entry("bc-import-discounts-old-pricing-3-customer", 1),
            Map.entry("bc-import-item-categories", 1),
            Map.entry("bc-import-item-translations", 2),
            Map.entry("bc-import-item-units", 1),
            Map.entry("bc-import-item-variants-1-variant-groups", 1),
            Map.entry("bc-import-item-variants-2-variant-options", 1),
            Map.entry("bc-import-item-variants-3-variant-product-information", 1),
            Map.entry("bc-import-item-variants-4-variant-product-relations", 1),
            Map.entry("bc-import-items", 2),
            Map.entry("bc-import-locations", 1),
            Map.entry("bc-import-orders", 6),
            Map.entry("bc-import-prices-and-discounts-new-pricing", 16),
            Map.entry("bc-import-prices-old-pricing-1-all-customers", 1),
            Map.entry("bc-import-prices-old-pricing-2-customer", 1),
            Map.entry("bc-import-prices-old-pricing-3-customer-price-group", 1),
            Map.entry("bc-import-resources", 1),
            Map.entry("bc-import-salespersons-purchasers", 1),
            Map.entry("bc-import-ship-to-addresses", 1),
            Map.entry("bc-import-stock", 1),
            Map.entry("bc-import-unit-of-measure-translations", 1),
            Map.entry("bc-import-units-of-measure", 1),
            Map.entry("bc-import-vendors", 1));

    @Test
    void shipsOneJobPerBlueprintActivityAndPerIfv2FeatureAndEachValidates() throws Exception {
        Map<String, JobDefinition> jobs = ShippedJobs.load("jobs", null);
        for (JobDefinition job : jobs.values()) {
            JobCompiler.compile(job, CATALOG);
        }
        Set<String> expected = new TreeSet<>(BLUEPRINT_MAPPINGS.keySet());
        IFV2_FEATURES.forEach(feature -> expected.add("ifv2-import-" + feature));
        assertEquals(expected, new TreeSet<>(jobs.keySet()));
        assertEquals(
                30,
                BLUEPRINT_MAPPINGS.keySet().stream()
                        .filter(n -> n.startsWith("bc-import-"))
                        .count(),
                "seed 004: 20 single-activity import headings + 4 + 3 + 3 activities");
        assertEquals(
                16,
                BLUEPRINT_MAPPINGS.keySet().stream()
                        .filter(n -> n.startsWith("bc-export-"))
                        .count(),
                "seed 004: 16 export headings");
    }

    @Test
    void shipsEveryTableMappingOfTheBlueprintInTheRightDirection() throws Exception {
        Map<String, JobDefinition> jobs = ShippedJobs.load("jobs", null);
        for (Map.Entry<String, Integer> activity : BLUEPRINT_MAPPINGS.entrySet()) {
            JobDefinition job = jobs.get(activity.getKey());
            assertEquals(activity.getValue(), job.tableMappings().size(), activity.getKey());
            assertEquals(
                    activity.getKey().startsWith("bc-export-")
                            ? JobDefinition.Direction.EXPORT
                            : JobDefinition.Direction.IMPORT,
                    job.direction(),
                    activity.getKey());
        }
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
