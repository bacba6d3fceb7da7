package io.erplink.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** k8s/base is what k8s/generate-base.sh makes from the chart today, byte for byte. */
class K8sBaseTest {

    @Test
    void baseIsAFreshRenderOfTheChart() throws Exception {
        Map<String, String> fresh = K8sBase.render();
        TreeSet<String> committed = new TreeSet<>();
        try (Stream<Path> files = Files.list(K8sBase.DIRECTORY)) {
            files.map(f -> f.getFileName().toString()).forEach(committed::add);
        }
        List<String> drift = new ArrayList<>();
        if (!committed.equals(new TreeSet<>(fresh.keySet()))) {
            drift.add("files " + committed + " instead of " + new TreeSet<>(fresh.keySet()));
        }
        fresh.forEach((file, content) -> {
            Path path = K8sBase.DIRECTORY.resolve(file);
            try {
                if (Files.isRegularFile(path) && !Files.readString(path).equals(content)) {
                    drift.add(file + " differs");
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertEquals(List.of(), drift, "k8s/base has drifted from helm/erplink: run k8s/generate-base.sh");
    }

    @Test
    void everyGeneratedFileSaysHowItIsMade() {
        K8sBase.render()
                .forEach((file, content) ->
                        assertTrue(content.contains(K8sBase.GENERATED), file + " carries the generated-file notice"));
    }
}
