package io.erplink.mapping.preview;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.erplink.mapping.engine.JobCompiler;
import io.erplink.mapping.engine.SourceRow;
import io.erplink.mapping.jobs.ShippedJobs;
import io.erplink.mapping.schema.MigrationCatalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreviewServiceTest {

    @Test
    void previewOfTheProductsJobShowsRowsSkipsAndErrors() throws Exception {
        var job = JobCompiler.compile(
                ShippedJobs.load("jobs", null).get("ifv2-import-products"), MigrationCatalog.load());
        PreviewResult result = PreviewService.run(
                job,
                List.of(
                        new SourceRow(
                                "EcomProducts",
                                1,
                                1,
                                Map.of(
                                        "ProductId",
                                        "D0005",
                                        "ProductLanguageId",
                                        "en-us",
                                        "ProductVariantId",
                                        "",
                                        "ProductPrice",
                                        "0.00",
                                        "ProductCost",
                                        "198.33",
                                        "Discontinued",
                                        "FALSE")),
                        new SourceRow(
                                "EcomProducts",
                                1,
                                2,
                                Map.of("ProductId", "T0001", "ProductLanguageId", "en-us", "ProductPrice", "abc")),
                        new SourceRow(
                                "EcomProductCategoryFieldValue",
                                1,
                                3,
                                Map.of(
                                        "FieldValueFieldId",
                                        "Weight",
                                        "FieldValueFieldCategoryId",
                                        "Tractors",
                                        "FieldValueProductId",
                                        "D0005",
                                        "FieldValueValue",
                                        "123.45")),
                        new SourceRow("Unknown", 2, 1, Map.of("x", "y"))));
        assertEquals(4, result.read());
        assertEquals(
                new BigDecimal("198.33"),
                result.tables().get("EcomProducts").get(0).values().get("ProductCost"));
        assertEquals(1, result.tables().get("EcomProductCategoryFieldValue").size());
        assertEquals(
                "ProductPrice: 'abc' is not a number", result.errors().get(0).message());
        assertEquals(
                "ProductId=T0001, ProductVariantId=, ProductLanguageId=en-us",
                result.errors().get(0).key().replace("productvariantid", "ProductVariantId"));
        assertTrue(result.skipped().get(0).reason().contains("no table mapping reads source table Unknown"));
    }

    @Test
    void xmlSampleRowsArePreviewedLikeJsonOnes() throws Exception {
        var job = JobCompiler.compile(
                ShippedJobs.load("jobs", null).get("ifv2-import-products"), MigrationCatalog.load());
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <tables><table tableName="EcomProducts">
                  <item table="EcomProducts"><column columnName="ProductID"><![CDATA[D0005]]></column>
                    <column columnName="ProductPrice">12.50</column><column columnName="ProductName" isNull="true"/></item>
                  <item table="EcomProducts"><column columnName="ProductID">T1</column><column columnName="ProductPrice">abc</column></item>
                </table></tables>""";
        List<SourceRow> rows = PreviewService.readXml(in(xml), 10, 10_000);
        PreviewResult result = PreviewService.run(job, rows);
        assertEquals(2, result.read());
        assertEquals(
                new BigDecimal("12.50"),
                result.tables().get("EcomProducts").get(0).values().get("ProductPrice"));
        assertEquals(
                "ProductPrice: 'abc' is not a number", result.errors().get(0).message());
        assertEquals(2L, result.errors().get(0).row());
    }

    @Test
    void hostileOrOversizedXmlIsAClearBadRequest() {
        String dtd =
                "<?xml version=\"1.0\"?><!DOCTYPE tables [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><tables>&x;</tables>";
        IllegalArgumentException hostile = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> PreviewService.readXml(in(dtd), 10, 10_000));
        assertTrue(hostile.getMessage().startsWith("the <tables> document is not acceptable"), hostile.getMessage());
        assertTrue(hostile.getMessage().contains("line 1"), hostile.getMessage());

        String many = "<tables><table tableName=\"T\">" + "<item><column columnName=\"a\">1</column></item>".repeat(3)
                + "</table></tables>";
        assertEquals(
                "a preview takes at most 2 rows",
                org.junit.jupiter.api.Assertions.assertThrows(
                                IllegalArgumentException.class, () -> PreviewService.readXml(in(many), 2, 10_000))
                        .getMessage());
        assertEquals(
                "a preview body takes at most 40 bytes",
                org.junit.jupiter.api.Assertions.assertThrows(
                                IllegalArgumentException.class, () -> PreviewService.readXml(in(many), 10, 40))
                        .getMessage());
    }

    private static java.io.InputStream in(String text) {
        return new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
