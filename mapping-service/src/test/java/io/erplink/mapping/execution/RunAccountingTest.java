package io.erplink.mapping.execution;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import io.erplink.mapping.jobs.JobRegistry;
import io.erplink.protocol.events.RecordChunk;
import io.erplink.testsupport.OperatorJwtTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.erplink.mapping.execution.Events.row;
import static io.erplink.testsupport.OperatorJwtTestResource.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A job that writes two tables from one source row (items into EcomProducts and, by their currency,
 * EcomCurrencies, where several items share a currency): each row read is written, skipped or failed
 * once ({@code read = written + skipped + failed}), while each destination table reports its own
 * figures ({@code received = inserted + updated + unchanged + skipped}), in the RunResult and in
 * {@code GET /api/v1/mapping-runs/{runId}}.
 */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaTestResource.class)
@WithTestResource(OperatorJwtTestResource.class)
class RunAccountingTest {
    private static final String CONDITION_REASON =
            "table mapping products: conditional Blocked EqualTo 'false' not met (value 'true')";
    private static Events events;

    @Inject
    JobRegistry registry;

    @BeforeAll
    static void connect() {
        events = new Events();
    }

    @AfterAll
    static void disconnect() {
        events.close();
    }

    private String itemsJob() {
        return TestJobs.save(registry, "test-accounting", """
                tableMappings:
                - name: products
                  sourceTable: Items
                  destinationTable: EcomProducts
                  conditionals: [{column: Blocked, operator: EqualTo, value: 'false'}]
                  columns:
                  - {source: Id, destination: ProductId}
                  - {source: Lang, destination: ProductLanguageId}
                  - {source: Name, destination: ProductName}
                  - {source: Price, destination: ProductPrice}
                - name: currencies
                  sourceTable: Items
                  destinationTable: EcomCurrencies
                  conditionals: [{column: Blocked, operator: EqualTo, value: 'false'}]
                  columns:
                  - {source: Currency, destination: CurrencyCode}
                  - {source: Lang, destination: CurrencyLanguageId}
                  - {source: Currency, destination: CurrencyName}
                """);
    }

    private static RecordChunk.Row item(
            long row, String id, String name, String price, String currency, boolean blocked) {
        return row(
                "Items",
                row,
                "Id",
                id,
                "Name",
                name,
                "Lang",
                "en",
                "Price",
                price,
                "Currency",
                currency,
                "Blocked",
                String.valueOf(blocked));
    }

    private static Map<String, Object> run(String job, List<RecordChunk.Row> rows) throws Exception {
        return events.run("run-" + UUID.randomUUID(), job, rows.size(), List.of(rows));
    }

    private static Map<String, Object> target(
            String table,
            long received,
            long inserted,
            long updated,
            long unchanged,
            long skipped,
            long failed,
            long removed) {
        return Map.of(
                "table", table,
                "received", (int) received,
                "inserted", (int) inserted,
                "updated", (int) updated,
                "unchanged", (int) unchanged,
                "skipped", (int) skipped,
                "failed", (int) failed,
                "removed", (int) removed);
    }

    private static Map<String, Object> source(String table, long read, long written, long skipped, long failed) {
        return Map.of(
                "table", table, "read", (int) read, "written", (int) written, "skipped", (int) skipped, "failed", (int)
                        failed);
    }

    @Test
    void aRowAMappingSkipsCountsInItsTablesSkippedUnlessAnotherMappingOfTheTableTookIt() throws Exception {
        Events.execute("delete from commerce.EcomProducts");
        Events.execute("delete from commerce.EcomCurrencies");
        String job = TestJobs.save(registry, "test-accounting-skips", """
                tableMappings:
                - name: active products
                  sourceTable: Items
                  destinationTable: EcomProducts
                  conditionals: [{column: Blocked, operator: EqualTo, value: 'false'}]
                  columns:
                  - {source: Id, destination: ProductId}
                  - {source: Lang, destination: ProductLanguageId}
                  - {source: Name, destination: ProductName}
                - name: blocked products
                  sourceTable: Items
                  destinationTable: EcomProducts
                  conditionals: [{column: Blocked, operator: EqualTo, value: 'true'}]
                  columns:
                  - {source: Id, destination: ProductId}
                  - {source: Lang, destination: ProductLanguageId}
                  - {destination: ProductName, script: Constant, value: blocked}
                - name: currencies
                  sourceTable: Items
                  destinationTable: EcomCurrencies
                  conditionals: [{column: Blocked, operator: EqualTo, value: 'false'}]
                  columns:
                  - {source: Currency, destination: CurrencyCode}
                  - {source: Lang, destination: CurrencyLanguageId}
                """);

        Map<String, Object> result = run(
                job,
                List.of(
                        item(1, "I1", "Chair", "10", "EUR", false),
                        item(2, "I2", "Table", "20", "USD", true),
                        item(3, "I3", "Lamp", "5", "GBP", true)));
        assertEquals("MERGED", result.get("status"), String.valueOf(result));
        assertEquals(
                List.of(target("EcomProducts", 3, 3, 0, 0, 0, 0, 0), target("EcomCurrencies", 3, 1, 0, 0, 2, 0, 0)),
                result.get("targets"),
                "the opposite conditionals into EcomProducts give each row to it once; the blocked items are"
                        + " EcomCurrencies' skipped rows");
        assertEquals(List.of(source("Items", 3, 3, 0, 0)), result.get("sources"), "each row written somewhere");
    }

