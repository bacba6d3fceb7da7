package io.erplink.simulator.bc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A raw HTTP client for the BC simulator's tests: URLs are sent exactly as written (no client-side
 * encoding), so the tests control every escape.
 */
final class Bc {
    static final String CRONUS = "CRONUS USA, Inc.";
    static final String ODD = "O'Brien & Sons, 100% / Café";
    static final String SCOPE = "https://api.businesscentral.dynamics.com/.default";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private Bc() {}

    static String base() {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        return "http://localhost:" + port;
    }

    static String secret() {
        return ConfigProvider.getConfig().getValue("erplink.simulator.secret", String.class);
    }

    /** {@code Company('...')} with the name as an OData literal, percent-encoded. */
    static String companySegment(String name) {
        String literal = "'" + name.replace("'", "''") + "'";
        return "Company(" + URLEncoder.encode(literal, StandardCharsets.UTF_8).replace("+", "%20") + ")";
    }

    static String odata() {
        return base() + "/bc/v2.0/tenant-1/Production/ODataV4";
    }

    /** The collection URL of a set in CRONUS. */
    static String set(String name) {
        return odata() + "/" + companySegment(CRONUS) + "/" + name;
    }

    /** Percent-encodes a query option value (spaces as %20). */
    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    record Answer(int status, HttpResponse<String> response) {
        String body() {
            return response.body();
        }

        JsonNode json() {
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (" + status + "): " + response.body(), e);
            }
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        String errorCode() {
            return json().path("error").path("code").asText();
        }

        /** The values of one field of every row of the page. */
        List<String> column(String field) {
            List<String> values = new ArrayList<>();
            json().path("value").forEach(row -> values.add(row.path(field).asText()));
            return values;
        }
    }

    static String token() {
        Answer answer = tokenRequest("client_credentials", "erplink-bc-simulator", secret(), SCOPE);
        if (answer.status() != 200) {
            throw new IllegalStateException("token: " + answer.status() + " " + answer.body());
        }
        return answer.json().path("access_token").asText();
    }

    static Answer tokenRequest(String grant, String id, String secret, String scope) {
        String form =
                "grant_type=" + q(grant) + "&client_id=" + q(id) + "&client_secret=" + q(secret) + "&scope=" + q(scope);
        return send(HttpRequest.newBuilder(URI.create(base() + "/bc/tenant-1/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    static Answer get(String url, String... headers) {
        return authorizedSend(url, headers, builder -> builder.GET());
    }

    static Answer send(String method, String url, String body, String... headers) {
        return authorizedSend(
                url,
                headers,
                builder -> builder.header("Content-Type", "application/json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * Sends with the headers given and, unless they name an Authorization of their own (null: none at
     * all), the cached bearer token; a 401 for the cached token fetches a new one and sends again.
     */
    private static Answer authorizedSend(
            String url, String[] headers, java.util.function.UnaryOperator<HttpRequest.Builder> method) {
        HttpRequest.Builder builder = method.apply(HttpRequest.newBuilder(URI.create(url)));
        boolean ownAuthorization = false;
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equals("Authorization")) {
                ownAuthorization = true;
                if (headers[i + 1] == null) {
                    continue;
                }
            }
            builder.header(headers[i], headers[i + 1]);
        }
        if (ownAuthorization) {
            return send(builder);
        }
        String token = cachedToken();
        Answer answer = send(builder.setHeader("Authorization", "Bearer " + token));
        if (answer.status() == 401) {
            refreshToken(token);
            answer = send(builder.setHeader("Authorization", "Bearer " + cachedToken()));
        }
        return answer;
    }

    private static String cached;

    /** A token fetched once per test JVM, and again after it stopped working. */
    static synchronized String cachedToken() {
        if (cached == null) {
            cached = token();
        }
        return cached;
    }

    private static synchronized void refreshToken(String stale) {
        if (stale.equals(cached)) {
            cached = null;
        }
    }

    static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every row of a collection, following nextLinks verbatim; the pages' row counts go into {@code pages}. */
    static List<JsonNode> all(String url, int pageSize, List<Integer> pages) {
        List<JsonNode> rows = new ArrayList<>();
        String next = url;
        while (next != null) {
            Answer answer = get(next, "Prefer", "odata.maxpagesize=" + pageSize);
            if (answer.status() != 200) {
                throw new IllegalStateException(answer.status() + ": " + answer.body());
            }
            JsonNode page = answer.json();
            page.path("value").forEach(rows::add);
            pages.add(page.path("value").size());
            next = page.hasNonNull("@odata.nextLink")
                    ? page.path("@odata.nextLink").asText()
                    : null;
        }
        return rows;
    }

    static void reset() {
        send(HttpRequest.newBuilder(URI.create(base() + "/admin/bc/changes")).DELETE());
        send(HttpRequest.newBuilder(URI.create(base() + "/admin/bc/faults")).DELETE());
        send(HttpRequest.newBuilder(URI.create(base() + "/admin/bc/stats")).DELETE());
    }

    static Answer admin(String method, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base() + "/admin/bc" + path))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body)));
    }
}
