package io.erplink.batch.runs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

import io.erplink.batch.BcSimulatorTestResource;
import io.erplink.batch.RecordsTap;
import io.erplink.batch.odata.DeltaValues;
import io.erplink.protocol.events.RecordChunk;
import io.erplink.testsupport.BcClient;
import io.erplink.testsupport.OperatorJwtTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.erplink.testsupport.OperatorJwtTestResource.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OData v4 imports against the erp-simulator's Business Central service (250 items at 100 rows per
 * page: 3 pages; 200 contacts), through OAuth client credentials, into the real Kafka broker. The
 * expected rows are read from the simulator directly, so every assertion is exact. ActivityFollowsJobTest
 * has the same profile and test resources: the two share one Quarkus build, start and simulator.
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
class ODataImportTest {
    static final int ITEMS = 250;
    static final int PAGES = 3;
    static final Path LOG = Path.of("target", "odata-import-test.log");
    static final List<String> ITEM_COLUMNS = List.of("No", "Description", "Unit_Price", "Inventory", "Blocked", "GTIN");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Numbers as their exact decimal text, as the service passes them on. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    @Inject
    CircuitBreakerMaintenance breakers;

    /** The service's log goes to a file too, so the test can read what it logged. */
    public static class LogToFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.log.file.enabled", "true",
                    "quarkus.log.file.path", LOG.toString(),
                    "quarkus.log.category.\"io.erplink\".level", "DEBUG",
                    "quarkus.log.category.\"io.quarkus.oidc\".level", "DEBUG");
        }
    }

    @BeforeEach
    void cleanSimulator() throws Exception {
        breakers.resetAll();
        admin("DELETE", "/admin/bc/faults", null);
        admin("DELETE", "/admin/bc/changes", null);
        admin("DELETE", "/admin/bc/stats", null);
    }

    @Test
    void itemsAreImportedPageByPageWithExactlyTheRowsTheServiceHas() throws Exception {
        itemsActivity("odata-items", BcSimulatorTestResource.ENDPOINT, 300, true);
        UUID run = Runs.runNow("odata-items");
        JsonPath sealed = Runs.awaitSealed(run, Duration.ofSeconds(90));
        assertEquals(PAGES, sealed.getInt("progress.pagesFetched"));
        assertEquals(ITEMS, sealed.getLong("progress.rowsRead"));

        RecordsTap.Published published = RecordsTap.read(run, Duration.ofSeconds(30));
        PagedImportTest.assertSequencedOnce(published, ITEMS);
        assertTrue(published.sealed().fullImport(), "the first run reads everything");
        assertEquals("bc-import-items", published.sealed().job());
        List<Map<String, String>> expected = direct(
                "DynamicwebItemCard",
                "$select=No,Description,Unit_Price,Inventory,Blocked,GTIN,AssemblyBOM,SystemModifiedAt");
        assertEquals(ITEMS, expected.size());
        assertEquals(expected, rows(published, "DynamicwebItemCard"));
        // each committed page recorded the link to the next one; the last has none
        assertEquals(PAGES - 1, Runs.scalar("select count(next_link) from run_page where run_id = ?", run));
        assertEquals(0, Runs.scalar("select count(next_link) from run where id = ?", run));
    }

    @Test
    void aRunResumedAfterItsWorkerDiedContinuesFromTheRecordedNextLinkWithExactCounts() throws Exception {
        itemsActivity("odata-items-crash", BcSimulatorTestResource.ENDPOINT, 300, true);
        faults("{\"latencyMs\":1500}");
        UUID run = Runs.runNow("odata-items-crash");
        Runs.await(run, Duration.ofSeconds(60), json -> json.getInt("progress.lastCommittedPage") >= 1);
        // the worker "dies" (kill -9): its lease is gone as if it had expired without heartbeats
        assertEquals(
                1,
                Runs.execute(
                        "update run set lease_owner = 'dead-worker/1#x', lease_until = now() - interval '1 second'"
                                + " where id = ? and status = 'STARTED' and phase = 'FETCHING'",
                        run));
        long committed = Runs.scalar("select last_committed_page from run where id = ?", run);
        assertTrue(committed >= 1 && committed < PAGES, "died mid-run after " + committed + " page(s)");
        admin("DELETE", "/admin/bc/faults", null);
        JsonPath sealed = Runs.awaitSealed(run, Duration.ofSeconds(90));

        assertEquals(2, sealed.getInt("attempt"));
        assertEquals(PAGES, sealed.getInt("progress.pagesFetched"), "every page committed exactly once");
        assertEquals(ITEMS, sealed.getLong("progress.rowsRead"));
        assertTrue(
                sealed.getList("errors.message", String.class).stream()
                        .anyMatch(m -> m.contains("dead-worker") && m.contains("resumed from page " + (committed + 1))),
                "lease takeover recorded");
        RecordsTap.Published published = RecordsTap.read(run, Duration.ofSeconds(30));
        PagedImportTest.assertSequencedOnce(published, ITEMS);
        List<String> numbers = rows(published, "DynamicwebItemCard").stream()
                .map(r -> r.get("No"))
                .toList();
        assertEquals(ITEMS, new LinkedHashSet<>(numbers).size(), "no row lost, none twice");
    }

    @Test
    void aDeltaRunReadsExactlyTheRowsModifiedSinceTheWatermark() throws Exception {
        itemsActivity("odata-items-delta", BcSimulatorTestResource.ENDPOINT, 0, true);
        UUID first = Runs.runNow("odata-items-delta");
        Runs.awaitSealed(first, Duration.ofSeconds(90));
        List<Map<String, String>> all = rows(RecordsTap.read(first, Duration.ofSeconds(30)), "DynamicwebItemCard");
        String watermark = all.stream()
                .map(r -> r.get("SystemModifiedAt"))
                .reduce(DeltaValues::max)
                .orElseThrow();
        PagedImportTest.sendRunResult(first, "MERGED", ITEMS);
        Runs.await(first, Duration.ofSeconds(30), json -> "COMPLETED".equals(json.getString("status")));
        assertEquals(watermark, activityWatermark("odata-items-delta"), "the ERP's largest SystemModifiedAt");

        List<String> modified = List.of(
                all.get(7).get("No"), all.get(120).get("No"), all.get(249).get("No"));
        for (String no : modified) {
            admin(
                    "POST",
                    "/admin/bc/sets/DynamicwebItemCard/modify",
                    "{\"keys\":[{\"No\":\"" + no + "\"}],\"values\":{\"Description\":\"Changed " + no + "\"}}");
        }
        UUID second = Runs.runNow("odata-items-delta");
        Runs.awaitSealed(second, Duration.ofSeconds(90));
        RecordsTap.Published delta = RecordsTap.read(second, Duration.ofSeconds(30));
        assertFalse(delta.sealed().fullImport(), "a delta run does not carry the full source");
        // ge the watermark: the modified rows, and the row(s) modified at the watermark itself (read again, harmless)
        Set<String> expected = new LinkedHashSet<>(modified);
        all.stream().filter(r -> r.get("SystemModifiedAt").equals(watermark)).forEach(r -> expected.add(r.get("No")));
        List<Map<String, String>> changed = rows(delta, "DynamicwebItemCard");
        assertEquals(expected, changed.stream().map(r -> r.get("No")).collect(Collectors.toSet()));
        assertEquals(expected.size(), changed.size());
        for (Map<String, String> row : changed) {
            if (modified.contains(row.get("No"))) {
                assertEquals("Changed " + row.get("No"), row.get("Description"));
            }
        }
        PagedImportTest.sendRunResult(second, "MERGED", changed.size());
        Runs.await(second, Duration.ofSeconds(30), json -> "COMPLETED".equals(json.getString("status")));
        String newWatermark = changed.stream()
                .map(r -> r.get("SystemModifiedAt"))
                .reduce(DeltaValues::max)
                .orElseThrow();
        assertEquals(newWatermark, activityWatermark("odata-items-delta"));
        assertTrue(DeltaValues.ORDER.compare(newWatermark, watermark) > 0);
    }

    @Test
    void pushdownOnAndOffPublishTheSameRowsThatTheConditionalsKeep() throws Exception {
        List<List<Map<String, String>>> conditions = List.of(List.of(
                Map.of("column", "Salesperson_Code", "operator", "DifferentFrom", "value", ""),
                Map.of("column", "Type", "operator", "EqualTo", "value", "Person")));
        for (boolean pushdown : new boolean[] {true, false}) {
            Map<String, Object> body =
                    activity("odata-contacts-" + pushdown, BcSimulatorTestResource.ENDPOINT, "bc-import-contacts");
            body.put(
                    "odata",
                    Map.of(
                            "entitySet",
                            "DynamicwebContactCard",
                            "pushdown",
                            pushdown,
                            "columns",
                            List.of("No", "Name", "Salesperson_Code", "E_Mail"),
                            "conditions",
                            conditions));
            Runs.createActivity(body);
        }
        UUID on = Runs.runNow("odata-contacts-true");
        UUID off = Runs.runNow("odata-contacts-false");
        Runs.awaitSealed(on, Duration.ofSeconds(90));
        Runs.awaitSealed(off, Duration.ofSeconds(90));
        List<Map<String, String>> pushed = rows(RecordsTap.read(on, Duration.ofSeconds(30)), "DynamicwebContactCard");
        List<Map<String, String>> everything =
                rows(RecordsTap.read(off, Duration.ofSeconds(30)), "DynamicwebContactCard");
        assertEquals(200, everything.size());
        assertTrue(everything.stream().anyMatch(r -> r.get("Type").equals("Company")), "option captions, decoded");
        List<Map<String, String>> kept = everything.stream()
                .filter(r ->
                        !r.get("Salesperson_Code").isEmpty() && r.get("Type").equals("Person"))
                .toList();
        assertEquals(kept, pushed);
        assertTrue(pushed.size() < everything.size() && !pushed.isEmpty(), pushed.size() + " of " + everything.size());
    }

    @Test
    void errorAnswersFailTheRunWithANamedErrorAndCommitNothing() throws Exception {
        itemsActivity("odata-items-html", BcSimulatorTestResource.ENDPOINT, 300, true);
        faults("{\"htmlError\":{\"rate\":1.0,\"status\":200}}");
        JsonPath html = awaitFailed(Runs.runNow("odata-items-html"));
        assertEquals("ERP_MALFORMED_RESPONSE", html.getString("exitCode"));
        assertTrue(html.getString("exitMessage").contains("text/html"), html.getString("exitMessage"));
        assertEquals(0, html.getInt("progress.pagesFetched"));

        faults("{\"errorRate\":1.0}");
        JsonPath failed = awaitFailed(Runs.runNow("odata-items-html"));
        assertEquals("ERP_FAILED", failed.getString("exitCode"));
        assertTrue(
                failed.getString("exitMessage").contains("HTTP 500 Internal_ServerError: "),
                failed.getString("exitMessage"));
        assertEquals(0, failed.getInt("progress.pagesFetched"));
    }

    @Test
    void aTruncatedPageIsFetchedAgainNeverCommittedHalf() throws Exception {
        itemsActivity("odata-items-cut", BcSimulatorTestResource.ENDPOINT, 300, true);
        faults("{\"truncate\":{\"rate\":1.0,\"afterBytes\":3000}}");
        UUID run = Runs.runNow("odata-items-cut");
        JsonPath waiting = Runs.await(run, Duration.ofSeconds(60), json -> json.getString("waitingSince") != null);
        assertEquals(0, waiting.getInt("progress.pagesFetched"));
        // the first wait names the truncation; repeated truncations then open the endpoint's breaker,
        // and the poll may see either
        String why = waiting.getString("exitMessage");
        assertTrue(why.contains("truncated") || why.contains("circuit breaker is open"), why);
        admin("DELETE", "/admin/bc/faults", null);
        JsonPath sealed = Runs.awaitSealed(run, Duration.ofSeconds(90));
        assertEquals(PAGES, sealed.getInt("progress.pagesFetched"));
        RecordsTap.Published published = RecordsTap.read(run, Duration.ofSeconds(30));
        PagedImportTest.assertSequencedOnce(published, ITEMS);
    }

    @Test
    void aCompanyNameWithQuoteAmpersandCommaPercentSlashAndAccentIsAddressedCorrectly() throws Exception {
        itemsActivity("odata-items-obrien", BcSimulatorTestResource.OBRIEN, 300, true);
        UUID run = Runs.runNow("odata-items-obrien");
        JsonPath sealed = Runs.awaitSealed(run, Duration.ofSeconds(90));
        assertEquals(ITEMS, sealed.getLong("progress.rowsRead"));
        JsonNode stats = JSON.readTree(admin("GET", "/admin/bc/stats", null));
        assertEquals(
                PAGES,
                stats.path("requests").path("DynamicwebItemCard").path("200").asLong(),
                stats.toString());
    }

    @Test
    void theOAuthTokenIsReusedAcrossPagesAndTheSecretIsNeverLogged() throws Exception {
        itemsActivity("odata-items-token", BcSimulatorTestResource.ENDPOINT, 300, true);
        // whatever token the service holds is now expired at the server: the next call gets a 401 and one new token
        admin("POST", "/admin/bc/tokens/expire", null);
        admin("DELETE", "/admin/bc/stats", null);
        UUID run = Runs.runNow("odata-items-token");
        Runs.awaitSealed(run, Duration.ofSeconds(90));
        JsonNode stats = JSON.readTree(admin("GET", "/admin/bc/stats", null));
        assertEquals(1, stats.path("tokenRequests").asLong(), stats.toString());
        assertEquals(
                PAGES,
                stats.path("requests").path("DynamicwebItemCard").path("200").asLong(),
                stats.toString());

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.isRegularFile(LOG));
        String log = Files.readString(LOG);
        assertTrue(log.contains("OData DynamicwebItemCard on endpoint bc"), "the log file holds the service's log");
        assertFalse(log.contains(BcSimulatorTestResource.clientSecret()), "the client secret appears in the log");
    }

    @Test
    void throttlingTimeoutsAndGatewayTimeoutsAreWaitedOutWithNothingCommittedMeanwhile() throws Exception {
        Map<String, String> faults = new LinkedHashMap<>();
        faults.put("{\"throttle429\":{\"rate\":1.0,\"retryAfterSeconds\":1}}", "HTTP 429 Application_TooManyRequests");
        faults.put("{\"throttle429\":{\"rate\":1.0,\"retryAfterSeconds\":0}}", "HTTP 429 Application_TooManyRequests");
        faults.put("{\"timeout408\":{\"rate\":1.0,\"delayMs\":400}}", "HTTP 408");
        faults.put("{\"gatewayTimeout504Rate\":1.0}", "HTTP 504");
        int n = 0;
        for (Map.Entry<String, String> fault : faults.entrySet()) {
            String activity = "odata-items-wait-" + (++n);
            itemsActivity(activity, BcSimulatorTestResource.ENDPOINT, 300, true);
            breakers.resetAll();
            admin("DELETE", "/admin/bc/stats", null);
            faults(fault.getKey());
            UUID run = Runs.runNow(activity);
            JsonPath waiting = Runs.await(run, Duration.ofSeconds(60), json -> json.getString("waitingSince") != null);
            String why = waiting.getString("exitMessage");
            // the first waits name the answer; the retries then open the endpoint's breaker, which a poll may see
            assertTrue(why.contains(fault.getValue()) || why.contains("circuit breaker is open"), fault + ": " + why);
            assertEquals(0, waiting.getInt("progress.pagesFetched"), fault.getKey());
            assertEquals(0, Runs.scalar("select count(*) from run_page where run_id = ?", run), fault.getKey());
            JsonNode stats = JSON.readTree(admin("GET", "/admin/bc/stats", null));
            assertEquals(
                    0,
                    stats.path("requests")
                            .path("DynamicwebItemCard")
                            .path("200")
                            .asLong(),
                    stats.toString());

            admin("DELETE", "/admin/bc/faults", null);
            JsonPath sealed = Runs.awaitSealed(run, Duration.ofSeconds(90));
            assertEquals(PAGES, sealed.getInt("progress.pagesFetched"), fault.getKey());
            PagedImportTest.assertSequencedOnce(RecordsTap.read(run, Duration.ofSeconds(30)), ITEMS);
        }
    }

    @Test
    void basicAuthenticationReadsEveryRowAsOAuthDoes() throws Exception {
        itemsActivity("odata-items-basic", BcSimulatorTestResource.BASIC, 300, true);
        UUID run = Runs.runNow("odata-items-basic");
        JsonPath sealed = Runs.awaitSealed(run, Duration.ofSeconds(90));
        assertEquals(PAGES, sealed.getInt("progress.pagesFetched"));
        // read before the test's own direct read below, which takes an OAuth token
        JsonNode stats = JSON.readTree(admin("GET", "/admin/bc/stats", null));
        assertEquals(0, stats.path("tokenRequests").asLong(), "Basic needs no token: " + stats);
        assertEquals(
                PAGES,
                stats.path("requests").path("DynamicwebItemCard").path("200").asLong(),
                stats.toString());
        List<Map<String, String>> expected = direct(
                "DynamicwebItemCard",
                "$select=No,Description,Unit_Price,Inventory,Blocked,GTIN,AssemblyBOM,SystemModifiedAt");
        assertEquals(expected, rows(RecordsTap.read(run, Duration.ofSeconds(30)), "DynamicwebItemCard"));
    }

    @Test
    void aFilterValueWithQuotesIsALiteralPushedDownOrNot() throws Exception {
        List<Map<String, String>> contacts = direct("DynamicwebContactCard", "$select=No");
        String obrien = contacts.get(5).get("No");
        admin(
                "POST",
                "/admin/bc/sets/DynamicwebContactCard/modify",
                "{\"keys\":[{\"No\":\"" + obrien + "\"}],\"values\":{\"Name\":\"O'Brien & Sons\"}}");
        Map<String, List<String>> published = new LinkedHashMap<>();
        for (String value : List.of("O'Brien & Sons", "x' or 1 eq 1 or Name eq '")) {
            for (boolean pushdown : new boolean[] {true, false}) {
                String name = "odata-contacts-quote-" + published.size();
                Map<String, Object> body = activity(name, BcSimulatorTestResource.ENDPOINT, "bc-import-contacts");
                body.put(
                        "odata",
                        Map.of(
                                "entitySet",
                                "DynamicwebContactCard",
                                "pushdown",
                                pushdown,
                                "columns",
                                List.of("No", "Name"),
                                "conditions",
                                List.of(List.of(Map.of("column", "Name", "operator", "EqualTo", "value", value)))));
                Runs.createActivity(body);
                UUID run = Runs.runNow(name);
                Runs.awaitSealed(run, Duration.ofSeconds(90));
                // what mapping-service keeps of the published rows: the conditional applied again
                published.put(
                        value + " pushdown " + pushdown,
                        rows(RecordsTap.read(run, Duration.ofSeconds(30)), "DynamicwebContactCard").stream()
                                .filter(r -> r.get("Name").equals(value))
                                .map(r -> r.get("No"))
                                .toList());
                if (pushdown) {
                    // pushed down, the server sent exactly the matching rows: the quote stayed inside the literal
                    assertEquals(
                            value.startsWith("O'") ? 1 : 0,
                            rows(RecordsTap.read(run, Duration.ofSeconds(30)), "DynamicwebContactCard")
                                    .size(),
                            value);
                }
            }
        }
        assertEquals(List.of(obrien), published.get("O'Brien & Sons pushdown true"));
        assertEquals(List.of(obrien), published.get("O'Brien & Sons pushdown false"));
        assertEquals(List.of(), published.get("x' or 1 eq 1 or Name eq ' pushdown true"));
        assertEquals(List.of(), published.get("x' or 1 eq 1 or Name eq ' pushdown false"));
    }

    // ---- helpers ----

    static Map<String, Object> activity(String name, String endpoint, String job) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", "IMPORT_WITH_PAGING");
        body.put("endpoint", endpoint);
        body.put("mappingJob", job);
        body.put("timeoutSeconds", 300);
        return body;
    }

    private static void itemsActivity(String name, String endpoint, int overlapSeconds, boolean pushdown) {
        Map<String, Object> body = activity(name, endpoint, "bc-import-items");
        body.put(
                "odata",
                Map.of(
                        "entitySet", "DynamicwebItemCard",
                        "overlapSeconds", overlapSeconds,
                        "pushdown", pushdown,
                        "columns", ITEM_COLUMNS,
                        "conditions",
                                List.of(
                                        List.of(Map.of(
                                                "column", "AssemblyBOM", "operator", "EqualTo", "value", "True")),
                                        List.of(Map.of(
                                                "column", "AssemblyBOM", "operator", "EqualTo", "value", "False")))));
        Runs.createActivity(body);
    }

    private static JsonPath awaitFailed(UUID run) {
        JsonPath[] last = new JsonPath[1];
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    last[0] = Runs.get(run);
                    return "FAILED".equals(last[0].getString("status"));
                });
        return last[0];
    }

    private static String activityWatermark(String activity) {
        return asOperator()
                .get("/api/v1/activities/" + activity)
                .then()
                .statusCode(200)
                .extract()
                .path("odataWatermark");
    }

    /** The rows of one table in the published chunks, in sequence order. */
    static List<Map<String, String>> rows(RecordsTap.Published published, String table) {
        Map<Long, RecordChunk> bySequence = new java.util.TreeMap<>();
        published.chunks().forEach(c -> bySequence.putIfAbsent(c.sequence(), c));
        List<Map<String, String>> rows = new ArrayList<>();
        for (RecordChunk chunk : bySequence.values()) {
            chunk.rows().forEach(r -> {
                assertEquals(table, r.table());
                rows.add(new LinkedHashMap<>(r.columns()));
            });
        }
        return rows;
    }

    /** Every row of an entity set read from the simulator directly (its own token, its own paging). */
    private static List<Map<String, String>> direct(String entitySet, String query) throws Exception {
        BcClient bc = BcSimulatorTestResource.client();
        String bearer = bc.bearer();
        String url = bc.entitySetUrl(entitySet) + "?" + query;
        List<Map<String, String>> rows = new ArrayList<>();
        while (url != null) {
            JsonNode json = JSON.readTree(bc.get(url, bearer));
            for (JsonNode row : json.path("value")) {
                Map<String, String> columns = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    if (!field.getKey().contains("@")) {
                        columns.put(
                                field.getKey(),
                                field.getValue().isNull()
                                        ? null
                                        : field.getValue().asText());
                    }
                }
                rows.add(columns);
            }
            url = json.hasNonNull("@odata.nextLink")
                    ? json.get("@odata.nextLink").asText()
                    : null;
        }
        return rows;
    }

    private static void faults(String json) throws Exception {
        admin("PUT", "/admin/bc/faults", json);
    }

    private static String admin(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BcSimulatorTestResource.baseUrl() + path));
        if (json != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(
                response.statusCode() / 100 == 2,
                method + " " + path + ": " + response.statusCode() + " " + response.body());
        return response.body();
    }
}
