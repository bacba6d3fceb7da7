package io.erplink.batch.activities;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import io.erplink.testsupport.OperatorJwtTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.erplink.testsupport.OperatorJwtTestResource.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The drift test of the shipped Business Central blueprint (migrations V8, V9 and V13, written by
 * tools/generate_bc_activities.py): read against mapping-service's job files, every bc job has its
 * activity, every import's $select columns and conditionals are exactly its job's, and the order export's
 * lines have their lookup keys.
 */
@QuarkusTest
@WithTestResource(PostgresKafkaTestResource.class)
@WithTestResource(OperatorJwtTestResource.class)
class BcBlueprintActivitiesTest {
    static final Path JOBS = Path.of("..", "mapping-service", "src", "main", "resources", "jobs", "bc-odata-v4");
    static final String IMPORTS = "Business Central OData v4 - imports";
    static final String EXPORTS = "Business Central OData v4 - exports";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyJobOfTheBlueprintIsShippedDisabledOnTheBcEndpoint() throws IOException {
        Map<String, JsonNode> jobs = jobs();
        List<Map<String, Object>> shipped = blueprint();
        Set<String> jobsShipped = new TreeSet<>();
        for (Map<String, Object> activity : shipped) {
            jobsShipped.add((String) activity.get("mappingJob"));
            assertEquals(false, activity.get("enabled"), activity.get("name") + " is enabled");
            assertEquals("bc", activity.get("endpoint"), activity.get("name") + "'s endpoint");
            JsonNode job = jobs.get((String) activity.get("mappingJob"));
            String direction = job.path("direction").asText();
            String group = direction.equals("export") ? EXPORTS : IMPORTS;
            assertEquals(group, activity.get("group"), activity.get("name") + "'s group");
            assertEquals(direction.equals("export") ? "EXPORT" : "IMPORT_WITH_PAGING", activity.get("type"));
        }
        assertEquals(new TreeSet<>(jobs.keySet()), jobsShipped);
        // one activity per job, and one more for the second entity set of bc-import-orders
        assertEquals(jobs.size() + 1, shipped.size());
    }

