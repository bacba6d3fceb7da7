package io.erplink.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import io.restassured.path.json.JsonPath;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A test's own client of the erp-simulator's Business Central service ({@code /bc}): an OAuth token by
 * client credentials, as any BC client gets one, and plain GETs with it. Tests read what the simulator
 * holds through it, never through the service under test.
 */
public final class BcClient {
    /** The scope a Business Central client asks for. */
    public static final String SCOPE = "https://api.businesscentral.dynamics.com/.default";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String simulatorUrl;
    private final String tenant;
    private final String company;
    private final String clientId;
    private final String clientSecret;

    /**
     * @param simulatorUrl the simulator's base URL (the BC service is under {@code /bc})
     * @param tenant       the tenant in the online URL shape
     * @param company      the company, unescaped
     */
    public BcClient(String simulatorUrl, String tenant, String company, String clientId, String clientSecret) {
        this.simulatorUrl = simulatorUrl;
        this.tenant = tenant;
        this.company = company;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** {@code .../ODataV4} of the production environment, online URL shape. */
    public String serviceRoot() {
        return simulatorUrl + "/bc/v2.0/" + tenant + "/production/ODataV4";
    }

    public String tokenUrl() {
        return simulatorUrl + "/bc/" + tenant + "/oauth2/v2.0/token";
    }

    /** An entity set of the company: {@code .../Company('CRONUS%20USA%2C%20Inc.')/DynamicwebItemCard}. */
    public String entitySetUrl(String entitySet) {
        return serviceRoot() + "/Company('" + encode(company.replace("'", "''")) + "')/" + entitySet;
    }

    /** {@code Bearer <token>}: a new token by client credentials. */
    public String bearer() {
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret="
                + encode(clientSecret) + "&scope=" + encode(SCOPE);
        HttpResponse<String> token = send(HttpRequest.newBuilder(URI.create(tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
        assertEquals(200, token.statusCode(), token.body());
        return "Bearer " + JsonPath.from(token.body()).getString("access_token");
    }

    /** The body of a GET that must answer 200; {@code headers} as name, value pairs (e.g. {@code Prefer}). */
    public String get(String url, String bearer, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", bearer);
        if (headers.length > 0) {
            request.headers(headers);
        }
        HttpResponse<String> page = send(request.GET().build());
        assertEquals(200, page.statusCode(), url + ": " + page.body());
        return page.body();
    }

    /** Percent-encoding for a URL's path or query ({@code %20}, not {@code +}). */
    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + request.method() + " " + request.uri(), e);
        }
    }
}
