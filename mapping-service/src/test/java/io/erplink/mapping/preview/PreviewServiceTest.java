package io.erplink.mapping.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.erplink.mapping.engine.JobCompiler;
import io.erplink.mapping.engine.SourceRow;
import io.erplink.mapping.jobs.ShippedJobs;
import io.erplink.mapping.schema.MigrationCatalog;

class PreviewServiceTest {

    @Test
    void previewOfTheProductsJobShowsRowsSkipsAndErrors() throws Exception {
        var job = JobCompiler.compile(ShippedJobs.load("jobs", null).get("ifv2-import-products"), MigrationCatalog.load());
        PreviewResult result = PreviewService.run(job, List.of(
                new SourceRow("EcomProducts", 1, 1, Map.of("ProductId", "D0005", "ProductLanguageId", "en-us",
                        "ProductVariantId", "", "ProductPrice", "0.00", "ProductCost", "198.33", "Discontinued", "FALSE")),
                new SourceRow("EcomProducts", 1, 2, Map.of("ProductId", "T0001", "ProductLanguageId", "en-us",
                        "ProductPrice", "abc")),
                new SourceRow("EcomProductCategoryFieldValue", 1, 3, Map.of("FieldValueFieldId", "Weight",
                        "FieldValueFieldCategoryId", "Tractors", "FieldValueProductId", "D0005", "FieldValueValue", "123.45")),
                new SourceRow("Unknown", 2, 1, Map.of("x", "y"))));
        assertEquals(4, result.read());
        assertEquals(new BigDecimal("198.33"), result.tables().get("EcomProducts").get(0).values().get("ProductCost"));
        assertEquals(1, result.tables().get("EcomProductCategoryFieldValue").size());
        assertEquals("ProductPrice: 'abc' is not a number", result.errors().get(0).message());
        assertEquals("ProductId=T0001, ProductVariantId=, ProductLanguageId=en-us", result.errors().get(0).key().replace("productvariantid", "ProductVariantId"));
        assertTrue(result.skipped().get(0).reason().contains("no table mapping reads source table Unknown"));
    }
}
