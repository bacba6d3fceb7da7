package io.erplink.batch.runs;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import io.erplink.batch.BcSimulatorTestResource;
import io.erplink.batch.RecordsTap;
import io.erplink.batch.activities.ActivityJobSync;
import io.erplink.batch.exports.odata.ExportJobMappingsTest;
import io.erplink.batch.exports.odata.ODataExport;
import io.erplink.protocol.events.JobSourcesChanged;
import io.erplink.protocol.events.Topics;
import io.erplink.testsupport.OperatorJwtTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.erplink.testsupport.OperatorJwtTestResource.asAdmin;
import static io.erplink.testsupport.OperatorJwtTestResource.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An OData activity follows its mapping job: a saved job version (JobSourcesChanged on jobs.changed, as
 * mapping-service publishes it) becomes the activity's {@code $select} and {@code $filter}, or an export
 * activity's table mappings; an older, redelivered or republished version changes nothing; an activity
 * created or changed later takes the job's current version; the next run requests the new columns from the
 * simulator's Business Central and names the job version it planned from. ODataImportTest's profile and test
 * resources (the same simulator, 250 items), so the two share one Quarkus build and start.
 */
@QuarkusTest
@TestProfile(ODataImportTest.LogToFile.class)
@WithTestResource(PostgresKafkaTestResource.class)
@WithTestResource(
        value = BcSimulatorTestResource.class,
        initArgs = {
            @ResourceArg(name = "erplink.simulator.bc.items", value = "250"),
            @ResourceArg(name = "erplink.simulator.bc.customers", value = "100"),
            @ResourceArg(name = "erplink.simulator.bc.basic-auth", value = "true")
        })
