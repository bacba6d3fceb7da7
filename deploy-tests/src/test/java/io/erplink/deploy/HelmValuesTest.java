package io.erplink.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** values.yaml and values.schema.json: every key documented, typos and wrong types rejected. */
class HelmValuesTest {

    private static final Path DEFAULT = HelmChart.CHART.resolve("ci/default-values.yaml");

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "liveService.replicaCont     | 3              | replicaCont",
                "liveServce.enabled          | true           | liveServce",
                "batchService.autoscaling.maxReplica | 5      | maxReplica",
                "liveService.resources.requests.cpuu | 1      | cpuu",
                "secrets.existingSecrets     | other          | existingSecrets",
                "networkPolicy.egress.allow  | true           | allow",
                "orderQueueService.operatorAuth.publicKeySecret.nam | k | nam",
                "liveService.replicaCount    | two            | replicaCount",
                "liveService.autoscaling.enabled | yes-please | enabled",
                "securityContext.runAsUser   | 0              | runAsUser",
                "image.pullPolicy            | Sometimes      | pullPolicy",
                "kafka.securityProtocol      | SASL           | securityProtocol",
                "liveService.service.type    | Ingress        | type",
                "liveService.pdb.maxUnavailable | half        | maxUnavailable",
                "database.jdbcUrl            | mysql://db/x   | jdbcUrl",
                "liveService.config.not-an-env-name | x       | not-an-env-name",
                "liveService.autoscaling.targetCPUUtilizationPercentage | 150 | targetCPUUtilizationPercentage",
                "operatorConsole.oidc.clientSecret | s3cret    | clientSecret",
                "operatorConsole.oidc.forceRedirectHttps | maybe | forceRedirectHttps",
            })
    void schemaRejectsTyposAndWrongValues(String key, String value, String mentioned) {
        Exception e = assertThrows(
                Exception.class,
                () -> HelmChart.template(DEFAULT, Map.of(key, value)),
                key + "=" + value + " must be rejected");
        assertTrue(e.getMessage().contains("values don't meet the specifications of the schema"), e.getMessage());
        assertTrue(e.getMessage().contains(mentioned), e.getMessage());
    }

    @Test
    void schemaClosesEveryObjectItDescribes() throws Exception {
        JsonNode schema = Manifests.JSON.readTree(
                HelmChart.CHART.resolve("values.schema.json").toFile());
        List<String> open = new ArrayList<>();
        walkSchema(schema, "", open);
        assertEquals(List.of(), open, "objects with properties but without additionalProperties: false");
    }

    private static void walkSchema(JsonNode node, String path, List<String> open) {
        if (node.has("properties")) {
            if (!node.path("additionalProperties").isBoolean()
                    || node.path("additionalProperties").asBoolean()) {
                open.add(path.isEmpty() ? "(root)" : path);
            }
            node.get("properties")
                    .fields()
                    .forEachRemaining(e -> walkSchema(e.getValue(), path + "." + e.getKey(), open));
        }
    }

    @Test
    void everyValueIsDocumentedWithAParamLine() throws Exception {
        Path valuesFile = HelmChart.CHART.resolve("values.yaml");
        Set<String> params = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\s*## @param ([A-Za-z0-9_.]+) (?:\\[object\\] )?\\S")
                .matcher(Files.readString(valuesFile));
        while (m.find()) {
            params.add(m.group(1));
        }
        JsonNode values = Manifests.YAML.readTree(valuesFile.toFile());
        Set<String> undocumented = new TreeSet<>();
        Set<String> documented = new TreeSet<>();
        walkValues(values, "", params, documented, undocumented);
        assertEquals(Set.of(), undocumented, "values without a ## @param line");
        Set<String> stale = new TreeSet<>(params);
        stale.removeAll(documented);
        assertEquals(Set.of(), stale, "## @param lines naming no value");
    }

    private static void walkValues(
            JsonNode node, String path, Set<String> params, Set<String> documented, Set<String> undocumented) {
        if (!path.isEmpty() && params.contains(path)) {
            documented.add(path);
            return;
        }
        if (node.isObject() && !node.isEmpty()) {
            node.fields()
                    .forEachRemaining(e -> walkValues(
                            e.getValue(),
                            path.isEmpty() ? e.getKey() : path + "." + e.getKey(),
                            params,
                            documented,
                            undocumented));
        } else {
            undocumented.add(path);
        }
    }
}
