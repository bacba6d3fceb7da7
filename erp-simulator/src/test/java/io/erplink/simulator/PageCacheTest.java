package io.erplink.simulator;

import java.io.ByteArrayOutputStream;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import io.erplink.protocol.requests.ConnectorRequest;
import io.erplink.protocol.requests.GetEcomData;
import io.erplink.protocol.tables.TablesWriter;
import io.erplink.simulator.connector.EcomDataResponder;
import io.erplink.simulator.connector.Reply;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@TestProfile(PageCacheTest.CacheOn.class)
class PageCacheTest {
    /** The simulator with erplink.simulator.page-cache=true. */
    public static class CacheOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("erplink.simulator.page-cache", "true");
        }
    }

    private static final String PRODUCTS = "<GetEcomData><tables><Products type=\"all\"/></tables></GetEcomData>";

    @Inject
    EcomDataResponder responder;

    @Test
    void repeatedPageIsServedFromTheCacheByteForByteAsGenerated() throws Exception {
        given().delete("/admin/page-cache").then().statusCode(204);
        String batchId = Connector.tables(PRODUCTS).header().batchId();
        String page2 = PRODUCTS.replace("<GetEcomData>", "<GetEcomData batchId=\"" + batchId + "\" pageNumber=\"2\">");

        byte[] first = Connector.post(page2).then().statusCode(200).extract().asByteArray();
        byte[] again = Connector.post(page2).then().statusCode(200).extract().asByteArray();

        byte[] generated = generated(page2);
        assertArrayEquals(generated, first, "a cached page is exactly what the generator writes");
        assertArrayEquals(generated, again, "a page served from the cache is exactly what the generator writes");
        JsonPath cache = given().get("/admin/page-cache")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(true, cache.getBoolean("enabled"));
        assertEquals(2, cache.getInt("pages"), "page 1 and page 2");
        assertEquals(1, cache.getLong("hits"), "the repeated page 2");
        assertEquals(2, cache.getLong("misses"));
    }

    @Test
    void answersThatAreNotPagedExportsAreNeverCached() {
        given().delete("/admin/page-cache").then().statusCode(204);
        String livePrice = "<GetEcomData ExternalUserID=\"50000\"><tables><Products type=\"filter\"><Product>"
                + "<ProductID>10001</ProductID><ProductVariantID/><ProductNumber>10001</ProductNumber>"
                + "<CurrencyCode>GBP</CurrencyCode></Product></Products></tables></GetEcomData>";
        Connector.tables(livePrice);
        Connector.tables(livePrice);
        Connector.tables("<GetEcomData><tables><SalesHeaders type=\"filter\"><SalesHeader><OrderId>X-1</OrderId>"
                + "</SalesHeader></SalesHeaders></tables></GetEcomData>");

        JsonPath cache = given().get("/admin/page-cache")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(0, cache.getInt("pages"));
        assertEquals(0, cache.getLong("hits") + cache.getLong("misses"), "the cache was not even asked");
    }

    private byte[] generated(String requestXml) {
        Reply reply = responder.respond((GetEcomData) ConnectorRequest.parse(requestXml));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TablesWriter writer = TablesWriter.open(out, reply.header());
        reply.rows().produce(writer::write);
        writer.close();
        return out.toByteArray();
    }
}
