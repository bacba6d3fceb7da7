package io.erplink.mapping.runs;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.erplink.mapping.execution.Events;
import io.erplink.mapping.execution.TestJobs;
import io.erplink.mapping.jobs.JobRegistry;
import io.erplink.protocol.events.RecordChunk;
import io.erplink.protocol.events.Topics;
import io.erplink.testsupport.OperatorJwtTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.erplink.mapping.execution.Events.chunk;
import static io.erplink.mapping.execution.Events.row;
import static io.erplink.testsupport.OperatorJwtTestResource.asOperator;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** The mapping-runs API over runs executed for real (chunks through Kafka into PostgreSQL). */
@QuarkusTest
@QuarkusTestResource(PostgresKafkaTestResource.class)
@WithTestResource(OperatorJwtTestResource.class)
class MappingRunResourceTest {
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

    private String job() {
        return TestJobs.save(registry, "runs-api", """
                tableMappings:
                - sourceTable: Products
                  destinationTable: EcomProducts
                  columns:
                  - {source: Id, destination: ProductId}
                  - {source: Lang, destination: ProductLanguageId}
                  - {source: Name, destination: ProductName}
                  - {source: Price, destination: ProductPrice}
                """);
    }

    private static RecordChunk.Row product(long row, String id, String price) {
        return row("Products", row, "Id", id, "Lang", "en", "Name", "Product " + id, "Price", price);
    }

    private static String newRun() {
        return "api-run-" + UUID.randomUUID();
    }

    @Test
    void mergedRunShowsTheMergeCountsAndEveryChunkWithItsRowErrors() throws Exception {
        String job = job();
        String runId = newRun();
        Events.execute("delete from commerce.EcomProducts where ProductId like 'API-M-%'");
        events.run(
                runId,
                job,
                3,
                List.of(
                        List.of(product(1, "API-M-1", "10"), product(2, "API-M-2", "abc")),
                        List.of(product(1, "API-M-3", "5"))));

        asOperator()
                .when()
                .get("/api/v1/mapping-runs/{runId}", runId)
                .then()
                .statusCode(200)
                .body("runId", is(runId))
                .body("job", is(job))
                .body("status", is("MERGED"))
                .body("sealed", is(true))
                .body("fullImport", is(false))
                .body("chunkCount", is(2))
                .body("rowCount", is(3))
                .body("chunksStaged", is(2))
                .body("rowsStaged", is(2))
                .body("counts.read", is(3))
                .body("counts.inserted", is(2))
                .body("counts.updated", is(0))
                .body("counts.unchanged", is(0))
                .body("counts.skipped", is(0))
                .body("counts.failed", is(1))
                .body("counts.removed", is(0))
                .body("message", nullValue())
                .body("createdAt", notNullValue())
                .body("finishedAt", notNullValue())
                .body("chunks.total", is(2))
                .body("chunks.items.sequence", contains(0, 1))
                .body("chunks.items.read", contains(2, 1))
                .body("chunks.items.staged", contains(1, 1))
                .body("chunks.items.failed", contains(1, 0))
                .body("chunks.items[0].errors[0].page", is(1))
                .body("chunks.items[0].errors[0].row", is(2))
                .body("chunks.items[0].errors[0].table", is("Products"))
                .body("chunks.items[0].errors[0].key", containsString("API-M-2"))
                .body("chunks.items[0].errors[0].message", containsString("'abc'"))
                .body("chunks.items[1].errors", empty());

        asOperator()
                .queryParam("chunkPage", 1)
                .queryParam("chunkSize", 1)
                .when()
                .get("/api/v1/mapping-runs/{runId}", runId)
                .then()
                .statusCode(200)
                .body("chunks.page", is(1))
                .body("chunks.size", is(1))
                .body("chunks.total", is(2))
                .body("chunks.items.sequence", contains(1));
    }

    @Test
    void runWaitingForItsSealShowsChunkProgressAndNoMergeFigures() throws Exception {
        String job = job();
        String runId = newRun();
        events.send(runId, chunk(runId, job, 0, List.of(product(1, "API-S-1", "1"), product(2, "API-S-2", "2"))));
        events.await(
                Topics.BATCH_RESULTS,
                e -> runId.equals(e.get("runId")) && e.containsKey("sequence"),
                Duration.ofSeconds(60));

        asOperator()
                .when()
                .get("/api/v1/mapping-runs/{runId}", runId)
                .then()
                .statusCode(200)
                .body("status", is("STAGING"))
                .body("sealed", is(false))
                .body("chunkCount", nullValue())
                .body("rowCount", nullValue())
                .body("chunksStaged", is(1))
                .body("rowsStaged", is(2))
                .body("counts.read", is(2))
                .body("counts.inserted", nullValue())
                .body("counts.removed", nullValue())
                .body("finishedAt", nullValue())
                .body("chunks.items.sequence", contains(0));
    }

    @Test
    void listFiltersByJobAndStatusNewestFirstAndPages() throws Exception {
        String job = job();
        String first = newRun();
        String second = newRun();
        String failed = newRun();
        events.run(first, job, 1, List.of(List.of(product(1, "API-L-1", "1"))));
        events.run(second, job, 1, List.of(List.of(product(1, "API-L-2", "2"))));
        events.run(failed, job, 5, List.of(List.of(product(1, "API-L-3", "3")))); // sealed with a wrong row count

        asOperator()
                .queryParam("job", job)
                .when()
                .get("/api/v1/mapping-runs")
                .then()
                .statusCode(200)
                .body("total", is(3))
                .body("page", is(0))
                .body("size", is(50))
                .body("items.runId", contains(failed, second, first))
                .body("items.status", contains("FAILED", "MERGED", "MERGED"))
                .body("items[0]", not(hasKey("chunks")));

        asOperator()
                .queryParam("job", job)
                .queryParam("status", "failed")
                .when()
                .get("/api/v1/mapping-runs")
                .then()
                .statusCode(200)
                .body("total", is(1))
                .body("items.runId", contains(failed))
                .body("items[0].message", containsString("sealed with 5 rows but its chunks carried 1"))
                .body("items[0].counts.inserted", is(0));

        asOperator()
                .queryParam("job", job)
                .queryParam("size", 2)
                .queryParam("page", 1)
                .when()
                .get("/api/v1/mapping-runs")
                .then()
                .statusCode(200)
                .body("total", is(3))
                .body("items.runId", contains(first));
    }

    @Test
    void unknownStatusOrBadPagingIsABadRequestAndAnUnknownRunIsNotFound() {
        asOperator()
                .queryParam("status", "DONE")
                .when()
                .get("/api/v1/mapping-runs")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("status"))
                .body("errors[0].message", is("not one of STAGING, MERGED, FAILED: DONE"));
        asOperator()
                .queryParam("size", 0)
                .when()
                .get("/api/v1/mapping-runs")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("size"))
                .body("errors[0].message", is("must be greater than or equal to 1"));
        asOperator()
                .queryParam("chunkPage", -1)
                .when()
                .get("/api/v1/mapping-runs/{runId}", "whatever")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("chunkPage"))
                .body("errors[0].message", is("must be greater than or equal to 0"));
        asOperator()
                .when()
                .get("/api/v1/mapping-runs/{runId}", "no-such-run")
                .then()
                .statusCode(404)
                .body("detail", is("no mapping run no-such-run"));
    }
}
