package io.erplink.batch.activities;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.erplink.batch.exports.odata.ODataExport;
import io.erplink.testsupport.OperatorJwtTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Migration V13 on an installation that has run V12: bc-export-orders' item line gets {@code Variant_Code} in
 * its lookup keys whether its odataExport is still V9's text or was rewritten when the activity followed its
 * job, and nothing else of it changes; item line keys an operator gave stay exactly as they were. Each case
 * migrates a schema of its own in the test database (the service's own schema is at the latest version).
 */
@QuarkusTest
@WithTestResource(PostgresKafkaTestResource.class)
@WithTestResource(OperatorJwtTestResource.class)
class OrderLineKeysMigrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ITEM_KEYS = "/mappings/0/children/2/keys";
    private static final List<String> BLUEPRINT_KEYS = List.of("Document_Type", "Document_No", "Type", "No");

    @Test
    void theShippedItemLineIsLookedUpByItsVariantAfterV13AndNothingElseChanges() throws Exception {
        migrate("v13_shipped", "12");
        String v9 = odataExport("v13_shipped");
        assertEquals(BLUEPRINT_KEYS, keys(JSON.readTree(v9)));

        migrate("v13_shipped", "13");
        assertEquals(withVariantKey(v9), JSON.readTree(odataExport("v13_shipped")));
    }

    @Test
    void anActivityThatFollowedItsJobIsMigratedToo() throws Exception {
        migrate("v13_followed", "12");
        // as batch-service writes it when the activity follows a job version (its own field order and spacing)
        String followed = ODataExport.write(ODataExport.read(odataExport("v13_followed")));
        assertNotEquals(odataExport("v13_followed"), followed);
        setOdataExport("v13_followed", followed);

        migrate("v13_followed", "13");
        assertEquals(withVariantKey(followed), JSON.readTree(odataExport("v13_followed")));
    }

    @Test
    void itemLineKeysAnOperatorGaveStayAsTheyWere() throws Exception {
        migrate("v13_own", "12");
        ObjectNode own = (ObjectNode) JSON.readTree(odataExport("v13_own"));
        ArrayNode keys = (ArrayNode) own.at(ITEM_KEYS);
        keys.removeAll();
        BLUEPRINT_KEYS.forEach(keys::add);
        keys.add("Unit_of_Measure");
        String given = JSON.writeValueAsString(own);
        setOdataExport("v13_own", given);

        migrate("v13_own", "13");
        assertEquals(given, odataExport("v13_own"));
    }

    /** The export with its item line's keys as V13 gives them. */
    private static JsonNode withVariantKey(String export) throws Exception {
        ObjectNode expected = (ObjectNode) JSON.readTree(export);
        assertEquals("Item", expected.at("/mappings/0/children/2/name").asText(), export);
        ((ArrayNode) expected.at(ITEM_KEYS)).add("Variant_Code");
        return expected;
    }

    private static List<String> keys(JsonNode export) {
        return JSON.convertValue(
                export.at(ITEM_KEYS), JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    private static void migrate(String schema, String target) {
        Flyway.configure()
                .dataSource(
                        PostgresKafkaTestResource.jdbcUrl(),
                        PostgresKafkaTestResource.username(),
                        PostgresKafkaTestResource.password())
                .schemas(schema)
                .createSchemas(true)
                .locations(
                        "filesystem:src/main/resources/db/migration",
                        "filesystem:../service-kit/src/main/resources/db/service-kit")
                .target(target)
                .load()
                .migrate();
    }

    private static String odataExport(String schema) throws Exception {
        try (Connection c = PostgresKafkaTestResource.openConnection();
                PreparedStatement s =
                        c.prepareStatement("select odata_export from " + schema + ".activity where name = ?")) {
            s.setString(1, "bc-export-orders");
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "bc-export-orders in " + schema);
                return rs.getString(1);
            }
        }
    }

    private static void setOdataExport(String schema, String export) throws Exception {
        try (Connection c = PostgresKafkaTestResource.openConnection();
                PreparedStatement s = c.prepareStatement(
                        "update " + schema + ".activity set odata_export = ? where name = 'bc-export-orders'")) {
            s.setString(1, export);
            assertEquals(1, s.executeUpdate());
        }
    }
}
