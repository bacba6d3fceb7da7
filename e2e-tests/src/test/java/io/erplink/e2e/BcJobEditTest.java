package io.erplink.e2e;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 14: an operator edits a Business Central job in mapping-service and the shipped activity follows
 * (mapping-service's outbox, jobs.changed, batch-service): the next OData run requests the new column
 * from the simulator's BC ({@code $select}) and it arrives in the commerce database, not silently null.
 */
@ExtendWith(SuiteExtension.class)
class BcJobEditTest {
    static final String JOB = "bc-import-currencies";

    /** The shipped job with the currency symbol mapped as well. */
    static final String EDITED = """
            name: bc-import-currencies
            description: 'Business Central OData v4 blueprint: Import Currencies (seed 004), with symbols.'
            direction: import
            source: {provider: odata-v4, entity: DynamicwebCurrencies}
            destination: {provider: commerce}
            tableMappings:
            - sourceTable: DynamicwebCurrencies
              destinationTable: EcomCurrencies
              autoMap: false
              columns:
              - {source: Code, destination: CurrencyCode}
              - {source: Description, destination: CurrencyName}
              - {source: ExchangeRateAmt, destination: CurrencyRate}
              - {source: ISO_Numeric_Code, destination: CurrencyPayGatewayCode}
              - {destination: CurrencyLanguageId, script: Constant, value: LANG1}
              - {source: Symbol, destination: CurrencySymbol}
            """;

    @BeforeEach
    @AfterEach
    void cleanSimulator() throws Exception {
        BcSimulator.reset(SuiteExtension.suite());
    }

    @Test
    void aColumnAddedToTheJobIsRequestedByTheNextRunAndArrives() throws Exception {
        Suite suite = SuiteExtension.suite();
        int version = given().baseUri(suite.mapping().url())
                .contentType("application/yaml")
                .body(EDITED.getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/jobs/" + JOB)
                .then()
                .statusCode(200)
                .extract()
                .path("version");

        JsonPath activity = awaitJobVersion(suite, version);
        assertEquals(
                List.of("Code", "Description", "ExchangeRateAmt", "ISO_Numeric_Code", "Symbol"),
                activity.getList("odata.columns"));

        UUID run = Batch.runNow(suite.batch().url(), JOB);
        JsonPath done = Batch.awaitCompleted(() -> suite.batch().url(), run, BcImportTest.RUN_TIMEOUT);
        assertEquals(version, done.getInt("jobVersion"), "the run names the job version it planned from");

        Map<String, String> expected = new TreeMap<>();
        for (Map<String, String> currency : BcSimulator.rows(suite, "DynamicwebCurrencies")) {
            expected.put(currency.get("Code"), currency.get("Symbol"));
        }
        assertEquals(expected.size(), done.getLong("progress.rowsRead"));
        assertEquals(expected, symbols(suite, expected.keySet().stream().toList()));
    }

    private static JsonPath awaitJobVersion(Suite suite, int version) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonPath activity = BcImportTest.activity(suite, JOB);
        while (!Integer.valueOf(version).equals(activity.get("jobVersion"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("activity " + JOB + " still follows job version " + activity.get("jobVersion")
                        + ", not " + version + ", after 60 s");
            }
            Thread.sleep(300);
            activity = BcImportTest.activity(suite, JOB);
        }
        return activity;
    }

    /** Currency code -> symbol of the job's rows (language LANG1) in the commerce database. */
    private static Map<String, String> symbols(Suite suite, List<String> codes) throws Exception {
        Map<String, String> symbols = new TreeMap<>();
        try (Connection db = suite.db();
                PreparedStatement s =
                        db.prepareStatement("select currencycode, currencysymbol from commerce.ecomcurrencies"
                                + " where currencylanguageid = 'LANG1' and currencycode = any(?)")) {
            s.setArray(1, db.createArrayOf("text", codes.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    symbols.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return symbols;
    }
}