@WithTestResource(OperatorJwtTestResource.class)
class ActivityFollowsJobTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ActivityJobSync sync;

    @Test
    void aSavedJobVersionReachesTheActivityAndTheNextRunRequestsItsColumns() throws Exception {
        itemsActivity("follow-items", "follow-items-job", List.of("No", "Description"));
        UUID before = Runs.runNow("follow-items");
        Runs.awaitSealed(before, Duration.ofSeconds(90));
        assertEquals(Set.of("No", "Description", "SystemModifiedAt"), columns(before));

        publish(event("follow-items-job", 2, List.of("No", "Description", "Unit_Price")));
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Integer.valueOf(2).equals(activity("follow-items").get("jobVersion")));
        JsonPath activity = activity("follow-items");
        assertEquals(List.of("No", "Description", "Unit_Price"), activity.getList("odata.columns"));
        assertEquals("DynamicwebItemCard", activity.getString("odata.entitySet"));

        UUID after = Runs.runNow("follow-items");
        JsonPath sealed = Runs.awaitSealed(after, Duration.ofSeconds(90));
        assertEquals(2, sealed.getInt("jobVersion"));
        assertEquals(ODataImportTest.ITEMS, sealed.getLong("progress.rowsRead"));
        assertEquals(Set.of("No", "Description", "Unit_Price", "SystemModifiedAt"), columns(after));
        assertNull(Runs.get(before).get("jobVersion"), "the first run planned from the activity as created");
        String log = Files.readString(ODataImportTest.LOG);
        assertTrue(
                log.contains("OData DynamicwebItemCard on endpoint bc, job follow-items-job version 2: $select sent"),
                "the plan log names the job version");
    }

    @Test
    void anOlderOrRedeliveredVersionOrOneWithoutTheTableChangesNothing() {
        Map<String, Object> body =
                ODataImportTest.activity("follow-contacts", BcSimulatorTestResource.ENDPOINT, "follow-contacts-job");
        body.put(
                "odata",
                Map.of(
                        "entitySet",
                        "DynamicwebContactCard",
                        "overlapSeconds",
                        60,
                        "pushdown",
                        false,
                        "columns",
                        List.of("No")));
        Runs.createActivity(body);

        List<List<JobSourcesChanged.Condition>> person =
                List.of(List.of(new JobSourcesChanged.Condition("Type", "EqualTo", "Person")));
        JobSourcesChanged v3 = event(
                "follow-contacts-job", 3, "DynamicwebContactCard", List.of("No", "Name", "Salesperson_Code"), person);
        assertEquals(List.of("follow-contacts"), sync.apply(v3));
        assertEquals(List.of(), sync.apply(v3), "a redelivery");
        // the same version once more (mapping-service's start), other columns: a new event, changing nothing
        JobSourcesChanged republished =
                event("follow-contacts-job", 3, "DynamicwebContactCard", List.of("No"), List.of(List.of()));
        assertEquals(List.of(), sync.apply(republished), "the same version published again (mapping-service's start)");
        JobSourcesChanged v2 =
                event("follow-contacts-job", 2, "DynamicwebContactCard", List.of("No"), List.of(List.of()));
        assertEquals(List.of(), sync.apply(v2), "an older version");
        JobSourcesChanged v4 =
                event("follow-contacts-job", 4, "DynamicwebCustomerCard", List.of("No"), List.of(List.of()));
        assertEquals(List.of(), sync.apply(v4), "a version that no longer reads the activity's table");

        JsonPath activity = activity("follow-contacts");
        assertEquals(3, activity.getInt("jobVersion"));
        assertEquals(List.of("No", "Name", "Salesperson_Code"), activity.getList("odata.columns"));
        assertEquals(
                List.of(List.of(Map.of("column", "Type", "operator", "EqualTo", "value", "Person"))),
                activity.getList("odata.conditions"));
        // what is the activity's own stays
        assertEquals("DynamicwebContactCard", activity.getString("odata.entitySet"));
        assertEquals(60, activity.getInt("odata.overlapSeconds"));
        assertEquals(false, activity.getBoolean("odata.pushdown"));
    }

    @Test
    void aRunQueuedBeforeTheEditReachedTheActivityPlansFromTheNewVersion() throws Exception {
        itemsActivity("follow-queued", "follow-queued-job", List.of("No", "Description"));
        UUID run = UUID.randomUUID();
        // a run created from the activity as it was, due in a few seconds (nothing claims it before)
        assertEquals(
                1,
                Runs.execute(
                        "insert into run (id, activity_id, activity_name, kind, trigger, status, phase, mapping_job,"
                                + " full_import, not_before, odata_source)"
                                + " select ?, id, name, 'IMPORT', 'MANUAL', 'STARTING', 'QUEUED', mapping_job, true,"
                                + " now() + interval '4 seconds', odata_source from activity where name = 'follow-queued'",
                        run));
        assertEquals(
                List.of("follow-queued"),
                sync.apply(event("follow-queued-job", 1, List.of("No", "Description", "GTIN"))));

        JsonPath sealed = Runs.awaitSealed(run, Duration.ofSeconds(90));
        assertEquals(1, sealed.getInt("jobVersion"));
        assertEquals(Set.of("No", "Description", "GTIN", "SystemModifiedAt"), columns(run));
    }

    @Test
    void anActivityCreatedOrChangedAfterAJobEditTakesTheJobsCurrentVersion() {
        assertEquals(
                List.of(),
                sync.apply(event("follow-created-job", 4, List.of("No", "Description", "Unit_Price"))),
                "no activity of the job yet");
        itemsActivity("follow-created", "follow-created-job", List.of("No"));
        JsonPath created = activity("follow-created");
        assertEquals(4, created.getInt("jobVersion"));
        assertEquals(List.of("No", "Description", "Unit_Price"), created.getList("odata.columns"));

        // an operator's edit of the columns: the job's current version still decides them
        Map<String, Object> body =
                ODataImportTest.activity("follow-created", BcSimulatorTestResource.ENDPOINT, "follow-created-job");
        body.put("odata", Map.of("entitySet", "DynamicwebItemCard", "columns", List.of("No", "GTIN")));
        asAdmin()
                .contentType(ContentType.JSON)
                .body(body)
                .put("/api/v1/activities/follow-created")
                .then()
                .statusCode(200);
        JsonPath changed = activity("follow-created");
        assertEquals(4, changed.getInt("jobVersion"));
        assertEquals(List.of("No", "Description", "Unit_Price"), changed.getList("odata.columns"));

        // a job no version of which was received: the activity as given
        itemsActivity("follow-unknown", "follow-unknown-job", List.of("No", "GTIN"));
        JsonPath unknown = activity("follow-unknown");
        assertNull(unknown.get("jobVersion"));
        assertEquals(List.of("No", "GTIN"), unknown.getList("odata.columns"));
    }

    @Test
    void anExportActivityFollowsItsJobsTableMappingsAndKeepsItsKeysAndLines() throws Exception {
        ODataExport shipped = ExportJobMappingsTest.shipped().get("bc-export-orders");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "follow-orders-export");
        body.put("type", "EXPORT");
        body.put("endpoint", BcSimulatorTestResource.ENDPOINT);
        body.put("mappingJob", "follow-orders-export-job");
        body.put("timeoutSeconds", 300);
        body.put("odataExport", JSON.readValue(ODataExport.write(shipped), Map.class));
        Runs.createActivity(body);

        // version 2: the item lines also carry the product name
        List<JobSourcesChanged.ExportMapping> job = new ArrayList<>(ExportJobMappingsTest.job("bc-export-orders"));
        JobSourcesChanged.ExportMapping items = job.get(3);
        List<JobSourcesChanged.Column> itemColumns = new ArrayList<>(items.columns());
        itemColumns.add(new JobSourcesChanged.Column("OrderLineProductName", "Description", null, null, null, null));
        job.set(
                3,
                new JobSourcesChanged.ExportMapping(
                        items.name(), items.sourceTable(), items.destinationTable(), items.conditions(), itemColumns));
        assertEquals(List.of("follow-orders-export"), sync.apply(exportEvent("follow-orders-export-job", 2, job)));

        JsonPath activity = activity("follow-orders-export");
        assertEquals(2, activity.getInt("jobVersion"));
        List<ODataExport.Column> expected =
                new ArrayList<>(shipped.mappings().get(0).children().get(2).columns());
        expected.add(new ODataExport.Column("OrderLineProductName", "Description", null));
        ODataExport now = ODataExport.read(JSON.writeValueAsString(activity.getMap("odataExport")));
        assertEquals(expected, now.mappings().get(0).children().get(2).columns());
        assertEquals(
                List.of("Document_Type", "External_Document_No"),
                now.mappings().get(0).keys());
        assertEquals(
                List.of(new ODataExport.Response("No", "OrderIntegrationOrderId")),
                now.mappings().get(0).response());
        assertEquals(
                Map.of("OrderLineOrderId", "OrderId"),
                now.mappings().get(0).children().get(2).parentLink());

        // version 3 drops the tax lines: which mapping is a line of which is no longer derivable, nothing changes
        List<JobSourcesChanged.ExportMapping> withoutTax = new ArrayList<>(job);
        withoutTax.remove(5);
        assertEquals(List.of(), sync.apply(exportEvent("follow-orders-export-job", 3, withoutTax)));
        JsonPath kept = activity("follow-orders-export");
        assertEquals(2, kept.getInt("jobVersion"));
        assertEquals(now, ODataExport.read(JSON.writeValueAsString(kept.getMap("odataExport"))));
    }

    // ---- helpers ----

    private static void itemsActivity(String name, String job, List<String> columns) {
        Map<String, Object> body = ODataImportTest.activity(name, BcSimulatorTestResource.ENDPOINT, job);
        body.put("odata", Map.of("entitySet", "DynamicwebItemCard", "columns", columns));
        Runs.createActivity(body);
    }

    /** A saved version of an items job without conditionals. */
    private static JobSourcesChanged event(String job, int version, List<String> columns) {
        return event(job, version, "DynamicwebItemCard", columns, List.of(List.of()));
    }

    private static JobSourcesChanged event(
            String job,
            int version,
            String table,
            List<String> columns,
            List<List<JobSourcesChanged.Condition>> conditions) {
        return event(job, version, List.of(new JobSourcesChanged.Source(table, columns, conditions)), List.of());
    }

    private static JobSourcesChanged exportEvent(
            String job, int version, List<JobSourcesChanged.ExportMapping> mappings) {
        return event(job, version, List.of(), mappings);
    }

    private static JobSourcesChanged event(
            String job,
            int version,
            List<JobSourcesChanged.Source> sources,
            List<JobSourcesChanged.ExportMapping> exports) {
        return new JobSourcesChanged(
                UUID.randomUUID().toString(),
                JobSourcesChanged.VERSION,
                job,
                version,
                Instant.now().toString(),
                sources,
                exports);
    }

    /** As mapping-service's outbox relay sends it: JSON, key = job name, type header. */
    private static void publish(JobSourcesChanged event) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, PostgresKafkaTestResource.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
            ProducerRecord<String, String> record =
                    new ProducerRecord<>(Topics.JOBS_CHANGED, event.job(), JSON.writeValueAsString(event));
            record.headers().add("erplink-type", "JobSourcesChanged".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            producer.send(record).get();
        }
    }

    private static JsonPath activity(String name) {
        return asOperator()
                .get("/api/v1/activities/" + name)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** The columns of the rows a run published (the properties the server returned for its $select). */
    private static Set<String> columns(UUID run) throws Exception {
        List<Map<String, String>> rows =
                ODataImportTest.rows(RecordsTap.read(run, Duration.ofSeconds(30)), "DynamicwebItemCard");
        assertEquals(ODataImportTest.ITEMS, rows.size());
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(r -> columns.addAll(r.keySet()));
        return columns;
    }
}
