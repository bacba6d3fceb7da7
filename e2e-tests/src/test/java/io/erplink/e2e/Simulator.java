package io.erplink.e2e;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.restassured.http.ContentType;

import io.erplink.protocol.requests.ConnectorRequest;
import io.erplink.protocol.requests.GetEcomData;
import io.erplink.protocol.requests.RequestAttributes;
import io.erplink.protocol.signing.RequestSigner;
import io.erplink.protocol.tables.TableRow;
import io.erplink.protocol.tables.TablesHeader;
import io.erplink.protocol.tables.TablesReader;

import static io.restassured.RestAssured.given;

/** The erp-simulator: its connector (signed requests, as a service sends them) and its admin API. */
final class Simulator {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Simulator() {}

    /** Every row of the answer to a signed connector request. */
    static List<TableRow> ask(Suite suite, String requestXml) throws Exception {
        InputStream body = send(suite, requestXml);
        List<TableRow> rows = new ArrayList<>();
        try (body;
                TablesReader reader = TablesReader.open(body)) {
            TableRow row;
            while ((row = reader.next()) != null) {
                rows.add(row);
            }
        }
        return rows;
    }

    /**
     * Requests every page of a paged export exactly as batch-service's run does (the activity's request,
     * then the same request with the answer's batchId and pageNumber + 1 until ExportIsDone), reading each
     * answer to its end and keeping nothing. With the simulator's page cache on, this fills the cache.
     *
     * @return the number of pages
     */
    static int fetchAllPages(Suite suite, String requestXml) throws Exception {
        GetEcomData base = (GetEcomData) ConnectorRequest.parse(requestXml);
        GetEcomData request = base;
        int pages = 0;
        while (true) {
            TablesHeader header;
            try (InputStream body = send(suite, request.toXml())) {
                try (TablesReader reader = TablesReader.open(body)) {
                    header = reader.header();
                }
                body.transferTo(OutputStream.nullOutputStream());
            }
            pages++;
            if (header.lastPage()) {
                return pages;
            }
            request = base.with(RequestAttributes.BATCH_ID, header.batchId())
                    .with(
                            RequestAttributes.PAGE_NUMBER,
                            Integer.toString(header.pageNumber().orElseThrow() + 1));
        }
    }

    private static InputStream send(Suite suite, String requestXml) throws Exception {
        byte[] body = requestXml.getBytes(StandardCharsets.UTF_8);
        RequestSigner.Signature signature =
                new RequestSigner(suite.secret().getBytes(StandardCharsets.UTF_8)).signNow(body, Clock.systemUTC());
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(suite.simulator().url() + "/connector"))
                .timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/xml")
                .header(RequestSigner.TIMESTAMP_HEADER, Long.toString(signature.timestamp()))
                .header(RequestSigner.NONCE_HEADER, signature.nonce())
                .header(RequestSigner.SIGNATURE_HEADER, signature.value())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            String text = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
            throw new AssertionError("simulator answered " + response.statusCode() + ": " + text);
        }
        return response.body();
    }

    static void faults(Suite suite, String json) {
        given().baseUri(suite.simulator().url())
                .contentType(ContentType.JSON)
                .body(json)
                .put("/admin/faults")
                .then()
                .statusCode(200);
    }

    /** ERP orders beyond the first per OrderID so far: the simulator is not idempotent, so 0 means exactly once. */
    static int duplicates(Suite suite) {
        return given().baseUri(suite.simulator().url())
                .get("/admin/orders/summary")
                .then()
                .statusCode(200)
                .body("idempotentCreate", org.hamcrest.Matchers.equalTo(false))
                .extract()
                .path("duplicates");
    }

    static void clearFaults(Suite suite) {
        given().baseUri(suite.simulator().url())
                .delete("/admin/faults")
                .then()
                .statusCode(org.hamcrest.Matchers.lessThan(300));
    }
}
