package io.erplink.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.erplink.infra.LocalCredentials;
import io.erplink.protocol.signing.RequestSigner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16, hostile inputs: every operation of the four services' OpenAPI documents gets malformed,
 * mistyped, truncated, wrongly typed and oversized bodies, injected path and query values, and forged,
 * expired and foreign JWTs; the HMAC-signed ERP connector gets missing, malformed, wrongly keyed and
 * replayed signatures. Everything travels over the client's default HTTP/2 (h2c upgrade). Every answer must be a named client error (4xx with a body that
 * says what is wrong), never a 5xx or a dropped connection, and every service is ready afterwards. The
 * cases come from the documents, so a new operation is covered the day it is added.
 */
@ExtendWith(SuiteExtension.class)
class HostileInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    // The client's default: HTTP/2, upgraded from HTTP/1.1 (h2c) as a real client does.
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    // The 12 MB bodies alone go over HTTP/1.1: over h2c the JDK client reports the server's stream reset
    // after its early 413 as a dropped connection (seen 2026-12-07 on all four services; to be looked into).
    private static final HttpClient HTTP_1_1 = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** Path and query values an attacker or a broken client sends instead of an identifier. */
    static final List<String> HOSTILE_VALUES = List.of(
            "' OR '1'='1",
            "1; DROP TABLE outbox_event; --",
            "../../../../etc/passwd",
            "%00",
            "<script>alert(1)</script>",
            "${jndi:ldap://127.0.0.1/x}",
            "-1",
            "99999999999999999999",
            "x".repeat(3000),
            "😀ü€");

    /** Bodies no JSON operation may accept. */
    static final Map<String, String> MALFORMED_BODIES = Map.of(
            "truncated JSON", "{\"a\":",
            "not JSON", "this is not json",
            "wrong top-level type", "[1,2,3]",
            "JSON null", "null",
            "nesting 100,000 deep", "[".repeat(100_000) + "]".repeat(100_000));

    @Test
    void everyOperationAnswersHostileInputWithANamedClientErrorAndEveryServiceStaysReady() throws Exception {
        Suite suite = SuiteExtension.suite();
        suite.startOrderServices();
        Map<String, AppProcess> services = new LinkedHashMap<>();
        services.put("live-service", suite.live());
        services.put("batch-service", suite.batch());
        services.put("mapping-service", suite.mapping());
        services.put("order-queue-service", suite.orderQueue());

        List<String> failures = new ArrayList<>();
        Map<String, Integer> sent = new TreeMap<>();
        for (Map.Entry<String, AppProcess> service : services.entrySet()) {
            boolean oversizedSent = false;
            for (Operation op : operations(service.getKey(), service.getValue().url())) {
                int before = failures.size();
                int count = op.attack(failures, !oversizedSent);
                oversizedSent |= op.hasJsonBody();
                sent.merge(service.getKey(), count, Integer::sum);
                if (failures.size() > before + 5) {
                    failures.subList(before + 5, failures.size()).clear();
                }
            }
        }
        failures.addAll(forgedCredentials(suite, services, sent));
        failures.addAll(badSignatures(suite, sent));
        System.out.println("[hostile] requests sent per service: " + sent);

        for (Map.Entry<String, AppProcess> service : services.entrySet()) {
            HttpResponse<String> ready = get(service.getValue().url() + "/q/health/ready");
            if (ready.statusCode() != 200) {
                failures.add(service.getKey() + " not ready afterwards: " + ready.statusCode() + " " + ready.body());
            }
        }
        assertTrue(services.keySet().stream().allMatch(name -> sent.get(name) > 20), "cases per service: " + sent);
        assertEquals(5, sent.get("erp-simulator"), "signature cases");
        assertEquals(List.of(), failures, String.join("\n", failures));
    }

    /**
     * Forged, expired and foreign JWTs (and wrong API keys) on every operation of every API. live-service
     * (an instance that trusts the key the valid and expired tokens are signed with): the 401 problem with
     * the challenge. The operator APIs run without authentication in this suite (no identity provider), so
     * there a token must simply change nothing and never cause a 5xx; their 401s are their ApiAuthTests'.
     */
    private static List<String> forgedCredentials(
            Suite suite, Map<String, AppProcess> services, Map<String, Integer> sent) throws Exception {
        List<String> failures = new ArrayList<>();
        LocalCredentials trusted = new LocalCredentials(Files.createTempDirectory("erplink-hostile-trusted"));
        Map<String, String> keys = trusted.prepare(Instant.now().minus(Duration.ofDays(2)));
        String expired = Files.readString(trusted.customerToken()).strip();
        trusted.prepare(Instant.now()); // the same key pair, fresh tokens
        String valid = Files.readString(trusted.customerToken()).strip();
        LocalCredentials other = new LocalCredentials(Files.createTempDirectory("erplink-hostile-foreign"));
        other.prepare(Instant.now());
        String foreign = Files.readString(other.customerToken()).strip();
        Map<String, Map<String, String>> cases = new LinkedHashMap<>();
        cases.put("an expired JWT", Map.of("Authorization", "Bearer " + expired));
        cases.put("a JWT signed by another key", Map.of("Authorization", "Bearer " + foreign));
        // header.payload.signature with a signature nobody made, and one with alg none
        cases.put(
                "a forged JWT",
                Map.of(
                        "Authorization",
                        "Bearer eyJhbGciOiJSUzI1NiJ9.eyJjdXN0b21lcl9pZCI6IjUwMDAwIiwiZXhwIjo0MTAyNDQ0ODAwfQ.c2lnbmF0dXJl"));
        cases.put(
                "an unsigned JWT (alg none)",
                Map.of("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJjdXN0b21lcl9pZCI6IjUwMDAwIn0."));
        cases.put("a JWT that is no JWT", Map.of("Authorization", "Bearer x.y"));
        cases.put("a wrong API key", Map.of("X-Api-Key", "not-a-key"));
        cases.put(
                "a wrong API key with an expired JWT",
                Map.of("X-Api-Key", "not-a-key", "Authorization", "Bearer " + expired));
        AppProcess live = suite.startLiveInstance("live-service-jwt", keys);
        try {
            int me = send(HttpRequest.newBuilder(URI.create(live.url() + "/api/v1/me"))
                            .header("Authorization", "Bearer " + valid)
                            .build())
                    .statusCode();
            if (me != 200) {
                failures.add("live-service-jwt does not accept a valid token of the trusted key: " + me);
            }
            Map<String, AppProcess> targets = new LinkedHashMap<>(services);
            targets.put("live-service", live);
            for (Map.Entry<String, AppProcess> service : targets.entrySet()) {
                String base = service.getValue().url();
                for (Operation op : operations(service.getKey(), base)) {
                    if (!op.path().startsWith("/api/")) {
                        continue;
                    }
                    for (Map.Entry<String, Map<String, String>> c : cases.entrySet()) {
                        sent.merge(service.getKey(), 1, Integer::sum);
                        HttpResponse<String> answer = op.request(
                                base + fill(op.path(), op.pathParams(), null, null),
                                op.hasJsonBody() ? "{}" : null,
                                "application/json",
                                c.getValue());
                        if (service.getKey().equals("live-service")) {
                            expectUnauthorizedProblem(failures, op, c.getKey(), answer);
                        } else if (answer == null || answer.statusCode() >= 500) {
                            failures.add(op.describe(c.getKey(), answer));
                        }
                    }
                }
            }
            int huge = send(HttpRequest.newBuilder(URI.create(live.url() + "/api/v1/me"))
                            .header("X-Api-Key", "k".repeat(10_000))
                            .build())
                    .statusCode();
            if (huge != 401 && huge != 431 && huge != 400) {
                failures.add("live-service GET /api/v1/me with an API key 10,000 characters long: " + huge);
            }
        } finally {
            live.stop();
        }
        return failures;
    }

    /** The 401 RFC 9457 problem with the storefront's challenge. */
    private static void expectUnauthorizedProblem(
            List<String> failures, Operation op, String what, HttpResponse<String> answer) {
        if (answer == null
                || answer.statusCode() != 401
                || !answer.headers().firstValue("Content-Type").orElse("").equals("application/problem+json")
                || !answer.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer, ApiKey")
                || !answer.body().contains("\"type\":\"urn:erplink:problem:unauthorized\"")) {
            failures.add(op.describe(what + " (expected the 401 problem with the challenge)", answer));
        }
    }

    /**
     * The HMAC-signed entry point, the ERP connector (the simulator verifies as a connector must): a
     * request without signature, with a malformed one, one made with another secret, and a genuine
     * request sent twice: each refused with its named reason (401), the genuine one answered once.
     */
    private static List<String> badSignatures(Suite suite, Map<String, Integer> sent) throws Exception {
        List<String> failures = new ArrayList<>();
        URI connector = URI.create(suite.simulator().url() + "/connector");
        byte[] body = "<GetEcomData><tables><Currencies type=\"all\"/></tables></GetEcomData>"
                .getBytes(StandardCharsets.UTF_8);
        RequestSigner.Signature genuine =
                new RequestSigner(suite.secret().getBytes(StandardCharsets.UTF_8)).signNow(body, Clock.systemUTC());
        RequestSigner.Signature otherSecret = new RequestSigner(
                        "not-the-suites-secret-0123456789".getBytes(StandardCharsets.UTF_8))
                .signNow(body, Clock.systemUTC());
        Map<String, Map<String, String>> cases = new LinkedHashMap<>();
        cases.put("no signature", Map.of());
        cases.put(
                "a malformed signature",
                Map.of(
                        RequestSigner.TIMESTAMP_HEADER, Long.toString(genuine.timestamp()),
                        RequestSigner.NONCE_HEADER, RequestSigner.newNonce(),
                        RequestSigner.SIGNATURE_HEADER, "v2=not-hex"));
        cases.put("a signature made with another secret", otherSecret.headers());
        cases.put("a genuine signed request", genuine.headers());
        cases.put("the same signed request replayed", genuine.headers());
        Map<String, String> expected = Map.of(
                "no signature", "401 signature rejected (MISSING)",
                "a malformed signature", "401 signature rejected (MALFORMED)",
                "a signature made with another secret", "401 signature rejected (MISMATCH)",
                "a genuine signed request", "200 ",
                "the same signed request replayed", "401 signature rejected (REPLAYED)");
        for (Map.Entry<String, Map<String, String>> c : cases.entrySet()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(connector)
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/xml")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            c.getValue().forEach(request::header);
            sent.merge("erp-simulator", 1, Integer::sum);
            HttpResponse<String> answer = send(request.build());
            String want = expected.get(c.getKey());
            String got = answer.statusCode() + " " + answer.body();
            if (!got.startsWith(want)) {
                failures.add("erp-simulator POST /connector with " + c.getKey() + ": " + shortly(got) + ", expected "
                        + want);
            }
        }
        return failures;
    }

    /** Every operation (GET, POST, PUT, PATCH, DELETE) of a service's OpenAPI document. */
    private static List<Operation> operations(String service, String base) throws Exception {
        JsonNode openapi = JSON.readTree(get(base + "/q/openapi?format=json").body());
        List<Operation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = openapi.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> operation = methods.next();
                String method = operation.getKey().toUpperCase(Locale.ROOT);
                if (Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    operations.add(new Operation(service, base, method, path.getKey(), operation.getValue(), openapi));
                }
            }
        }
        return operations;
    }

    private record Operation(String service, String base, String method, String path, JsonNode spec, JsonNode openapi) {
        boolean hasJsonBody() {
            return spec.path("requestBody").path("content").has("application/json");
        }

        /** The names of the parameters {@code in} path or query, as the document lists them. */
        List<String> params(String in) {
            List<String> names = new ArrayList<>();
            for (JsonNode parameter : spec.path("parameters")) {
                JsonNode p =
                        parameter.has("$ref") ? resolve(parameter.path("$ref").asText()) : parameter;
                if (p.path("in").asText().equals(in)) {
                    names.add(p.path("name").asText());
                }
            }
            return names;
        }

        List<String> pathParams() {
            return params("path");
        }

        /** Sends every case of this operation, adds what was answered wrongly; the number of requests. */
        int attack(List<String> failures, boolean oversized) throws Exception {
            int count = 0;
            List<String> pathParams = pathParams();
            List<String> queryParams = params("query");
            String validBody = hasJsonBody() ? "{}" : null;
            // injected identifiers: each path parameter in turn, the others a harmless value
            for (String hostile : HOSTILE_VALUES) {
                for (String param : pathParams) {
                    String url = base + fill(path, pathParams, param, hostile);
                    count++;
                    expectNoServerError(failures, url, validBody, "path " + param + "=" + shortly(hostile));
                }
                for (String param : queryParams) {
                    String url = base + fill(path, pathParams, null, null) + "?" + param + "="
                            + URLEncoder.encode(hostile, StandardCharsets.UTF_8);
                    count++;
                    expectNoServerError(failures, url, validBody, "query " + param + "=" + shortly(hostile));
                }
            }
            if (!hasJsonBody()) {
                return count;
            }
            String url = base + fill(path, pathParams, null, null);
            for (Map.Entry<String, String> body : MALFORMED_BODIES.entrySet()) {
                count++;
                expectClientError(failures, url, body.getValue(), "application/json", body.getKey());
            }
            count++;
            expectClientError(failures, url, "<a/>", "application/xml", "an XML body");
            // every property of the body's schema with a value of the wrong type
            JsonNode schema = spec.path("requestBody")
                    .path("content")
                    .path("application/json")
                    .path("schema");
            schema = schema.has("$ref") ? resolve(schema.path("$ref").asText()) : schema;
            Iterator<Map.Entry<String, JsonNode>> properties =
                    schema.path("properties").fields();
            while (properties.hasNext()) {
                Map.Entry<String, JsonNode> property = properties.next();
                ObjectNode body = JSON.createObjectNode();
                String type = property.getValue().path("type").asText();
                if (type.equals("string")) {
                    body.putObject(property.getKey()).put("nested", true);
                } else {
                    body.put(property.getKey(), "not a " + (type.isEmpty() ? "value" : type));
                }
                count++;
                expectClientError(
                        failures, url, body.toString(), "application/json", "wrong type for " + property.getKey());
            }
            if (oversized) {
                // 12 MB, beyond the services' 10 MB body limit
                String huge = "{\"x\":\"" + "a".repeat(12 * 1024 * 1024) + "\"}";
                count++;
                expectClientError(failures, url, huge, "application/json", "a 12 MB body");
            }
            return count;
        }

        private JsonNode resolve(String ref) {
            JsonNode node = openapi;
            for (String part : ref.substring(2).split("/")) {
                node = node.path(part);
            }
            return node;
        }

        private void expectNoServerError(List<String> failures, String url, String body, String what) {
            HttpResponse<String> response = request(url, body, "application/json");
            if (response == null || response.statusCode() >= 500) {
                failures.add(describe(what, response));
            }
        }

        private void expectClientError(List<String> failures, String url, String body, String type, String what) {
            HttpResponse<String> response = request(url, body, type);
            if (response != null && response.statusCode() == 200 && rejectedAsInvalid(response.body())) {
                return; // a validation operation (mapping-service's jobs/validate): its answer names the problems
            }
            if (response == null || response.statusCode() < 400 || response.statusCode() >= 500) {
                failures.add(describe(what, response));
            } else if (response.statusCode() != 401
                    && response.statusCode() != 403
                    && response.body().isBlank()
                    && response.statusCode() != 413
                    && response.statusCode() != 405) {
                failures.add(describe(what + " (an error without a body saying what is wrong)", response));
            }
        }

        private static boolean rejectedAsInvalid(String body) {
            try {
                JsonNode answer = JSON.readTree(body);
                return answer.path("valid").isBoolean()
                        && !answer.path("valid").asBoolean()
                        && answer.path("problems").size() > 0;
            } catch (IOException e) {
                return false;
            }
        }

        String describe(String what, HttpResponse<String> response) {
            return service + " " + method + " " + path + " with " + what + ": "
                    + (response == null
                            ? "no answer (connection dropped)"
                            : response.statusCode() + " " + shortly(response.body()));
        }

        private HttpResponse<String> request(String url, String body, String contentType) {
            return request(url, body, contentType, Map.of("X-Api-Key", Suite.API_KEY));
        }

        /** The request with these credential headers; null when the connection dropped. */
        HttpResponse<String> request(String url, String body, String contentType, Map<String, String> credentials) {
            HttpRequest.Builder request;
            try {
                request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("the test built a bad URL: " + url, e);
            }
            credentials.forEach(request::header);
            if (body != null && body.length() > 1024 * 1024) {
                // as curl does for a large body: the server can refuse it (413) before it is sent
                request.expectContinue(true);
            }
            if (method.equals("GET") || method.equals("DELETE") || body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
            }
            try {
                return body != null && body.length() > 1024 * 1024
                        ? HTTP_1_1.send(request.build(), HttpResponse.BodyHandlers.ofString())
                        : send(request.build());
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String fill(String path, List<String> params, String hostileParam, String hostile) {
        String filled = path;
        for (String param : params) {
            String value = param.equals(hostileParam) ? hostile : "1";
            filled = filled.replace(
                    "{" + param + "}",
                    URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return filled;
    }

    private static String shortly(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ");
        return flat.length() > 160 ? flat.substring(0, 160) + "..." : flat;
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
