package io.erplink.mapping.engine;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.erplink.mapping.engine.JobDefinition.ColumnMappingDefinition;
import io.erplink.mapping.engine.JobDefinition.Condition;
import io.erplink.mapping.engine.JobDefinition.Options;
import io.erplink.mapping.engine.JobDefinition.TableMappingDefinition;
import io.erplink.mapping.schema.MigrationCatalog;
import io.erplink.mapping.schema.SchemaCatalog;

import static io.erplink.mapping.engine.Rows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MappingEngineTest {
    private static final SchemaCatalog CATALOG = MigrationCatalog.load();

    private static CompiledJob job(TableMappingDefinition... mappings) {
        return JobCompiler.compile(new JobDefinition("test-job", null, null, null, null, List.of(mappings)), CATALOG);
    }

    private static TableMappingDefinition mapping(
            String source,
            String destination,
            List<Condition> conditions,
            List<ColumnMappingDefinition> columns,
            Options options) {
        return new TableMappingDefinition(null, source, destination, null, conditions, null, columns, null, options);
    }

    private static ColumnMappingDefinition col(String source, String destination) {
        return ColumnMappingDefinition.of(source, destination);
    }

    private static final List<ColumnMappingDefinition> PRODUCT_KEY =
            List.of(col("No", "ProductId"), col("Lang", "ProductLanguageId"));

    private static List<ColumnMappingDefinition> productColumns(ColumnMappingDefinition... more) {
        List<ColumnMappingDefinition> list = new java.util.ArrayList<>(PRODUCT_KEY);
        list.addAll(List.of(more));
        return list;
    }

    private static Map<String, Object> onlyRow(DryRun run, String table) {
        List<DryRun.OutputRow> rows = run.rows().get(table);
        assertEquals(
                1,
                rows == null ? 0 : rows.size(),
                "rows of " + table + ": " + run.rows() + " skipped " + run.skipped() + " failed " + run.failed());
        return rows.get(0).values();
    }

    @Test
    void autoMapsColumnsByNameCaseInsensitivelyAndTypesThem() {
        CompiledJob job = job(mapping("EcomProducts", "EcomProducts", null, null, null));
        DryRun run = DryRun.run(
                job,
                List.of(row(
                        "EcomProducts",
                        "ProductID",
                        "10001",
                        "ProductLanguageID",
                        "ENU",
                        "ProductVariantID",
                        "",
                        "ProductPrice",
                        "300",
                        "ProductActive",
                        "TRUE",
                        "ProductVariantCounter",
                        "0")));
        Map<String, Object> values = onlyRow(run, "EcomProducts");
        assertEquals("10001", values.get("ProductID"));
        assertEquals(new BigDecimal("300"), values.get("ProductPrice"));
        assertEquals(Boolean.TRUE, values.get("ProductActive"));
        assertEquals(0, values.get("ProductVariantCounter"));
        assertEquals("", values.get("ProductVariantID"));
    }

    @Test
    void unknownSourceColumnsGoToCustomFields() {
        CompiledJob job = job(mapping("EcomProducts", "EcomProducts", null, null, null));
        DryRun run = DryRun.run(
                job,
                List.of(row(
                        "EcomProducts",
                        "ProductId",
                        "A",
                        "ProductLanguageId",
                        "en",
                        "ProductVariantId",
                        "",
                        "WineRegion",
                        "Bordeaux")));
        assertEquals(
                Map.of("WineRegion", "Bordeaux"), onlyRow(run, "EcomProducts").get("CustomFields"));
    }

    @Test
    void customFieldsCanBeSwitchedOff() {
        Options noCustom = new Options(null, null, null, null, null, null, null, false);
        CompiledJob job = job(mapping("EcomProducts", "EcomProducts", null, null, noCustom));
        DryRun run = DryRun.run(
                job,
                List.of(row("EcomProducts", "ProductId", "A", "ProductLanguageId", "en", "WineRegion", "Bordeaux")));
        assertNull(onlyRow(run, "EcomProducts").get("CustomFields"));
    }

    @Test
    void explicitMappingsDoNotAutoMapOtherColumns() {
        CompiledJob job = job(mapping("Item", "EcomProducts", null, productColumns(col("Desc", "ProductName")), null));
        DryRun run =
                DryRun.run(job, List.of(row("Item", "No", "1", "Lang", "en", "Desc", "Bike", "ProductPrice", "5")));
        Map<String, Object> values = onlyRow(run, "EcomProducts");
        assertEquals("Bike", values.get("ProductName"));
        assertTrue(!values.containsKey("ProductPrice"));
    }

    @Test
    void constantPrependAppendAndInvertScripts() {
        CompiledJob job = job(mapping(
                "Item",
                "EcomProducts",
                null,
                productColumns(
                        ColumnMappingDefinition.script(null, "ProductType", "Constant", "2"),
                        ColumnMappingDefinition.script("Group", "PrimaryGroup", "Prepend", "Price_"),
                        ColumnMappingDefinition.script("Name", "ProductName", "Append", " (ERP)"),
                        ColumnMappingDefinition.script("Blocked", "ProductActive", "Invert", null)),
                null));
        DryRun run = DryRun.run(
                job, List.of(row("Item", "No", "1", "Lang", "en", "Group", "VIP", "Name", "Bike", "Blocked", "false")));
        Map<String, Object> values = onlyRow(run, "EcomProducts");
        assertEquals(2, values.get("ProductType"));
        assertEquals("Price_VIP", values.get("PrimaryGroup"));
        assertEquals("Bike (ERP)", values.get("ProductName"));
        assertEquals(Boolean.TRUE, values.get("ProductActive"));
    }

    @Test
    void invertOfANonBooleanFailsTheRow() {
        CompiledJob job = job(mapping(
                "Item",
                "EcomProducts",
                null,
                productColumns(ColumnMappingDefinition.script("Blocked", "ProductActive", "Invert", null)),
                null));
        DryRun run = DryRun.run(job, List.of(row("Item", "No", "1", "Lang", "en", "Blocked", "maybe")));
        assertEquals(1, run.failed().size());
        assertTrue(run.failed().get(0).message().contains("'maybe' from Blocked is not a boolean"));
    }

    @Test
    void severalSourcesConcatenateInOrderWithOptionalSeparator() {
        CompiledJob job = job(mapping(
                "Variant",
                "EcomProducts",
                null,
                List.of(
                        col("Item_No", "ProductId"),
                        col("Lang", "ProductLanguageId"),
                        col("Item_No", "ProductVariantId"),
                        new ColumnMappingDefinition("Code", "ProductVariantId", null, null, ".", null, null),
                        ColumnMappingDefinition.script("Item_No", "VariantOptions", "Prepend", "[p:"),
                        ColumnMappingDefinition.script("Code", "VariantOptions", "Prepend", ","),
                        ColumnMappingDefinition.script(null, "VariantOptions", "Constant", "]")),
                null));
        DryRun run = DryRun.run(job, List.of(row("Variant", "Item_No", "1000", "Lang", "en", "Code", "RED")));
        Map<String, Object> values = onlyRow(run, "EcomProducts");
        assertEquals("1000.RED", values.get("ProductVariantId"));
        assertEquals("[p:1000,RED]", values.get("VariantOptions"));
    }

    @Test
    void nullHandlingDefaultConstantAndSkipRow() {
        CompiledJob job = job(mapping(
                "Item",
                "EcomProducts",
                null,
                productColumns(
                        col("Name", "ProductName"),
                        new ColumnMappingDefinition(
                                "Unit", "ProductDefaultUnitId", null, null, null, "constant", "PCS"),
                        new ColumnMappingDefinition("Price", "ProductPrice", null, null, null, "skipRow", null)),
                null));
        DryRun run = DryRun.run(
                job,
                List.of(
                        row("Item", "No", "1", "Lang", "en", "Name", null, "Unit", null, "Price", "5"),
                        row("Item", "No", "2", "Lang", "en", "Name", "x", "Unit", "BOX", "Price", null)));
        Map<String, Object> values = onlyRow(run, "EcomProducts");
        assertTrue(values.containsKey("ProductName"));
        assertNull(values.get("ProductName"));
        assertEquals("PCS", values.get("ProductDefaultUnitId"));
        assertEquals(1, run.skipped().size());
        assertEquals("ProductPrice is null", run.skipped().get(0).reason());
    }

    @Test
    void conversionErrorNamesColumnValueKeyAndPage() {
        CompiledJob job = job(mapping(
                "Item",
                "EcomProducts",
                null,
                productColumns(col("Price", "ProductPrice"), col("Date", "ProductVariantCounter")),
                null));
        SourceRow bad =
                new SourceRow("Item", 3, 7, Map.of("No", "D0005", "Lang", "en-us", "Price", "abc", "Date", "1.5"));
        DryRun run = DryRun.run(job, List.of(bad));
        DryRun.FailedRow failed = run.failed().get(0);
        assertTrue(failed.message().contains("ProductPrice: 'abc' is not a number"), failed.message());
        assertTrue(failed.message().contains("ProductVariantCounter: '1.5' is not a whole number"), failed.message());
        assertEquals("ProductId=D0005, productvariantid=, ProductLanguageId=en-us", failed.key());
        assertEquals(3, failed.page());
        assertEquals(7, failed.row());
    }

    @Test
    void typesBooleansDatesAndRejectsBadOnes() {
        CompiledJob job = job(mapping(
                "Price",
                "EcomPrices",
                null,
                List.of(col("Id", "PriceId"), col("From", "PriceValidFrom"), col("Vat", "PriceIsWithVat")),
                null));
        DryRun run = DryRun.run(
                job,
                List.of(
                        row("Price", "Id", "1", "From", "2017-01-23T14:02:35", "Vat", "No"),
                        row("Price", "Id", "2", "From", "yesterday", "Vat", "perhaps")));
        Map<String, Object> values = onlyRow(run, "EcomPrices");
        assertEquals(LocalDateTime.of(2017, 1, 23, 14, 2, 35), values.get("PriceValidFrom"));
        assertEquals(Boolean.FALSE, values.get("PriceIsWithVat"));
        String message = run.failed().get(0).message();
        assertTrue(message.contains("PriceValidFrom: 'yesterday' is not a date/time"), message);
        assertTrue(message.contains("PriceIsWithVat: 'perhaps' is not a boolean"), message);
    }

    private static DryRun filter(String operator, String value, String... values) {
        CompiledJob job =
                job(mapping("Item", "EcomProducts", List.of(new Condition("V", operator, value)), PRODUCT_KEY, null));
        List<SourceRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            rows.add(row("Item", "No", "P" + i, "Lang", "en", "V", values[i]));
        }
        return DryRun.run(job, rows);
    }

    private static List<String> kept(DryRun run) {
        return run.rows().getOrDefault("EcomProducts", List.of()).stream()
                .map(r -> (String) r.values().get("ProductId"))
                .toList();
    }

    @Test
    void equalToAndDifferentFromOnTextEmptyAndBooleans() {
        assertEquals(List.of("P0"), kept(filter("EqualTo", "Person", "Person", "Company", null)));
        assertEquals(List.of("P1", "P2"), kept(filter("EqualTo", "", "x", "", null)));
        assertEquals(List.of("P0"), kept(filter("DifferentFrom", "", "x", "", null)));
        assertEquals(List.of("P0", "P2"), kept(filter("EqualTo", "True", "TRUE", "false", "1")));
    }

    @Test
    void greatherThanAndLessThanCompareNumbersAndDates() {
        assertEquals(List.of("P1"), kept(filter("GreatherThan", "0", "0", "12.5", "-1", "")));
        assertEquals(
                List.of("P0"), kept(filter("GreaterThan", "1901-01-01", "2024-05-01", "0001-01-01", "1901-01-01")));
        assertEquals(List.of("P1"), kept(filter("LessThan", "10", "10", "9.99", "abc")));
        assertEquals(List.of("P1"), kept(filter("LessThan", "2020-01-01", "2021-01-01T00:00:00", "2019-12-31")));
        assertEquals(List.of("P1"), kept(filter("GreatherThan", "b", "a", "c")));
    }

    @Test
    void containsAndNotContainsTakeCommaLists() {
        assertEquals(List.of("P0", "P2"), kept(filter("Contains", "PAY,SHIP", "DW-PAY", "ITEM", "DW-SHIP")));
        assertEquals(List.of("P1"), kept(filter("NotContains", "DW-PAY,DW-SHIP", "DW-PAY", "1000", "DW-SHIP")));
    }

    @Test
    void inAndNotInCompareTyped() {
        assertEquals(List.of("P0", "P2"), kept(filter("In", "0,2", "0", "1", "2.0")));
        assertEquals(List.of("P1"), kept(filter("NotIn", "0, 5 ,6", "5", "4", "6")));
    }

    @Test
    void conditionalsAreAndedAndOrGroupsAlternate() {
        TableMappingDefinition def = new TableMappingDefinition(
                null,
                "Item",
                "EcomProducts",
                null,
                List.of(new Condition("Type", "EqualTo", "Item")),
                List.of(
                        List.of(new Condition("A", "EqualTo", "1"), new Condition("B", "EqualTo", "1")),
                        List.of(new Condition("C", "EqualTo", "1"))),
                PRODUCT_KEY,
                null,
                null);
        DryRun run = DryRun.run(
                job(def),
                List.of(
                        row("Item", "No", "P0", "Lang", "en", "Type", "Item", "A", "1", "B", "1", "C", "0"),
                        row("Item", "No", "P1", "Lang", "en", "Type", "Item", "A", "1", "B", "0", "C", "1"),
                        row("Item", "No", "P2", "Lang", "en", "Type", "Item", "A", "1", "B", "0", "C", "0"),
                        row("Item", "No", "P3", "Lang", "en", "Type", "Other", "A", "1", "B", "1", "C", "1")));
        assertEquals(List.of("P0", "P1"), kept(run));
        assertTrue(run.skipped().get(0).reason().contains("OR groups"));
        assertTrue(run.skipped().get(1).reason().contains("Type EqualTo 'Item' not met (value 'Other')"));
    }

    @Test
    void duplicatesLastWinsUnlessDiscarded() {
        List<SourceRow> rows = List.of(
                row("Item", "No", "1", "Lang", "en", "Name", "first"),
                row("Item", "No", "1", "Lang", "en", "Name", "second"));
        DryRun lastWins = DryRun.run(
                job(mapping("Item", "EcomProducts", null, productColumns(col("Name", "ProductName")), null)), rows);
        assertEquals("second", onlyRow(lastWins, "EcomProducts").get("ProductName"));
        Options discard = new Options(null, null, true, null, null, null, null, null);
        DryRun firstKept = DryRun.run(
                job(mapping("Item", "EcomProducts", null, productColumns(col("Name", "ProductName")), discard)), rows);
        assertEquals("first", onlyRow(firstKept, "EcomProducts").get("ProductName"));
        assertTrue(firstKept.skipped().get(0).reason().startsWith("duplicate key"));
    }

    @Test
    void rowsOfOtherTablesAreReportedUnmatched() {
        DryRun run = DryRun.run(
                job(mapping("Item", "EcomProducts", null, PRODUCT_KEY, null)), List.of(row("Customer", "No", "1")));
        assertTrue(run.skipped().get(0).reason().contains("no table mapping reads source table Customer"));
    }

    @Test
    void missingKeyValueFailsTheRow() {
        DryRun run = DryRun.run(
                job(mapping("Item", "EcomProducts", null, productColumns(), null)), List.of(row("Item", "Lang", "en")));
        // issue 13: the identifying key column (ProductId) missing is a failed row naming it, never ''
        assertEquals(1, run.failed().size(), "a row without its ProductId fails");
        assertTrue(
                run.failed().get(0).message().contains("ProductId: key column is missing, null or empty"),
                run.failed().get(0).message());
        CompiledJob users = JobCompiler.compile(
                new JobDefinition(
                        "users",
                        null,
                        null,
                        null,
                        null,
                        List.of(new TableMappingDefinition(
                                null,
                                "U",
                                "AccessUser",
                                false,
                                null,
                                null,
                                List.of(col("No", "AccessUserExternalId")),
                                List.of("AccessUserExternalId"),
                                null))),
                CATALOG);
        DryRun missing = DryRun.run(users, List.of(row("U", "Name", "x")));
        assertEquals(1, missing.failed().size(), "a mapped key with a NULL value is a failed row, never ''");
        assertTrue(
                missing.failed()
                        .get(0)
                        .message()
                        .contains("AccessUserExternalId: key column is missing, null or empty"),
                missing.failed().get(0).message());
    }

    @Test
    void validationCollectsEveryProblemWithSuggestions() {
        JobDefinition bad = new JobDefinition(
                "bad job!",
                null,
                null,
                null,
                null,
                List.of(
                        new TableMappingDefinition(
                                null, "Item", "EcomProduct", null, null, null, List.of(), null, null),
                        new TableMappingDefinition(
                                null,
                                "Item",
                                "EcomProducts",
                                null,
                                List.of(new Condition("X", "Bigger", "1")),
                                null,
                                List.of(
                                        col("A", "ProductPrise"),
                                        ColumnMappingDefinition.script(null, "ProductName", "Constant", null),
                                        ColumnMappingDefinition.script("A", "ProductNumber", "Shout", null),
                                        ColumnMappingDefinition.script(null, "ProductType", "Constant", "abc")),
                                null,
                                new Options(true, true, null, null, null, null, 150.0, null)),
                        new TableMappingDefinition(
                                null,
                                "U",
                                "AccessUser",
                                null,
                                null,
                                null,
                                List.of(col("A", "AccessUserName")),
                                null,
                                null),
                        new TableMappingDefinition(
                                null,
                                "U",
                                "AccessUser",
                                null,
                                null,
                                null,
                                List.of(col("A", "AccessUserName")),
                                List.of("AccessUserExternalId"),
                                null)));
        JobValidationException e = assertThrows(JobValidationException.class, () -> JobCompiler.compile(bad, CATALOG));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("name 'bad job!'"), all);
        assertTrue(all.contains("unknown table 'EcomProduct'") && all.contains("did you mean ecomproducts"), all);
        assertTrue(all.contains("unknown column 'ProductPrise'") && all.contains("productprice"), all);
        assertTrue(all.contains("unknown operator 'Bigger'"), all);
        assertTrue(all.contains("Constant needs a value"), all);
        assertTrue(all.contains("unknown script 'Shout'"), all);
        assertTrue(all.contains("ProductType: 'abc' is not a number"), all);
        assertTrue(all.contains("insertOnlyNew and updateOnlyExisting exclude each other"), all);
        assertTrue(all.contains("removalThreshold must be between 0 and 100"), all);
        assertTrue(all.contains("generated primary key; list keyColumns"), all);
        assertTrue(all.contains("key column accessuserexternalid is not mapped"), all);
    }

    @Test
    void exportJobsResolveSourceNamesAndLeaveDestinationNamesAlone() {
        JobDefinition export = new JobDefinition(
                "export-items",
                null,
                JobDefinition.Direction.EXPORT,
                null,
                null,
                List.of(new TableMappingDefinition(
                        null,
                        "EcomProducts",
                        "DynamicwebItemCard",
                        null,
                        List.of(new Condition("ProductType", "In", "0,2")),
                        null,
                        List.of(
                                col("ProductNumber", "No"),
                                ColumnMappingDefinition.script("ProductActive", "Blocked", "Invert", null)),
                        List.of("ProductNumber"),
                        null)));
        DryRun run = DryRun.run(
                JobCompiler.compile(export, CATALOG),
                List.of(
                        row("EcomProducts", "productnumber", "1000", "productactive", "t", "producttype", "2"),
                        row("EcomProducts", "productnumber", "1001", "productactive", "t", "producttype", "1")));
        assertEquals(Map.of("No", "1000", "Blocked", "false"), onlyRow(run, "DynamicwebItemCard"));
        JobDefinition typo = new JobDefinition(
                "export-bad",
                null,
                JobDefinition.Direction.EXPORT,
                null,
                null,
                List.of(new TableMappingDefinition(
                        null, "EcomProducts", "X", null, null, null, List.of(col("ProductNumbr", "No")), null, null)));
        JobValidationException e = assertThrows(JobValidationException.class, () -> JobCompiler.compile(typo, CATALOG));
        assertTrue(e.getMessage().contains("did you mean productnumber"), e.getMessage());
    }
}
