package io.erplink.mapping.deadletters;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import io.erplink.protocol.events.RecordChunk;
import io.erplink.protocol.events.RecordChunkCodec;
import io.erplink.protocol.events.Topics;
import io.erplink.testsupport.OperatorJwtTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.erplink.testsupport.OperatorJwtTestResource.asAdmin;
import static io.erplink.testsupport.OperatorJwtTestResource.asOperator;
import static io.erplink.testsupport.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A chunk on batch.records.dlq is shown decoded (job, sequence, page, rows, the failure's reason),
 * and its re-drive puts it back on batch.records, where mapping-service stages it.
 */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaTestResource.class)
@WithTestResource(OperatorJwtTestResource.class)
class DeadLetterTest {

    @Test
    void aDeadLetteredChunkIsShownDecodedAndItsRedriveIsStaged() throws Exception {
        String run = "dlq-run-" + UUID.randomUUID();
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("ProductId", "DLQ-1");
        columns.put("ProductLanguageId", "en-us");
        RecordChunk chunk = new RecordChunk(
                UUID.randomUUID().toString(),
                RecordChunk.VERSION,
                run,
                "ifv2-import-products",
                0,
                1,
                List.of(new RecordChunk.Row("Products", 1, columns)));
        deadLetter(run, RecordChunkCodec.encode(chunk), "the database did not answer");

        JsonPath page = asOperator()
                .get("/api/v1/dead-letters?run=" + run)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertEquals(1, page.getInt("total"));
        assertEquals(
                Map.of(
                        "runId",
                        run,
                        "reason",
                        "the database did not answer",
                        "kind",
                        "chunk",
                        "job",
                        "ifv2-import-products",
                        "sequence",
                        0,
                        "page",
                        1,
                        "rowCount",
                        1,
                        "rows",
                        List.of(Map.of("table", "Products", "row", 1, "columns", columns))),
                Map.of(
                        "runId", page.getString("items[0].runId"),
                        "reason", page.getString("items[0].reason"),
                        "kind", page.getString("items[0].kind"),
                        "job", page.getString("items[0].job"),
                        "sequence", page.getInt("items[0].sequence"),
                        "page", page.getInt("items[0].page"),
                        "rowCount", page.getInt("items[0].rowCount"),
                        "rows", page.getList("items[0].rows")));

        assertProblem(
                asOperator().post("/api/v1/dead-letters/redrive?run=" + run),
                403,
                "forbidden",
                "Forbidden",
                "your role may not do this: reading needs the read role, changing the admin role",
                "/api/v1/dead-letters/redrive");

        Response redriven = asAdmin().post("/api/v1/dead-letters/redrive?run=" + run);
        assertEquals(200, redriven.statusCode(), redriven.asString());
        assertEquals(Map.of("runId", run, "records", 1), redriven.jsonPath().getMap(""));
        // mapping-service consumes the chunk again: its run is staging with that one chunk.
        awaitTrue(
                Duration.ofSeconds(60),
                () -> asOperator().get("/api/v1/mapping-runs/" + run).statusCode() == 200);
        JsonPath staged = asOperator().get("/api/v1/mapping-runs/" + run).jsonPath();
        assertEquals(1, staged.getInt("chunks.total"));
        assertEquals(1, staged.getInt("counts.read"));
    }

    @Test
    void aRedriveNamesTheRunItNeeds() {
        assertProblem(
                asAdmin().post("/api/v1/dead-letters/redrive"),
                400,
                "validation-failed",
                "Validation failed",
                "run must not be blank",
                "/api/v1/dead-letters/redrive",
                List.of(io.erplink.testsupport.Problems.field("run", "must not be blank")));
    }

    private static void deadLetter(String run, byte[] value, String reason) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, PostgresKafkaTestResource.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.BATCH_RECORDS_DLQ, run, value);
            record.headers().add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
    }

    /** Polls until the condition holds (mapping-service's tests do without Awaitility). */
    private static void awaitTrue(Duration limit, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit);
            }
            Thread.sleep(200);
        }
    }
}
