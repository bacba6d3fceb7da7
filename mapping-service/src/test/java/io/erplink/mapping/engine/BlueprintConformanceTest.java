package io.erplink.mapping.engine;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.erplink.mapping.engine.JobDefinition.ColumnMappingDefinition;
import io.erplink.mapping.engine.JobDefinition.Condition;
import io.erplink.mapping.engine.JobDefinition.TableMappingDefinition;
import io.erplink.mapping.jobs.ShippedJobs;
import io.erplink.mapping.schema.ColumnInfo;
import io.erplink.mapping.schema.ColumnType;
import io.erplink.mapping.schema.MigrationCatalog;
import io.erplink.mapping.schema.SchemaCatalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every table mapping of the Business Central OData v4 blueprint (seed 004) on a sample row
 * that meets its conditionals and checks every output column against the mapping's definition,
 * then checks that a row breaking a conditional is skipped. Hand-written expectations cover the
 * mappings the seed describes in words (DiscountProductsAndGroups syntax, combined ids, Invert).
 */
class BlueprintConformanceTest {
    private static final SchemaCatalog CATALOG = MigrationCatalog.load();

    private static Map<String, JobDefinition> blueprint() throws Exception {
        Map<String, JobDefinition> jobs = new LinkedHashMap<>();
        ShippedJobs.load("jobs", null).forEach((name, job) -> {
            if (name.startsWith("bc-")) {
                jobs.put(name, job);
            }
        });
        return jobs;
    }

