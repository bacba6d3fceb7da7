package io.erplink.batch.runs;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import io.erplink.testsupport.OperatorJwtTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.erplink.testsupport.OperatorJwtTestResource.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** GET /api/v1/runs across activities, filtered by status, activity and creation time; an activity's last run. */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = OperatorJwtTestResource.class, restrictToAnnotatedClass = true)
class RunListTest {
    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    static final UUID UNITS_OLD_OK = UUID.fromString("00000000-0000-0000-0000-000000000001");
    static final UUID UNITS_FAILED = UUID.fromString("00000000-0000-0000-0000-000000000002");
    static final UUID CURRENCIES_FAILED = UUID.fromString("00000000-0000-0000-0000-000000000003");
    static final UUID CURRENCIES_STOPPED = UUID.fromString("00000000-0000-0000-0000-000000000004");

    @BeforeAll
    static void finishedRuns() throws Exception {
        insert(UNITS_OLD_OK, "import-units", "COMPLETED", T0, null);
        insert(UNITS_FAILED, "import-units", "FAILED", T0.plus(1, ChronoUnit.HOURS), "ERP_UNAVAILABLE");
        insert(CURRENCIES_FAILED, "import-currencies", "FAILED", T0.plus(2, ChronoUnit.HOURS), "MAPPING_FAILED");
        insert(CURRENCIES_STOPPED, "import-currencies", "STOPPED", T0.plus(3, ChronoUnit.HOURS), null);
    }

    static void insert(UUID id, String activity, String status, Instant created, String exitCode) throws Exception {
        Runs.execute(
                "insert into run (id, activity_id, activity_name, kind, trigger, status, phase, exit_code, created_at,"
                        + " ended_at) select ?, id, name, 'IMPORT', 'MANUAL', ?, 'DONE', ?, ?, ? from activity where"
                        + " name = ?",
                id,
                status,
                exitCode,
                java.sql.Timestamp.from(created),
                java.sql.Timestamp.from(created.plusSeconds(60)),
                activity);
    }

    static List<String> ids(String query) {
        JsonPath page = asOperator()
                .get("/api/v1/runs" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(page.getList("items").size(), Math.min(page.getInt("total"), page.getInt("size")));
        return page.getList("items.id", String.class);
    }

    @Test
    void listsRunsOfEveryActivityNewestFirst() {
        assertEquals(
                List.of(CURRENCIES_STOPPED, CURRENCIES_FAILED, UNITS_FAILED, UNITS_OLD_OK).stream()
                        .map(UUID::toString)
                        .toList(),
                ids(""));
    }

    @Test
    void filtersByStatusAcrossActivities() {
        assertEquals(List.of(CURRENCIES_FAILED.toString(), UNITS_FAILED.toString()), ids("?status=FAILED"));
    }

    @Test
    void filtersByActivityAndTimeTogether() {
        assertEquals(
                List.of(UNITS_FAILED.toString()),
                ids("?activity=import-units&from=2026-11-01T10:30:00Z&to=2026-11-01T12:00:00Z"));
        assertEquals(List.of(UNITS_OLD_OK.toString()), ids("?activity=import-units&to=2026-11-01T10:30:00Z"));
    }

    @Test
    void pagesTheListWithTheTotal() {
        JsonPath page = asOperator()
                .get("/api/v1/runs?size=3&page=1")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(4, page.getInt("total"));
        assertEquals(List.of(UNITS_OLD_OK.toString()), page.getList("items.id", String.class));
    }

    @Test
    void refusesAnUnknownStatusOrTimeByName() {
        asOperator()
                .get("/api/v1/runs?status=DONE")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("status"))
                .body(
                        "errors[0].message",
                        org.hamcrest.Matchers.equalTo(
                                "not one of [STARTING, STARTED, COMPLETED, FAILED, STOPPED, ABANDONED]: DONE"));
        asOperator()
                .get("/api/v1/runs?from=yesterday")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("from"))
                .body("errors[0].message", org.hamcrest.Matchers.startsWith("not an ISO-8601 instant"));
    }

    @Test
    void activityShowsItsLastRun() {
        JsonPath activity = asOperator()
                .get("/api/v1/activities/import-units")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(UNITS_FAILED.toString(), activity.getString("lastRun.id"));
        assertEquals("FAILED", activity.getString("lastRun.status"));
        assertEquals("ERP_UNAVAILABLE", activity.getString("lastRun.exitCode"));
        JsonPath list = asOperator()
                .get("/api/v1/activities")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("STOPPED", list.getString("find { it.name == 'import-currencies' }.lastRun.status"));
        assertNull((Object) list.get("find { it.name == 'import-languages' }.lastRun"));
    }
}
