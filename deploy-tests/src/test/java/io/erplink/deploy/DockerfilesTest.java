package io.erplink.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The services' Dockerfile.jvm, read statically (no image can be built here): a Java 17 runtime
 * base, the four fast-jar layers of target/quarkus-app, port 8080, and a numeric non-root USER
 * equal to the chart's securityContext.runAsUser (so runAsNonRoot can be verified by the kubelet).
 */
class DockerfilesTest {

    @ParameterizedTest
    @ValueSource(strings = {"live-service", "batch-service", "mapping-service", "order-queue-service", "erp-simulator"})
    void dockerfileRunsTheFastJarAsTheChartsNonRootUser(String service) throws Exception {
        Path dockerfile = HelmChart.ROOT.resolve(service + "/src/main/docker/Dockerfile.jvm");
        assertTrue(Files.isRegularFile(dockerfile), dockerfile + " is missing");
        List<String> instructions = Files.readAllLines(dockerfile).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();

        List<String> from =
                instructions.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertEquals(1, from.size(), "one stage: the runtime image");
        assertTrue(
                from.get(0)
                        .matches("FROM registry\\.access\\.redhat\\.com/ubi9/openjdk-17-runtime:[0-9.]+"
                                + "|FROM eclipse-temurin:17[.0-9_]*-jre.*"),
                "a Java 17 JRE base with a pinned tag: " + from.get(0));

        for (String layer : List.of("lib/", "*.jar", "app/", "quarkus/")) {
            assertTrue(
                    instructions.stream()
                            .anyMatch(l -> l.matches("COPY (--chown=\\d+ )?target/quarkus-app/" + Pattern.quote(layer)
                                    + " /deployments/.*")),
                    service + ": copies target/quarkus-app/" + layer + " to /deployments");
        }
        assertTrue(instructions.contains("EXPOSE 8080"), service + ": EXPOSE 8080");
        assertTrue(
                instructions.stream().anyMatch(l -> l.startsWith("ENTRYPOINT [")), service + ": exec-form ENTRYPOINT");
        assertTrue(
                instructions.stream().anyMatch(l -> l.contains("/deployments/quarkus-run.jar")),
                service + ": runs quarkus-run.jar");

        List<String> users =
                instructions.stream().filter(l -> l.startsWith("USER ")).toList();
        assertEquals(1, users.size());
        String uid = users.get(0).substring(5).strip();
        assertTrue(uid.matches("[1-9][0-9]*"), "USER must be a numeric non-root UID: " + uid);
        String chartUid = Manifests.YAML
                .readTree(HelmChart.CHART.resolve("values.yaml").toFile())
                .path("securityContext")
                .path("runAsUser")
                .asText();
        assertEquals(chartUid, uid, "the chart's securityContext.runAsUser is the image's user");
        int userIndex = instructions.indexOf(users.get(0));
        int entrypointIndex = instructions.indexOf(instructions.stream()
                .filter(l -> l.startsWith("ENTRYPOINT"))
                .findFirst()
                .orElseThrow());
        assertTrue(userIndex < entrypointIndex, "USER comes before the ENTRYPOINT");
    }
}
