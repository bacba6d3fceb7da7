package io.erplink.e2e;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14: the shipped Business Central blueprint activities import from the erp-simulator's BC service
 * (OData v4, OAuth) through batch-service and mapping-service into the commerce database. Every
 * expectation is computed from the rows the simulator's generator holds, read directly.
 *
 * <p>Every run's rows are accounted for twice, apart ({@link #assertAccounted}): each row read is written,
 * skipped or failed once (rowsRead = rowsWritten + rowsSkipped + rowsFailed, per source table too), and
 * each destination table reports its merge (received = inserted + updated + unchanged + skipped). A job
 * that writes a row into several tables (customers: user, groups, address, relation) has more
 * destination rows than rows read; its tables' figures are checked exactly.
 */
@ExtendWith(SuiteExtension.class)
class BcImportTest {
    static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);

    @BeforeEach
    @AfterEach
    void cleanSimulator() throws Exception {
        BcSimulator.reset(SuiteExtension.suite());
    }

    @Test
    void itemsCustomersNewPricingAndStockArriveWithExactlyTheSimulatorsRows() throws Exception {
        Suite suite = SuiteExtension.suite();
        try (Connection db = suite.db();
                Statement s = db.createStatement()) {
            for (String table : List.of("ecomproducts", "ecomprices", "ecomdiscount", "ecomstockunit")) {
                s.execute("delete from commerce." + table);
            }
        }
        // the shipped activities, disabled, run now as any other (the suite configures endpoint bc)
        Map<String, UUID> runs = new LinkedHashMap<>();
        for (String activity : List.of(
                "bc-import-items",
                "bc-import-customers",
                "bc-import-prices-and-discounts-new-pricing",
                "bc-import-stock")) {
            runs.put(activity, Batch.runNow(suite.batch().url(), activity));
        }
        Map<String, JsonPath> done = new HashMap<>();
        for (Map.Entry<String, UUID> run : runs.entrySet()) {
            done.put(run.getKey(), Batch.awaitCompleted(() -> suite.batch().url(), run.getValue(), RUN_TIMEOUT));
        }

        List<Map<String, String>> items = BcSimulator.rows(suite, "DynamicwebItemCard");
        assertEquals(Suite.BC_ITEMS, items.size());
        JsonPath itemsRun = done.get("bc-import-items");
        assertAccounted(itemsRun, items.size());
        assertEquals(
                items.size(), itemsRun.getLong("progress.rowsInserted"), "every item inserted into the emptied table");
        Map<String, List<Object>> expectedItems = new TreeMap<>();
        for (Map<String, String> item : items) {
            expectedItems.put(
                    item.get("No"),
                    List.of(
                            item.get("Description"),
                            new BigDecimal(item.get("Unit_Price")).stripTrailingZeros(),
                            new BigDecimal(item.get("Inventory")).stripTrailingZeros(),
                            !Boolean.parseBoolean(item.get("Blocked"))));
        }
        assertEquals(
                expectedItems,
                query(
                        suite,
                        "select productid, productname, productprice, productstock, productactive"
                                + " from commerce.ecomproducts where productvariantid = ''"));

        List<Map<String, String>> customers = BcSimulator.rows(suite, "DynamicwebCustomerCard");
        assertEquals(Suite.BC_CUSTOMERS, customers.size());
        JsonPath customersRun = done.get("bc-import-customers");
        assertAccounted(customersRun, customers.size());
        Map<String, List<Object>> expectedCustomers = new TreeMap<>();
        Set<String> groups = new HashSet<>();
        long priceGroups = 0;
        long discGroups = 0;
        long withSalesperson = 0;
        long withoutGroup = 0;
        for (Map<String, String> customer : customers) {
            if (customer.get("Customer_Price_Group").isEmpty()
                    && customer.get("Customer_Disc_Group").isEmpty()) {
                withoutGroup++;
            }
            if (!customer.get("Salesperson_Code").isEmpty()) {
                withSalesperson++;
            }
            expectedCustomers.put(customer.get("No"), List.of(customer.get("Name"), customer.get("City")));
            if (!customer.get("Customer_Price_Group").isEmpty()) {
                groups.add("Price_" + customer.get("Customer_Price_Group"));
                priceGroups++;
            }
            if (!customer.get("Customer_Disc_Group").isEmpty()) {
                groups.add("Disc_" + customer.get("Customer_Disc_Group"));
                discGroups++;
            }
        }
        // every customer is written (its AccessUser mapping has no conditional), once, into four tables
        assertEquals(customers.size(), customersRun.getLong("progress.rowsWritten"), "rows written");
        Map<String, List<Long>> expectedTables = new LinkedHashMap<>();
        // a group named by several customers: one group row, the others the merge's skipped duplicates; a
        // customer without a price or discount group is skipped there by both group mappings' conditionals
        expectedTables.put(
                "AccessUserGroup",
                List.of(
                        priceGroups + discGroups + withoutGroup,
                        priceGroups + discGroups - groups.size() + withoutGroup));
        // one user row per customer, updated by its price group's and its discount group's mapping
        expectedTables.put("AccessUser", List.of(customers.size() + priceGroups + discGroups, 0L));
        expectedTables.put("AccessUserAddress", List.of((long) customers.size(), 0L));
        // the relation to the customer's salesperson: a customer without one gives none (its mapping skips it)
        expectedTables.put("AccessUserSecondaryRelation", List.of(withSalesperson, 0L));
        Map<String, List<Long>> actualTables = new LinkedHashMap<>();
        for (Map<String, Object> target : customersRun.<Map<String, Object>>getList("targets")) {
            actualTables.put(
                    (String) target.get("table"),
                    List.of(
                            ((Number) target.get("received")).longValue(),
                            ((Number) target.get("skipped")).longValue()));
        }
        assertEquals(expectedTables, actualTables, "per destination table: rows received, rows skipped");
        String customerNos =
                customers.stream().map(c -> "'" + c.get("No") + "'").collect(Collectors.joining(","));
        assertEquals(
                expectedCustomers,
                query(
                        suite,
                        "select accessuserexternalid, accessusername, accessusercity from commerce.accessuser"
                                + " where accessuserexternalid in (" + customerNos + ")"));
        assertEquals(
                groups,
                query(
                                suite,
                                "select accessgroupname, accessgroupname from commerce.accessusergroup"
                                        + " where accessgroupname like 'Price\\_%' or accessgroupname like 'Disc\\_%'")
                        .keySet());

        List<Map<String, String>> lines = BcSimulator.rows(suite, "DynamicwebSalesPriceListLines");
        JsonPath pricingRun = done.get("bc-import-prices-and-discounts-new-pricing");
        assertAccounted(pricingRun, lines.size());
        Map<String, List<Object>> expectedPrices = new TreeMap<>();
        List<String> expectedDiscounts = new ArrayList<>();
        for (Map<String, String> line : lines) {
            String type = BcSimulator.caption(line.get("Amount_Type"));
            boolean dated = valid(line.get("StartingDate"))
                    || valid(line.get("EndingDate"))
                    || (line.get("StartingDate").equals("0001-01-01")
                            && line.get("EndingDate").equals("0001-01-01"));
            if (dated && (type.equals("Price") || type.equals("Price & Discount"))) {
                expectedPrices.put(
                        line.get("Price_List_Code") + line.get("Line_No"),
                        List.of(line.get("Product_No"), new BigDecimal(line.get("Unit_Price")).stripTrailingZeros()));
            }
            if (dated && (type.equals("Discount") || type.equals("Price & Discount"))) {
                // one discount per line (no two lines share the key columns), compared as a multiset
                expectedDiscounts.add(String.join(
                        "|",
                        line.get("Product_No"),
                        line.get("Variant_Code"),
                        line.get("AssignToNo"),
                        new BigDecimal(line.get("Minimum_Quantity"))
                                .stripTrailingZeros()
                                .toPlainString(),
                        line.get("Description"),
                        new BigDecimal(line.get("Line_Discount_Percent"))
                                .stripTrailingZeros()
                                .toPlainString()));
            }
        }
        assertEquals(
                expectedPrices, query(suite, "select priceid, priceproductid, priceamount from commerce.ecomprices"));
        Collections.sort(expectedDiscounts);
        assertEquals(
                expectedPrices.size() + expectedDiscounts.size(),
                pricingRun.getLong("progress.rowsInserted"),
                "each price and discount inserted once into the emptied tables");
        assertEquals(
                expectedDiscounts,
                column(
                        suite,
                        "select concat_ws('|', discountproductid, discountproductvariantid, discountaccessuser,"
                                + " trim_scale(discountproductquantity)::text, discountdescription,"
                                + " trim_scale(discountpercentage)::text) from commerce.ecomdiscount"));

        List<Map<String, String>> skus = BcSimulator.rows(suite, "DynamicwebStockKeepingUnitCard");
        JsonPath stockRun = done.get("bc-import-stock");
        assertAccounted(stockRun, skus.size());
        assertEquals(
                skus.size(), stockRun.getLong("progress.rowsInserted"), "every SKU inserted into the emptied table");
        Map<String, List<Object>> expectedStock = new TreeMap<>();
        for (Map<String, String> sku : skus) {
            // StockUnitVariantId maps Item_No and Variant_Code: several sources of one column concatenate
            expectedStock.put(
                    String.join(
                            "|",
                            sku.get("Item_No"),
                            sku.get("Item_No") + sku.get("Variant_Code"),
                            sku.get("Location_Code")),
                    List.of(new BigDecimal(sku.get("Inventory")).stripTrailingZeros()));
        }
        assertEquals(
                expectedStock,
                query(
                        suite,
                        "select concat_ws('|', stockunitproductid, stockunitvariantid, stockunitstocklocationid),"
                                + " stockunitquantity from commerce.ecomstockunit"));
    }

    @Test
    void aDeltaRunReadsExactlyTheRowsModifiedSinceTheWatermark() throws Exception {
        Suite suite = SuiteExtension.suite();
        copyActivity(suite, "bc-import-items", "e2e-bc-items-delta");
        UUID first = Batch.runNow(suite.batch().url(), "e2e-bc-items-delta");
        JsonPath full = Batch.awaitCompleted(() -> suite.batch().url(), first, RUN_TIMEOUT);
        assertAccounted(full, Suite.BC_ITEMS);
        String watermark = activity(suite, "e2e-bc-items-delta").getString("odataWatermark");
        List<Map<String, String>> before = BcSimulator.rows(suite, "DynamicwebItemCard");
        assertEquals(
                before.stream()
                        .map(r -> instant(r.get("SystemModifiedAt")))
                        .max(Instant::compareTo)
                        .orElseThrow(),
                instant(watermark),
                "the watermark is the ERP's largest SystemModifiedAt");

        List<String> modified = List.of(
                before.get(3).get("No"),
                before.get(150).get("No"),
                before.get(399).get("No"));
        for (String no : modified) {
            BcSimulator.modify(
                    suite,
                    "DynamicwebItemCard",
                    "{\"keys\":[{\"No\":\"" + no + "\"}],\"values\":{\"Description\":\"Delta " + no + "\"}}");
        }
        UUID second = Batch.runNow(suite.batch().url(), "e2e-bc-items-delta");
        JsonPath delta = Batch.awaitCompleted(() -> suite.batch().url(), second, RUN_TIMEOUT);

        // SystemModifiedAt ge watermark - overlap (the shipped activity's default, 300 s): the modified rows,
        // and those the overlap reads again (harmless: the merge is by key)
        Instant from = instant(watermark).minusSeconds(300);
        Set<String> expected = BcSimulator.rows(suite, "DynamicwebItemCard").stream()
                .filter(r -> !instant(r.get("SystemModifiedAt")).isBefore(from))
                .map(r -> r.get("No"))
                .collect(Collectors.toSet());
        assertTrue(expected.containsAll(modified), "modified rows are after the watermark");
        assertAccounted(delta, expected.size());
        // the modified rows changed; the others the overlap reads again are merged as they were
        assertEquals(modified.size(), delta.getLong("progress.rowsUpdated"), "rows updated");
        assertEquals(expected.size() - modified.size(), delta.getLong("progress.rowsUnchanged"), "rows unchanged");
        assertEquals(0, delta.getLong("progress.rowsInserted"), "rows inserted");
        Map<String, List<Object>> names = query(
                suite,
                "select productid, productname from commerce.ecomproducts where productvariantid = '' and productid in ('"
                        + String.join("','", modified) + "')");
        for (String no : modified) {
            assertEquals(List.of("Delta " + no), names.get(no), no + " in the commerce DB");
        }
    }

    @Test
    void a429StormIsRetriedAfterRetryAfterAndTheImportCompletesExactly() throws Exception {
        Suite suite = SuiteExtension.suite();
        try (Connection db = suite.db();
                Statement s = db.createStatement()) {
            s.execute("delete from commerce.ecomproducts");
        }
        copyActivity(suite, "bc-import-items", "e2e-bc-items-429");
        BcSimulator.faults(
                suite,
                "{\"entitySets\":[\"DynamicwebItemCard\"],\"throttle429\":{\"rate\":0.4,\"retryAfterSeconds\":1}}");
        BcSimulator.clearStats(suite);
        long started = System.nanoTime();
        UUID run = Batch.runNow(suite.batch().url(), "e2e-bc-items-429");
        JsonPath done = Batch.awaitCompleted(() -> suite.batch().url(), run, RUN_TIMEOUT);
        double minutes = (System.nanoTime() - started) / 60e9;

        int pages = (Suite.BC_ITEMS + Suite.BC_PAGE_SIZE - 1) / Suite.BC_PAGE_SIZE;
        assertAccounted(done, Suite.BC_ITEMS);
        assertEquals(
                Suite.BC_ITEMS, done.getLong("progress.rowsInserted"), "every item inserted into the emptied table");
        assertEquals(pages, done.getInt("progress.pagesFetched"), "every page committed once");
        JsonNode stats = BcSimulator.stats(suite);
        JsonNode items = stats.path("requests").path("DynamicwebItemCard");
        assertEquals(pages, items.path("200").asLong(), "each page answered once: " + stats);
        long throttled = items.path("429").asLong();
        assertEquals(
                pages + throttled,
                stats.path("total").asLong()
                        - stats.path("requests").path("$metadata").path("200").asLong(),
                "nothing but pages and 429s: " + stats);
        // BC's limits: 5 concurrent requests, 6,000 per 5 minutes per user
        assertTrue(stats.path("concurrentHighWater").asInt() <= 5, "concurrency " + stats);
        assertTrue((pages + throttled) / Math.max(minutes, 1.0 / 60) < 1200, "requests per minute " + stats);
        // each retry waited Retry-After (1 s): the run took at least one second per 429
        assertTrue(minutes * 60 >= throttled, throttled + " 429s in " + minutes * 60 + " s");
        try (Connection db = suite.db()) {
            assertEquals(
                    Suite.BC_ITEMS,
                    ProductImportTest.count(
                            db, "select count(*) from commerce.ecomproducts where productvariantid = ''"));
        }
    }

    static Instant instant(String dateTimeOffset) {
        return OffsetDateTime.parse(dateTimeOffset).toInstant();
    }

    static boolean valid(String date) {
        return date.compareTo("1901-01-01") > 0;
    }

    /**
     * A merged run, none failed: every row read is written, skipped or failed once, for the run and per
     * source table, and every destination table received = inserted + updated + unchanged + skipped.
     */
    static void assertAccounted(JsonPath run, long rows) {
        assertReadNoneFailed(run, rows);
        String account = run.getString("exitMessage");
        assertEquals(
                rows,
                run.getLong("progress.rowsWritten")
                        + run.getLong("progress.rowsSkipped")
                        + run.getLong("progress.rowsFailed"),
                "rows read = written + skipped + failed: " + account);
        long read = 0;
        for (Map<String, Object> source : run.<Map<String, Object>>getList("sources")) {
            long sourceRead = ((Number) source.get("read")).longValue();
            read += sourceRead;
            assertEquals(
                    sourceRead,
                    ((Number) source.get("written")).longValue()
                            + ((Number) source.get("skipped")).longValue()
                            + ((Number) source.get("failed")).longValue(),
                    source + ": read = written + skipped + failed");
        }
        assertEquals(rows, read, "the source tables' rows read: " + account);
        List<Map<String, Object>> targets = run.getList("targets");
        assertTrue(!targets.isEmpty(), "destination tables reported: " + account);
        for (Map<String, Object> target : targets) {
            assertEquals(
                    ((Number) target.get("received")).longValue(),
                    ((Number) target.get("inserted")).longValue()
                            + ((Number) target.get("updated")).longValue()
                            + ((Number) target.get("unchanged")).longValue()
                            + ((Number) target.get("skipped")).longValue(),
                    target + ": received = inserted + updated + unchanged + skipped");
        }
    }

    static void assertReadNoneFailed(JsonPath run, long rows) {
        assertEquals(rows, run.getLong("progress.rowsRead"), "rows read");
        assertEquals(0, run.getLong("progress.rowsFailed"), "rows failed: " + run.getList("errors"));
    }

    /** The first column of every row, sorted as Java sorts strings (not the database's collation). */
    static List<String> column(Suite suite, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection db = suite.db();
                Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        Collections.sort(values);
        return values;
    }

    /** The first column as key, the others as a list (numbers without trailing zeros). */
    static Map<String, List<Object>> query(Suite suite, String sql) throws Exception {
        Map<String, List<Object>> rows = new TreeMap<>();
        try (Connection db = suite.db();
                Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> values = new ArrayList<>();
                for (int i = 2; i <= columns; i++) {
                    Object value = rs.getObject(i);
                    values.add(value instanceof BigDecimal d ? d.stripTrailingZeros() : value);
                }
                List<Object> previous = rows.put(rs.getString(1), values);
                assertEquals(null, previous, "key " + rs.getString(1) + " twice in: " + sql);
            }
        }
        return rows;
    }

    static JsonPath activity(Suite suite, String name) {
        return given().baseUri(suite.batch().url())
                .get("/api/v1/activities/" + name)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** A copy of a shipped activity (its own watermark and runs), on the same endpoint and job. */
    static void copyActivity(Suite suite, String shipped, String name) {
        JsonPath source = activity(suite, shipped);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", source.getString("type"));
        body.put("endpoint", source.getString("endpoint"));
        body.put("mappingJob", source.getString("mappingJob"));
        body.put("timeoutSeconds", 600);
        body.put("odata", source.getMap("odata"));
        Batch.createActivity(suite.batch().url(), body);
    }
}
