package io.erplink.e2e;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 14's exports: a shipped {@code bc-export-*} activity, enabled as an operator enables it (its job's
 * mappings, no keys configured: the entity key comes from the BC service's $metadata, the commerce key from
 * the table's primary key), writes exactly the commerce rows to the BC simulator: new customers created and
 * their BC number written back, known customers changed with If-Match, a stale ETag read again, a POST whose
 * answer was lost looked up and not sent twice.
 */
@ExtendWith(SuiteExtension.class)
class BcExportTest {
    static final String ACTIVITY = "bc-export-accessusers-customers";
    static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);
    /** The DynamicwebCustomerCard fields seed 004's customer export maps. */
    static final List<String> MAPPED = List.of(
            "Address",
            "Address_2",
            "City",
            "Country_Region_Code",
            "Currency_Code",
            "E_Mail",
            "No",
            "Fax_No",
            "MobilePhoneNo",
            "Name",
            "Phone_No",
            "Post_Code");

    @BeforeEach
    @AfterEach
    void cleanSimulator() throws Exception {
        Suite suite = SuiteExtension.suite();
        BcSimulator.reset(suite);
        given().baseUri(suite.batch().url())
                .post("/api/v1/activities/" + ACTIVITY + "/disable")
                .then()
                .statusCode(200);
    }

    @Test
    void theEnabledShippedCustomersExportWritesExactlyTheCommerceCustomersToBusinessCentral() throws Exception {
        Suite suite = SuiteExtension.suite();
        List<Map<String, String>> before = BcSimulator.rows(suite, "DynamicwebCustomerCard");
        assertEquals(Suite.BC_CUSTOMERS, before.size());
        String knownA = before.get(0).get("No");
        String knownB = before.get(1).get("No");
        // two customers created in the shop (no external id yet), two the shop knows from BC, changed there
        Map<String, Map<String, String>> users = new LinkedHashMap<>();
        users.put("910001", customer("", "Web Shop Customer One", "Aarhus", "one@example.com", "8000"));
        users.put("910002", customer("", "Web Shop Customer Two", "Odense", "two@example.com", "5000"));
        users.put("910003", customer(knownA, "Renamed In The Shop", "Vejle", "a@example.com", "7100"));
        users.put("910004", customer(knownB, "Moved In The Shop", "Esbjerg", "b@example.com", "6700"));
        try (Connection db = suite.db()) {
            try (Statement s = db.createStatement()) {
                s.execute("delete from commerce.accessuser");
            }
            try (PreparedStatement insert = db.prepareStatement(
                    "insert into commerce.accessuser (accessuserid, accessuserexternalid, accessusername, accessusercity,"
                            + " accessuseremail, accessuserzip) values (?, ?, ?, ?, ?, ?)")) {
                for (Map.Entry<String, Map<String, String>> user : users.entrySet()) {
                    Map<String, String> u = user.getValue();
                    insert.setLong(1, Long.parseLong(user.getKey()));
                    insert.setString(2, u.get("externalId"));
                    insert.setString(3, u.get("Name"));
                    insert.setString(4, u.get("City"));
                    insert.setString(5, u.get("E_Mail"));
                    insert.setString(6, u.get("Post_Code"));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        // BC as it is: the first PATCH finds the row changed by another user (stale If-Match), the first
        // POST's answer is lost after BC created the row
        BcSimulator.faults(
                suite, "{\"entitySets\":[\"DynamicwebCustomerCard\"],\"concurrentEdits\":1,\"lostPostAnswers\":1}");
        BcSimulator.clearStats(suite);

        Instant enabledAt = Instant.now();
        given().baseUri(suite.batch().url())
                .post("/api/v1/activities/" + ACTIVITY + "/enable")
                .then()
                .statusCode(200);
        // enabled, the activity is due at once (its schedule's latest slot has not fired): the scheduler runs it
        UUID run = scheduledRun(suite, enabledAt);
        JsonPath done = Batch.awaitCompleted(() -> suite.batch().url(), run, RUN_TIMEOUT);

        // each row read by both table mappings: the "new" one (external id empty) or the "known" one writes it
        assertEquals(2L * users.size(), done.getLong("progress.rowsRead"), "rows read");
        assertEquals(2, done.getLong("progress.rowsInserted"), "customers created");
        assertEquals(2, done.getLong("progress.rowsUpdated"), "customers changed");
        assertEquals(users.size(), done.getLong("progress.rowsSkipped"), "rows the other mapping's conditional skips");
        assertEquals(0, done.getLong("progress.rowsFailed"), "rows failed: " + done.getList("errors"));

        Map<String, Map<String, String>> expected = new TreeMap<>();
        for (Map<String, String> row : before) {
            expected.put(row.get("No"), written(row));
        }
        for (Map.Entry<String, Map<String, String>> user : users.entrySet()) {
            Map<String, String> u = user.getValue();
            String no = u.get("externalId").isEmpty() ? user.getKey() : u.get("externalId");
            // every mapped field: what the shop holds, blank where it holds nothing
            Map<String, String> row = new TreeMap<>();
            for (String field : MAPPED) {
                row.put(field, u.getOrDefault(field, ""));
            }
            row.put("No", no);
            expected.put(no, row);
        }
        Map<String, Map<String, String>> actual = new TreeMap<>();
        for (Map<String, String> row : BcSimulator.rows(suite, "DynamicwebCustomerCard")) {
            actual.put(row.get("No"), written(row));
        }
        assertEquals(expected, actual, "the BC customers: the two new ones once, the two known ones changed");

        // the new customers' BC numbers written back into the shop (the response mapping)
        assertEquals(
                Map.of(
                        "910001",
                        List.of("910001"),
                        "910002",
                        List.of("910002"),
                        "910003",
                        List.of(knownA),
                        "910004",
                        List.of(knownB)),
                BcImportTest.query(suite, "select accessuserid::text, accessuserexternalid from commerce.accessuser"));

        JsonNode requests = BcSimulator.stats(suite).path("requests").path("DynamicwebCustomerCard");
        assertEquals(1, requests.path("409").asLong(), "one stale If-Match, read again: " + requests);
        assertEquals(0, requests.path("400").asLong(), "no POST repeated into a duplicate key: " + requests);
        assertEquals(0, requests.path("412").asLong(), "no PATCH without a current ETag: " + requests);
    }

    /** The run the scheduler created for the activity after {@code since}. */
    private static UUID scheduledRun(Suite suite, Instant since) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            List<Map<String, Object>> runs = given().baseUri(suite.batch().url())
                    .get("/api/v1/activities/" + ACTIVITY + "/runs")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("items");
            for (Map<String, Object> r : runs) {
                if ("SCHEDULE".equals(r.get("trigger"))
                        && Instant.parse((String) r.get("createdAt")).isAfter(since)) {
                    return UUID.fromString((String) r.get("id"));
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no scheduled run of " + ACTIVITY + " within 60 s of enabling it");
    }

    private static Map<String, String> customer(
            String externalId, String name, String city, String email, String postCode) {
        return Map.of("externalId", externalId, "Name", name, "City", city, "E_Mail", email, "Post_Code", postCode);
    }

    /** The fields the export writes (and the key), as BC holds them. */
    private static Map<String, String> written(Map<String, String> row) {
        Map<String, String> fields = new TreeMap<>();
        for (String field : MAPPED) {
            fields.put(field, row.get(field));
        }
        return fields;
    }
}