    @TestFactory
    Stream<DynamicTest> everyBlueprintMappingWritesItsColumns() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (JobDefinition job : blueprint().values()) {
            for (int i = 0; i < job.tableMappings().size(); i++) {
                TableMappingDefinition mapping = job.tableMappings().get(i);
                tests.add(DynamicTest.dynamicTest(
                        job.name() + " #" + (i + 1) + " " + mapping.sourceTable() + " -> " + mapping.destinationTable()
                                + (mapping.name() != null ? " (" + mapping.name() + ")" : ""),
                        () -> conforms(job, mapping)));
            }
        }
        return tests.stream();
    }

    private static void conforms(JobDefinition job, TableMappingDefinition mapping) {
        JobDefinition single = new JobDefinition(job.name(), null, job.direction(), null, null, List.of(mapping));
        CompiledJob compiled = JobCompiler.compile(single, CATALOG);
        boolean isImport = job.direction() == JobDefinition.Direction.IMPORT;
        Map<String, String> sample = sample(mapping, isImport);
        DryRun run = DryRun.run(compiled, List.of(new SourceRow(mapping.sourceTable(), 1, 1, sample)));
        assertTrue(run.failed().isEmpty(), "failed: " + run.failed());
        assertTrue(run.skipped().isEmpty(), "skipped: " + run.skipped());
        Map<String, Object> out =
                run.rows().get(mapping.destinationTable()).get(0).values();
        Map<String, List<ColumnMappingDefinition>> groups = new LinkedHashMap<>();
        for (ColumnMappingDefinition column : mapping.columns()) {
            groups.computeIfAbsent(column.destination().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(column);
        }
        for (List<ColumnMappingDefinition> group : groups.values()) {
            String destination = group.get(0).destination();
            StringBuilder expected = new StringBuilder();
            for (ColumnMappingDefinition part : group) {
                String raw = part.source() == null ? null : sample.get(part.source());
                String script = part.script() == null ? "" : part.script();
                expected.append(
                        switch (script) {
                            case "Constant" -> part.value();
                            case "Prepend" -> part.value() + raw;
                            case "Append" -> raw + part.value();
                            case "Invert" -> Boolean.toString(!Boolean.parseBoolean(raw));
                            default -> raw;
                        });
            }
            assertTrue(out.containsKey(destination), destination + " missing from " + out);
            Object actual = out.get(destination);
            if (isImport) {
                ColumnInfo column = CATALOG.table(mapping.destinationTable()).column(destination);
                assertEquals(
                        ValueConverter.convert(destination, expected.toString(), column.type()), actual, destination);
            } else {
                assertEquals(expected.toString(), actual, destination);
            }
        }
        for (Map.Entry<String, Object> column : out.entrySet()) {
            if (!groups.containsKey(column.getKey().toLowerCase(Locale.ROOT))) {
                // only key columns the mapping leaves out, written as the schema's "no value"
                assertTrue(
                        isImport
                                && "".equals(column.getValue())
                                && CATALOG.table(mapping.destinationTable())
                                        .column(column.getKey())
                                        .primaryKey(),
                        "unexpected column " + column + " in " + out);
            }
        }
        if (!mapping.conditionals().isEmpty()) {
            Condition first = mapping.conditionals().get(0);
            Map<String, String> breaking = new LinkedHashMap<>(sample);
            breaking.put(first.column(), violating(first));
            DryRun skipped = DryRun.run(compiled, List.of(new SourceRow(mapping.sourceTable(), 1, 2, breaking)));
            assertEquals(1, skipped.skipped().size(), "a row breaking " + first + " is skipped");
        }
    }

    /** A value for every source column, typed after the columns it feeds, meeting the conditionals. */
    private static Map<String, String> sample(TableMappingDefinition mapping, boolean isImport) {
        Map<String, String> row = new LinkedHashMap<>();
        for (ColumnMappingDefinition column : mapping.columns()) {
            if (column.source() == null) {
                continue;
            }
            ColumnType type = ColumnType.TEXT;
            if (isImport) {
                type = CATALOG.table(mapping.destinationTable())
                        .column(column.destination())
                        .type();
            } else {
                type = CATALOG.table(mapping.sourceTable())
                        .column(column.source())
                        .type();
            }
            if ("Invert".equals(column.script())) {
                type = ColumnType.BOOLEAN;
            }
            String value = switch (type) {
                case BOOLEAN -> "false";
                case INTEGER, BIGINT -> "3";
                case NUMERIC -> "12.5";
                case TIMESTAMP, DATE -> "2024-05-01";
                default -> "S-" + column.source();
            };
            row.merge(column.source(), value, (a, b) -> a.startsWith("S-") ? b : a);
        }
        for (Condition condition : mapping.conditionals()) {
            row.put(condition.column(), meeting(condition));
        }
        return row;
    }

    private static String meeting(Condition condition) {
        return switch (Operator.parse(condition.operator())) {
            case EQUAL_TO -> condition.value();
            case DIFFERENT_FROM -> condition.value().isEmpty() ? "X1" : "";
            case GREATHER_THAN -> condition.value().contains("-") ? "2024-05-01" : "12.5";
            case LESS_THAN -> condition.value().contains("-") ? "1000-01-01" : "-1";
            case IN -> condition.value().split(",")[0].trim();
            case NOT_IN, NOT_CONTAINS -> "ITEM-1000";
            case CONTAINS -> "x" + condition.value().split(",")[0] + "x";
        };
    }

    private static String violating(Condition condition) {
        return switch (Operator.parse(condition.operator())) {
            case EQUAL_TO -> condition.value().isEmpty() ? "X1" : "not " + condition.value();
            case DIFFERENT_FROM -> condition.value();
            case GREATHER_THAN -> condition.value().contains("-") ? "0001-01-01" : "0";
            case LESS_THAN -> condition.value().contains("-") ? "9999-01-01" : "1000000";
            case IN -> "not-in-list";
            case NOT_IN, CONTAINS -> condition.value().split(",")[0].trim().isEmpty() ? "x" : "zz";
            case NOT_CONTAINS -> condition.value().split(",")[0].trim();
        };
    }

    private static Map<String, Object> onlyRow(String job, int mapping, String... columnsAndValues) throws Exception {
        JobDefinition definition = blueprint().get(job);
        TableMappingDefinition table = definition.tableMappings().get(mapping);
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            columns.put(columnsAndValues[i], columnsAndValues[i + 1]);
        }
        CompiledJob compiled = JobCompiler.compile(
                new JobDefinition(job, null, definition.direction(), null, null, List.of(table)), CATALOG);
        DryRun run = DryRun.run(compiled, List.of(new SourceRow(table.sourceTable(), 1, 1, columns)));
        assertTrue(run.failed().isEmpty() && run.skipped().isEmpty(), run.failed() + " " + run.skipped());
        return run.rows().get(table.destinationTable()).get(0).values();
    }

    @Test
    void newPricingDiscountBuildsTheProductsAndGroupsSyntax() throws Exception {
        Map<String, Object> row = onlyRow(
                "bc-import-prices-and-discounts-new-pricing",
                8,
                "Amount_Type",
                "Discount",
                "StartingDate",
                "2024-01-01",
                "EndingDate",
                "2024-12-31",
                "Product_No",
                "1000",
                "Variant_Code",
                "RED",
                "AssignToNo",
                "VIP",
                "Line_Discount_Percent",
                "5",
                "Description",
                "Summer");
        assertEquals("[some][p:1000,RED]", row.get("DiscountProductsAndGroups"));
        assertEquals("Disc_VIP", row.get("DiscountAccessUserGroup"));
        assertEquals(new BigDecimal("5"), row.get("DiscountPercentage"));
        assertEquals(2, row.get("DiscountType"));
        assertEquals(LocalDateTime.of(2024, 12, 31, 0, 0), row.get("DiscountValidTo"));
    }

    @Test
    void oldPricingDiscountPrependsAndAppends() throws Exception {
        Map<String, Object> row = onlyRow(
                "bc-import-discounts-old-pricing-1-all-customers",
                0,
                "SalesType",
                "All Customers",
                "Code",
                "1000",
                "Variant_Code",
                "RED");
        assertEquals("[some][p:1000RED]", row.get("DiscountProductsAndGroups"));
        assertEquals("ERP Import", row.get("DiscountExternalId"));
        assertEquals("[some]", row.get("DiscountExcludedProductsAndGroups"));
    }

    @Test
    void itemVariantsCombineItemNoAndCodeAndInvertBlocked() throws Exception {
        Map<String, Object> row = onlyRow(
                "bc-import-item-variants-3-variant-product-information",
                0,
                "Item_No",
                "1000",
                "Code",
                "RED",
                "Description",
                "Bike red",
                "Blocked",
                "false");
        assertEquals("1000RED", row.get("ProductVariantId"));
        assertEquals("1000", row.get("ProductId"));
        assertEquals("RED", row.get("ProductExternalVariantId"));
        assertEquals(Boolean.TRUE, row.get("ProductActive"));
    }

    @Test
    void ordersSplitSalesLinesByTypeAndBuildLineIds() throws Exception {
        Map<String, Object> item = onlyRow(
                "bc-import-orders",
                5,
                "Type",
                "Item",
                "Document_No",
                "SO1",
                "Line_No",
                "10000",
                "Quantity",
                "2",
                "Unit_Price",
                "9.5");
        assertEquals("SO110000", item.get("OrderLineId"));
        assertEquals(0, item.get("OrderLineType"));
        assertEquals(new BigDecimal("2"), item.get("OrderLineQuantity"));
        Map<String, Object> fee = onlyRow(
                "bc-import-orders",
                1,
                "Type",
                "Charge (Item)",
                "No",
                "DW-PAY",
                "Document_No",
                "SO1",
                "Line_Amount",
                "4.95");
        assertEquals(new BigDecimal("4.95"), fee.get("OrderPaymentFeeWithoutVAT"));
    }

    @Test
    void countriesSetCultureInfoToEmpty() throws Exception {
        Map<String, Object> row = onlyRow("bc-import-countries", 0, "Code", "DK", "ISO_Numeric_Code", "208");
        assertEquals("", row.get("CountryCultureInfo"));
        assertEquals("DK", row.get("CountryCode2"));
    }

    @Test
    void exportItemsInvertsActiveAndFiltersProductTypes() throws Exception {
        Map<String, Object> row = onlyRow(
                "bc-export-items",
                0,
                "ProductType",
                "2",
                "ProductExternalVariantId",
                "",
                "ProductLanguageId",
                "LANG1",
                "ProductVariantId",
                "",
                "ProductNumber",
                "1000",
                "ProductActive",
                "true");
        assertEquals("false", row.get("Blocked"));
        assertEquals("1000", row.get("No"));
    }
}
