package io.erplink.e2e;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The erp-simulator's Business Central service, asked directly (its own token, its own paging): what a
 * test expects is what the simulator's generator holds, read the way any OData client reads it.
 */
final class BcSimulator {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern XML_NAME_ESCAPE = Pattern.compile("_x([0-9A-Fa-f]{4})_");
    /** Numbers as their exact decimal text. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private BcSimulator() {}

    /**
     * Every row of an entity set, annotations left out, option values as captions (as batch-service
     * passes them on: {@code Price_x0020__x0026__x0020_Discount} is {@code Price & Discount}).
     */
    static List<Map<String, String>> rows(Suite suite, String entitySet) throws Exception {
        String bearer = "Bearer " + token(suite);
        String url = suite.bcServiceRoot() + "/Company('"
                + URLEncoder.encode(Suite.BC_COMPANY, StandardCharsets.UTF_8).replace("+", "%20") + "')/"
                + entitySet;
        List<Map<String, String>> rows = new ArrayList<>();
        while (url != null) {
            HttpResponse<String> page = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Authorization", bearer)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), page.body());
            JsonNode json = JSON.readTree(page.body());
            for (JsonNode row : json.path("value")) {
                Map<String, String> columns = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    if (!field.getKey().contains("@")) {
                        columns.put(field.getKey(), field.getValue().asText());
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

    /** An option value's caption: BC writes the member name with XML name escapes. */
    static String caption(String member) {
        Matcher m = XML_NAME_ESCAPE.matcher(member);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        return m.appendTail(out).toString();
    }

    private static String token(Suite suite) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + Suite.BC_CLIENT_ID + "&client_secret="
                + URLEncoder.encode(suite.secret(), StandardCharsets.UTF_8) + "&scope="
                + URLEncoder.encode("https://api.businesscentral.dynamics.com/.default", StandardCharsets.UTF_8);
        HttpResponse<String> token = HTTP.send(
                HttpRequest.newBuilder(URI.create(suite.bcTokenUrl()))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, token.statusCode(), token.body());
        return JSON.readTree(token.body()).path("access_token").asText();
    }

    /** Changes rows through the simulator's admin call: each gets a new ETag and SystemModifiedAt = now. */
    static void modify(Suite suite, String entitySet, String keysAndValuesJson) throws Exception {
        admin(suite, "POST", "/admin/bc/sets/" + entitySet + "/modify", keysAndValuesJson);
    }

    static void faults(Suite suite, String json) throws Exception {
        admin(suite, "PUT", "/admin/bc/faults", json);
    }

    /** No faults, no changes, statistics from zero. */
    static void reset(Suite suite) throws Exception {
        admin(suite, "DELETE", "/admin/bc/faults", null);
        admin(suite, "DELETE", "/admin/bc/changes", null);
        admin(suite, "DELETE", "/admin/bc/stats", null);
    }

    static void clearFaults(Suite suite) throws Exception {
        admin(suite, "DELETE", "/admin/bc/faults", null);
    }

    static void clearStats(Suite suite) throws Exception {
        admin(suite, "DELETE", "/admin/bc/stats", null);
    }

    /** Requests by target and status, in-flight high-water mark, token requests. */
    static JsonNode stats(Suite suite) throws Exception {
        return JSON.readTree(admin(suite, "GET", "/admin/bc/stats", null));
    }

    private static String admin(Suite suite, String method, String path, String json) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(suite.simulator().url() + path));
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