    @Test
    void anImportSelectsAndFiltersExactlyWhatItsJobMapsAndConditions() throws IOException {
        Map<String, JsonNode> jobs = jobs();
        int imports = 0;
        for (Map<String, Object> activity : blueprint()) {
            if (!"IMPORT_WITH_PAGING".equals(activity.get("type"))) {
                continue;
            }
            imports++;
            JsonNode job = jobs.get((String) activity.get("mappingJob"));
            @SuppressWarnings("unchecked")
            Map<String, Object> odata = (Map<String, Object>) activity.get("odata");
            String entitySet = (String) odata.get("entitySet");
            Set<String> columns = new LinkedHashSet<>();
            List<List<Map<String, String>>> conditions = new ArrayList<>();
            for (JsonNode mapping : job.path("tableMappings")) {
                if (!mapping.path("sourceTable").asText().equals(entitySet)) {
                    continue;
                }
                assertFalse(mapping.path("autoMap").asBoolean(), "an auto-mapping job would need every column");
                mapping.path("columns").forEach(c -> {
                    if (c.hasNonNull("source")) {
                        columns.add(c.get("source").asText());
                    }
                });
                mapping.path("anyOf")
                        .forEach(g -> g.forEach(c -> columns.add(c.get("column").asText())));
                conditions.add(jobConditions(mapping));
            }
            assertFalse(conditions.isEmpty(), activity.get("name") + ": its job has no mapping of " + entitySet);
            assertEquals(List.copyOf(columns), odata.get("columns"), activity.get("name") + " columns");
            assertEquals(conditions, odata.get("conditions"), activity.get("name") + " conditions");
        }
        assertEquals(31, imports, "30 import jobs, bc-import-orders reading two entity sets");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anExportWritesExactlyWhatItsJobMapsWithTheSeedsResponseMappings() throws IOException {
        Map<String, JsonNode> jobs = jobs();
        int exports = 0;
        for (Map<String, Object> activity : blueprint()) {
            if (!"EXPORT".equals(activity.get("type"))) {
                continue;
            }
            exports++;
            String name = (String) activity.get("name");
            Map<String, Object> export = (Map<String, Object>) activity.get("odataExport");
            assertTrue(export != null, name + " has its odataExport");
            // the mappings depth first (an order's lines under their header) are the job's table mappings in order
            List<Map<String, Object>> mappings = new ArrayList<>();
            List<Map<String, Object>> parents = new ArrayList<>();
            flatten((List<Map<String, Object>>) export.get("mappings"), null, mappings, parents);
            JsonNode job = jobs.get((String) activity.get("mappingJob"));
            assertEquals(job.path("tableMappings").size(), mappings.size(), name + " mappings");
            for (int i = 0; i < mappings.size(); i++) {
                JsonNode expected = job.path("tableMappings").get(i);
                Map<String, Object> actual = mappings.get(i);
                String at = name + " mapping " + i;
                assertEquals(expected.path("sourceTable").asText(), actual.get("sourceTable"), at);
                assertEquals(expected.path("destinationTable").asText(), actual.get("entitySet"), at);
                List<Map<String, Object>> columns = new ArrayList<>();
                for (JsonNode c : expected.path("columns")) {
                    Map<String, Object> column = new LinkedHashMap<>();
                    String script = c.path("script").asText("");
                    if (script.equals("Constant")) {
                        column.put("destination", c.get("destination").asText());
                        column.put("constant", c.path("value").asText());
                    } else {
                        column.put("source", c.get("source").asText());
                        column.put("destination", c.get("destination").asText());
                        if (script.equals("Invert")) {
                            column.put("invert", true);
                        }
                    }
                    columns.add(column);
                }
                assertEquals(columns, actual.get("columns"), at + " columns");
                // a line under its header is judged after the header's conditionals held
                Set<Map<String, String>> conditions = new LinkedHashSet<>(conditions(actual));
                if (parents.get(i) != null) {
                    conditions.addAll(conditions(parents.get(i)));
                }
                assertTrue(conditions.containsAll(jobConditions(expected)), at + " conditions " + conditions);
            }
        }
        assertEquals(16, exports, "seed 004's 16 export jobs");
        Map<String, Object> customers = asOperator()
                .get("/api/v1/activities/bc-export-accessusers-customers")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("odataExport.mappings[0]");
        // the new customers (AccessUserExternalId empty) get BC's number written back (seed 004)
        assertEquals(List.of(Map.of("destination", "No", "source", "AccessUserExternalId")), customers.get("response"));
    }

    @Test
    void anOrdersItemLinesAreLookedUpByTheirVariantAndTheOtherLinesByTheBlueprintsKeys() {
        Map<String, Object> header = asOperator()
                .get("/api/v1/activities/bc-export-orders")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("odataExport.mappings[0]");
        assertEquals(List.of("Document_Type", "External_Document_No"), header.get("keys"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lines = (List<Map<String, Object>>) header.get("children");
        Map<String, Object> keys = new LinkedHashMap<>();
        lines.forEach(line -> keys.put((String) line.get("name"), line.get("keys")));
        List<String> blueprint = List.of("Document_Type", "Document_No", "Type", "No");
        List<String> variant = List.of("Document_Type", "Document_No", "Type", "No", "Variant_Code");
        // V9 gave every line the blueprint's keys, V13 the item lines their variant (BC has variants on Item lines
        // only)
        assertEquals(
                Map.of(
                        "Payment fee", blueprint,
                        "Shipping fee", blueprint,
                        "Item", variant,
                        "Fixed price", blueprint,
                        "Tax", blueprint),
                keys);
    }

    /** A job's table mapping's conditionals as the activities hold them. */
    private static List<Map<String, String>> jobConditions(JsonNode mapping) {
        List<Map<String, String>> and = new ArrayList<>();
        mapping.path("conditionals")
                .forEach(c -> and.add(Map.of(
                        "column", c.get("column").asText(),
                        "operator", c.get("operator").asText(),
                        "value", c.get("value").asText())));
        return and;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(
            List<Map<String, Object>> mappings,
            Map<String, Object> parent,
            List<Map<String, Object>> into,
            List<Map<String, Object>> parents) {
        for (Map<String, Object> m : mappings) {
            into.add(m);
            parents.add(parent);
            if (m.get("children") != null) {
                flatten((List<Map<String, Object>>) m.get("children"), m, into, parents);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> conditions(Map<String, Object> mapping) {
        return mapping.get("conditions") == null ? List.of() : (List<Map<String, String>>) mapping.get("conditions");
    }

    @Test
    void theBlueprintRunsInTheSeedsOrderWithExportsInTheirOwnGroup() {
        List<Map<String, Object>> shipped = blueprint();
        List<String> imports = names(shipped, IMPORTS);
        List<String> exports = names(shipped, EXPORTS);
        for (List<String> group : List.of(imports, exports)) {
            String name = group == imports ? IMPORTS : EXPORTS;
            List<Object> positions = shipped.stream()
                    .filter(a -> name.equals(a.get("group")))
                    .map(a -> a.get("position"))
                    .toList();
            assertEquals(Stream.iterate(1, i -> i + 1).limit(group.size()).toList(), positions, name + " positions");
        }
        List<String> order = List.of(
                "bc-import-countries",
                "bc-import-currencies",
                "bc-import-contacts",
                "bc-import-customers",
                "bc-import-vendors",
                "bc-import-locations",
                "bc-import-item-categories",
                "bc-import-items",
                "bc-import-item-variants-1-variant-groups",
                "bc-import-units-of-measure",
                "bc-import-stock",
                "bc-import-prices-and-discounts-new-pricing");
        List<Integer> at = order.stream().map(imports::indexOf).toList();
        assertTrue(
                at.stream().allMatch(i -> i >= 0)
                        && at.equals(at.stream().sorted().toList()),
                "blueprint order " + order + " at " + at + " in " + imports);
        assertEquals("bc-import-orders", imports.get(imports.indexOf("bc-import-order-lines") - 1));
        assertEquals("bc-export-countries", exports.get(0));
        assertEquals("bc-export-orders", exports.get(exports.size() - 1));
    }

    private static List<String> names(List<Map<String, Object>> activities, String group) {
        return activities.stream()
                .filter(a -> group.equals(a.get("group")))
                .map(a -> (String) a.get("name"))
                .toList();
    }

    /** The shipped bc activities as the API lists them (grouped, in order). */
    private static List<Map<String, Object>> blueprint() {
        JsonPath all = asOperator()
                .get("/api/v1/activities")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Map<String, Object>> activities = all.getList("$");
        return activities.stream()
                .filter(a -> IMPORTS.equals(a.get("group")) || EXPORTS.equals(a.get("group")))
                .toList();
    }

    private static Map<String, JsonNode> jobs() throws IOException {
        Map<String, JsonNode> jobs = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(JOBS)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                JsonNode job = YAML.readTree(file.toFile());
                jobs.put(job.path("name").asText(), job);
            }
        }
        assertEquals(46, jobs.size(), "seed 004's 46 jobs in " + JOBS.toAbsolutePath());
        return jobs;
    }
}