    @Test
    void aRowWrittenToTwoTablesIsOneRowWrittenAndEachTableCountsItsOwnMerge() throws Exception {
        Events.execute("delete from commerce.EcomProducts");
        Events.execute("delete from commerce.EcomCurrencies");
        String job = itemsJob();

        Map<String, Object> first = run(
                job, List.of(item(1, "I1", "Chair", "10", "EUR", false), item(2, "I2", "Table", "20", "EUR", false)));
        assertEquals("MERGED", first.get("status"), String.valueOf(first));
        assertEquals(
                List.of(target("EcomProducts", 2, 2, 0, 0, 0, 0, 0), target("EcomCurrencies", 2, 1, 0, 0, 1, 0, 0)),
                first.get("targets"),
                "two items of one currency: one currency inserted, the other its duplicate");
        assertEquals(List.of(source("Items", 2, 2, 0, 0)), first.get("sources"));

        // I1 as before (unchanged in both tables), I2 repriced in another currency, I3 blocked (skipped by
        // the conditionals), I4 a price that is no number and no currency (failed in both tables), I5 a
        // new item in I2's currency (inserted product, duplicate currency).
        Map<String, Object> second = run(
                job,
                List.of(
                        item(1, "I1", "Chair", "10", "EUR", false),
                        item(2, "I2", "Table", "25", "USD", false),
                        item(3, "I3", "Lamp", "5", "EUR", true),
                        item(4, "I4", "Sofa", "cheap", "", false),
                        item(5, "I5", "Stool", "7", "USD", false)));
        assertEquals("MERGED", second.get("status"), String.valueOf(second));
        assertEquals(
                Map.of("read", 5, "written", 3, "skipped", 1, "failed", 1),
                Map.of(
                        "read", second.get("read"),
                        "written", second.get("written"),
                        "skipped", second.get("skipped"),
                        "failed", second.get("failed")),
                "one outcome per row read: read = written + skipped + failed");
        assertEquals(List.of(source("Items", 5, 3, 1, 1)), second.get("sources"));
        // I3 reached both tables' mappings and was skipped by their conditionals: received and skipped there
        List<Map<String, Object>> targets =
                List.of(target("EcomProducts", 4, 1, 1, 1, 1, 1, 0), target("EcomCurrencies", 4, 1, 0, 1, 2, 1, 0));
        assertEquals(targets, second.get("targets"), "per table: received = inserted + updated + unchanged + skipped");
        assertEquals(
                Map.of("inserted", 2, "updated", 1, "unchanged", 2, "removed", 0),
                Map.of(
                        "inserted", second.get("inserted"),
                        "updated", second.get("updated"),
                        "unchanged", second.get("unchanged"),
                        "removed", second.get("removed")),
                "the tables' figures summed");
        List<Map<String, Object>> skipped = List.of(Map.of(
                "table",
                "Items",
                "rows",
                1,
                "reason",
                CONDITION_REASON,
                "sampleKeys",
                List.of("page 1, row 3: Id=I3, Name=Lamp")));
        assertEquals(skipped, second.get("skippedRows"));
        assertEquals(2, ((List<?>) second.get("errors")).size(), "I4's error in each table: " + second.get("errors"));

        JsonPath view = asOperator()
                .get("/api/v1/mapping-runs/" + second.get("runId"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(
                Map.of(
                        "read", 5,
                        "written", 3,
                        "skipped", 1,
                        "failed", 1,
                        "inserted", 2,
                        "updated", 1,
                        "unchanged", 2,
                        "removed", 0),
                view.getMap("counts"));
        assertEquals(List.of(source("Items", 5, 3, 1, 1)), view.getList("sources"));
        assertEquals(targets, view.getList("targets"));
        assertEquals(skipped, view.getList("skippedRows"));
    }
}
