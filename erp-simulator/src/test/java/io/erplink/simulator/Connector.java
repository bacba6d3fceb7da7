package io.erplink.simulator;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.restassured.response.Response;

import io.erplink.protocol.signing.RequestSigner;
import io.erplink.protocol.tables.TableRow;
import io.erplink.protocol.tables.TablesHeader;
import io.erplink.protocol.tables.TablesReader;

import static io.restassured.RestAssured.given;

/** Signed calls to /connector and parsing of the answers, for the tests. */
final class Connector {
    /** The %test secret of application.properties. */
    static final String SECRET = "test-secret-for-the-simulator-0123456789";

    static final RequestSigner SIGNER = new RequestSigner(SECRET.getBytes(StandardCharsets.UTF_8));

    private Connector() {}

    /** POSTs a signed request. */
    static Response post(String xml) {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        RequestSigner.Signature signature = SIGNER.signNow(body, Clock.systemUTC());
        return given().contentType("application/xml")
                .headers(signature.headers())
                .body(body)
                .post("/connector");
    }

    /** A parsed answer: header and rows. */
    record Answer(TablesHeader header, List<TableRow> rows, byte[] bytes) {
        List<TableRow> table(String table) {
            return rows.stream().filter(row -> row.table().equals(table)).toList();
        }
    }

    /** POSTs a signed request, expects 200 and parses the body with TablesReader. */
    static Answer tables(String xml) {
        Response response = post(xml);
        if (response.statusCode() != 200) {
            throw new AssertionError("expected 200 but got " + response.statusCode() + ": " + response.asString());
        }
        return parse(response.asByteArray());
    }

    static Answer parse(byte[] bytes) {
        List<TableRow> rows = new ArrayList<>();
        try (TablesReader reader = TablesReader.open(new ByteArrayInputStream(bytes))) {
            for (TableRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
            return new Answer(reader.header(), rows, bytes);
        }
    }

    /** A CalculateOrder request of seed 002's shape. */
    static String calculateOrder(
            String orderId, String customer, String currency, boolean create, String... productAndQuantity) {
        StringBuilder xml = new StringBuilder("<CalculateOrder><Orders><Order>")
                .append("<column columnName=\"OrderCustomerAccessUserExternalId\">")
                .append(customer)
                .append("</column>")
                .append("<column columnName=\"CreateOrder\">")
                .append(create ? "True" : "False")
                .append("</column>")
                .append("<column columnName=\"OrderID\">")
                .append(orderId)
                .append("</column>")
                .append("<column columnName=\"OrderIntegrationOrderID\"/>")
                .append("<column columnName=\"OrderCurrencyCode\">")
                .append(currency)
                .append("</column>")
                .append("<column columnName=\"OrderDate\">03/03/2017 09:49:36</column>")
                .append("</Order></Orders><OrderLines>");
        for (int i = 0; i < productAndQuantity.length; i += 2) {
            xml.append("<OrderLine><column columnName=\"OrderLineID\">OL")
                    .append(i / 2 + 1)
                    .append("</column>")
                    .append("<column columnName=\"OrderLineProductID\">")
                    .append(productAndQuantity[i])
                    .append("</column><column columnName=\"OrderLineQuantity\">")
                    .append(productAndQuantity[i + 1])
                    .append("</column></OrderLine>");
        }
        return xml.append("</OrderLines></CalculateOrder>").toString();
    }
}
