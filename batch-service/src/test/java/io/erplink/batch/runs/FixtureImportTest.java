package io.erplink.batch.runs;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import io.erplink.batch.RecordsTap;
import io.erplink.protocol.events.RecordChunk;
import io.erplink.testsupport.ErpSimulatorTestResource;
import io.erplink.testsupport.OperatorJwtTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator in fixture ("test mode") mode serves the files of src/test/resources/fixtures as-is:
 * seed 003's units response (the odd table: tableName EcomVariantsGroups, items EcomVariantGroups),
 * isNull, empty and whitespace-carrying CDATA with markup characters, and a two-page customers export.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(
        value = ErpSimulatorTestResource.class,
        restrictToAnnotatedClass = true,
        initArgs = {
            // relative to the simulator's working directory, erp-simulator/target/quarkus-app
            @ResourceArg(
                    name = "erplink.simulator.fixtures-dir",
                    value = "../../../batch-service/src/test/resources/fixtures")
        })
@QuarkusTestResource(value = OperatorJwtTestResource.class, restrictToAnnotatedClass = true)
class FixtureImportTest {

    static UUID run(String activity, String table, String job) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", activity);
        body.put("type", "IMPORT");
        body.put("requestXml", "<GetEcomData><tables><" + table + " type=\"all\"/></tables></GetEcomData>");
        body.put("mappingJob", job);
        Runs.createActivity(body);
        return Runs.runNow(activity);
    }

    @Test
    void unitsFixtureKeepsTheItemTableNullsAndCdataExactly() throws Exception {
        UUID run = run("fixture-units", "Units", "ifv2-import-units");
        JsonPath sealed = Runs.awaitSealed(run, Duration.ofSeconds(60));
        assertEquals(1, sealed.getInt("progress.pagesFetched"));
        assertEquals(3, sealed.getLong("progress.rowsRead"));
        assertEquals("{9620FFC9-F952-41AB-8A51-FBFB63861101}", sealed.getString("progress.batchId"));

        RecordsTap.Published published = RecordsTap.read(run, Duration.ofSeconds(30));
        PagedImportTest.assertSequencedOnce(published, 3);
        List<RecordChunk.Row> rows =
                published.chunks().stream().flatMap(c -> c.rows().stream()).toList();
        assertEquals("EcomVariantGroups", rows.get(0).table(), "the item's table attribute, not the odd tableName");
        assertEquals("", rows.get(0).columns().get("VariantGroupLabel"), "empty CDATA is the empty string");
        assertEquals(
                "  Option <with> & \"markup\"  ",
                rows.get(1).columns().get("VariantOptionName"),
                "CDATA kept exactly, whitespace and markup characters included");
        assertTrue(rows.get(2).columns().containsKey("VariantOptionGroupId"));
        assertNull(rows.get(2).columns().get("VariantOptionGroupId"), "isNull=\"true\" travels as null");
        assertEquals(
                List.of(1L, 2L, 3L), rows.stream().map(RecordChunk.Row::row).toList(), "row numbers within the page");
    }

    @Test
    void pagedFixtureIsFollowedUntilExportIsDone() throws Exception {
        UUID run = run("fixture-customers", "Customers", "ifv2-import-customers");
        JsonPath sealed = Runs.awaitSealed(run, Duration.ofSeconds(60));
        assertEquals(2, sealed.getInt("progress.pagesFetched"));
        assertEquals(3, sealed.getLong("progress.rowsRead"));
        assertEquals(3, sealed.getLong("progress.totalCount"));
        RecordsTap.Published published = RecordsTap.read(run, Duration.ofSeconds(30));
        PagedImportTest.assertSequencedOnce(published, 3);
        List<RecordChunk.Row> rows =
                published.chunks().stream().flatMap(c -> c.rows().stream()).toList();
        assertEquals(
                List.of("US-011", "US-012", "US-013"),
                rows.stream().map(r -> r.columns().get("AccessUserExternalId")).toList());
        assertEquals(
                List.of(1, 1, 2),
                published.chunks().stream()
                        .flatMap(c -> c.rows().stream().map(r -> c.page()))
                        .toList());
        assertNull(rows.get(0).columns().get("AccessUserEmail"));
        assertEquals("Ünïcödé GmbH", rows.get(2).columns().get("AccessUserName"));
    }
}
