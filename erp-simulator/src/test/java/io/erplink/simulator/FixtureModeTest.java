package io.erplink.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@TestProfile(FixtureModeTest.Fixtures.class)
class FixtureModeTest {
    static final Path DIR = createFixtures();

    /** Runs the simulator with erplink.simulator.fixtures-dir pointing at {@link #DIR}. */
    public static class Fixtures implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("erplink.simulator.fixtures-dir", DIR.toString());
        }
    }

    private static final String PRODUCTS =
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<tables>  <table tableName=\"EcomProducts\">"
                    + "<item table=\"EcomProducts\"><column columnName=\"ProductID\"><![CDATA[FIX-1]]></column>"
                    + "<column columnName=\"ProductPrice\">  <![CDATA[12.50]]>  </column></item></table></tables>\n";

    private static Path createFixtures() {
        try {
            Path dir = Files.createTempDirectory("erp-simulator-fixtures");
            Files.writeString(dir.resolve("Currencies.xml"), PRODUCTS.replace("EcomProducts", "EcomCurrencies"));
            Files.writeString(
                    dir.resolve("Products.1.xml"),
                    PRODUCTS.replace("<tables>", "<tables ExportIsDone=\"false\" batchId=\"B1\">"));
            Files.writeString(dir.resolve("Products.2.xml"), PRODUCTS.replace("FIX-1", "FIX-2"));
            Files.writeString(
                    dir.resolve("CalculateOrder.xml"),
                    "<tables><table tableName=\"EcomOrders\">"
                            + "<item table=\"EcomOrders\"><column columnName=\"OrderCreated\">FALSE</column></item></table></tables>");
            Files.writeString(
                    dir.resolve("Xxe.xml"),
                    "<?xml version=\"1.0\"?><!DOCTYPE tables [<!ENTITY x SYSTEM"
                            + " \"file:///etc/passwd\">]><tables><table tableName=\"T\"><item><column columnName=\"C\">&x;</column>"
                            + "</item></table></tables>");
            Files.writeString(
                    dir.resolve("Laughs.xml"),
                    "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                            + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                            + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
                            + "<tables><table tableName=\"T\"><item><column columnName=\"C\">&lol3;</column></item></table></tables>");
            Files.writeString(
                    dir.resolve("ExternalDtd.xml"),
                    "<?xml version=\"1.0\"?><!DOCTYPE tables SYSTEM" + " \"http://127.0.0.1:9/evil.dtd\"><tables/>");
            Files.writeString(
                    dir.resolve("Deep.xml"),
                    "<tables><table tableName=\"T\"><item><column columnName=\"C\">" + "<a>".repeat(10_000)
                            + "</a>".repeat(10_000) + "</column></item></table></tables>");
            byte[] bad =
                    "<tables><table tableName=\"T\"><item><column columnName=\"C\">X</column></item></table></tables>"
                            .getBytes(StandardCharsets.UTF_8);
            bad[bad.length - 30] = (byte) 0xC3; // a lead byte followed by '<': not UTF-8
            Files.write(dir.resolve("BadUtf8.xml"), bad);
            Files.writeString(dir.resolve("Truncated.xml"), "<tables><table tableName=\"T\"><item>");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String request(String table) {
        return "<GetEcomData><tables><" + table + " type=\"all\"/></tables></GetEcomData>";
    }

    @Test
    void servesAFixtureByteForByte() throws IOException {
        byte[] served = Connector.post(request("Currencies"))
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertArrayEquals(Files.readAllBytes(DIR.resolve("Currencies.xml")), served);
    }

    @Test
    void servesPagedFixturesByPageNumber() throws IOException {
        Connector.Answer first = Connector.parse(Connector.post(request("Products"))
                .then()
                .statusCode(200)
                .extract()
                .asByteArray());
        assertEquals(Boolean.FALSE, first.header().exportIsDone());
        byte[] second = Connector.post("<GetEcomData batchId=\"B1\" pageNumber=\"2\"><tables><Products type=\"all\"/>"
                        + "</tables></GetEcomData>")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertArrayEquals(Files.readAllBytes(DIR.resolve("Products.2.xml")), second);
        Connector.post("<GetEcomData pageNumber=\"3\"><tables><Products type=\"all\"/></tables></GetEcomData>")
                .then()
                .statusCode(404)
                .body(containsString("Products.3.xml"));
    }

    @Test
    void servesCalculateOrderFromItsFixture() {
        Connector.post(Connector.calculateOrder("C1", "50000", "EUR", false, "10001", "1"))
                .then()
                .statusCode(200)
                .body(containsString("OrderCreated"));
    }

    @Test
    void refusesHostileAndBrokenFixturesWithAClearError() {
        for (String name : new String[] {"Xxe", "Laughs", "ExternalDtd", "Deep", "BadUtf8", "Truncated"}) {
            Connector.post(request(name))
                    .then()
                    .statusCode(502)
                    .body(containsString("fixture " + name + ".xml is not a valid <tables> document"))
                    .body(org.hamcrest.Matchers.not(containsString("root:")));
        }
    }

    @Test
    void answersAMissingFixtureWith404() {
        Connector.post(request("Manufacturers"))
                .then()
                .statusCode(404)
                .body(containsString("no fixture for Manufacturers"));
    }
}
