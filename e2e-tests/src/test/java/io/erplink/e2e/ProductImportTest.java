package io.erplink.e2e;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.path.json.JsonPath;

import io.erplink.protocol.tables.TableRow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A paged products export of the erp-simulator through batch-service (fetch, chunk, publish) and
 * mapping-service (stage, merge) into {@code commerce.EcomProducts}: issue 4's end-to-end test.
 */
@ExtendWith(SuiteExtension.class)
class ProductImportTest {
    /** One EcomProducts row and two EcomProductCategoryFieldValue rows (Weight, Colour) per product. */
    static final long ROWS_PER_PRODUCT = 3;

    @Test
    void importsEveryProductOfAPagedExportIntoTheCommerceDatabase() throws Exception {
        Suite suite = SuiteExtension.suite();
        clearCommerceProducts(suite);
        // The default IF v2 activity batch-service ships (request <Products type="all"/>, job ifv2-import-products).
        UUID run = Batch.runNow(suite.batch().url(), "import-products");
        JsonPath done = Batch.awaitCompleted(() -> suite.batch().url(), run, Duration.ofSeconds(180));

        int pages = (Suite.PRODUCTS + Suite.PAGE_SIZE - 1) / Suite.PAGE_SIZE;
        assertEquals(pages, done.getInt("progress.pagesFetched"), "pages fetched");
        assertEquals(pages, done.getInt("progress.lastCommittedPage"), "last committed page");
        assertEquals(Suite.PRODUCTS, done.getLong("progress.totalCount"), "totalCount of the export");
        assertEquals(ROWS_PER_PRODUCT * Suite.PRODUCTS, done.getLong("progress.rowsRead"), "rows read");
        assertEquals(ROWS_PER_PRODUCT * Suite.PRODUCTS, done.getLong("progress.rowsWritten"), "rows written");
        assertEquals(0, done.getLong("progress.rowsFailed"), "rows failed");
        assertEquals(0, done.getLong("progress.rowsSkipped"), "rows skipped");
        assertEquals(
                done.getLong("progress.chunksPublished"),
                done.getLong("progress.chunksReported"),
                "every published chunk reported by mapping-service");
        assertEquals("COMPLETED", done.getString("exitCode"));

        try (Connection db = suite.db()) {
            assertEquals(Suite.PRODUCTS, count(db, "select count(*) from commerce.ecomproducts"));
            assertEquals(
                    Suite.PRODUCTS,
                    count(
                            db,
                            "select count(distinct productid) from commerce.ecomproducts"
                                    + " where productid::int between 10001 and " + (10000 + Suite.PRODUCTS)));
            assertEquals(2L * Suite.PRODUCTS, count(db, "select count(*) from commerce.ecomproductcategoryfieldvalue"));

            // Spot checks against the simulator's own answer (page 1 of the same export, asked directly).
            Map<String, TableRow> page1 =
                    Simulator.ask(suite, "<GetEcomData><tables><Products type=\"all\"/></tables></GetEcomData>")
                            .stream()
                            .filter(r -> r.table().equals("EcomProducts"))
                            .collect(Collectors.toMap(r -> r.get("ProductId"), r -> r));
            assertEquals(Suite.PAGE_SIZE, page1.size());
            for (String id : List.of("10001", "10002", "10500", Integer.toString(10000 + Suite.PAGE_SIZE))) {
                TableRow expected = page1.get(id);
                assertNotNull(expected, "simulator row " + id);
                try (PreparedStatement s = db.prepareStatement(
                        "select productnumber, productname, productprice, productcost,"
                                + " productstock, productweight, productmanufacturerid, productactive, discontinued, primarygroup,"
                                + " productlanguageid from commerce.ecomproducts where productid = ? and productvariantid = ''")) {
                    s.setString(1, id);
                    try (ResultSet rs = s.executeQuery()) {
                        assertTrue(rs.next(), "commerce row for product " + id);
                        assertEquals(expected.get("ProductNumber"), rs.getString(1), id + " ProductNumber");
                        assertEquals(expected.get("ProductName"), rs.getString(2), id + " ProductName");
                        assertNumber(expected.get("ProductPrice"), rs.getBigDecimal(3), id + " ProductPrice");
                        assertNumber(expected.get("ProductCost"), rs.getBigDecimal(4), id + " ProductCost");
                        assertNumber(expected.get("ProductStock"), rs.getBigDecimal(5), id + " ProductStock");
                        assertNumber(expected.get("ProductWeight"), rs.getBigDecimal(6), id + " ProductWeight");
                        assertEquals(
                                expected.get("ProductManufacturerId"), rs.getString(7), id + " ProductManufacturerId");
                        assertEquals(
                                Boolean.parseBoolean(expected.get("ProductActive")),
                                rs.getBoolean(8),
                                id + " ProductActive");
                        assertEquals(
                                Boolean.parseBoolean(expected.get("Discontinued")),
                                rs.getBoolean(9),
                                id + " Discontinued");
                        assertEquals(expected.get("PrimaryGroup"), rs.getString(10), id + " PrimaryGroup");
                        assertEquals(expected.get("ProductLanguageId"), rs.getString(11), id + " ProductLanguageId");
                    }
                }
            }
        }
    }

    /** An empty product catalog in the commerce DB, so a run's inserted/written counts are exact whatever ran before. */
    static void clearCommerceProducts(Suite suite) throws Exception {
        try (Connection db = suite.db();
                var s = db.createStatement()) {
            s.execute("delete from commerce.ecomproducts");
            s.execute("delete from commerce.ecomproductcategoryfieldvalue");
        }
    }

    static long count(Connection db, String sql) throws Exception {
        try (PreparedStatement s = db.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void assertNumber(String expected, BigDecimal actual, String what) {
        assertNotNull(actual, what);
        assertEquals(
                0, new BigDecimal(expected).compareTo(actual), what + ": expected " + expected + ", was " + actual);
    }
}
