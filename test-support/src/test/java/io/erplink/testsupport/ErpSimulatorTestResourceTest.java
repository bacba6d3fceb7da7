package io.erplink.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator itself is exercised by the services' tests; here: what happens when it is not built. */
class ErpSimulatorTestResourceTest {

    @Test
    void missingSimulatorJarFailsWithTheCommandThatBuildsIt(@TempDir Path repo) throws Exception {
        Files.createDirectories(repo.resolve("kafka-dist"));
        String previous = System.getProperty("erplink.repo");
        System.setProperty("erplink.repo", repo.toString());
        try {
            IllegalStateException error =
                    assertThrows(IllegalStateException.class, () -> new ErpSimulatorTestResource().start());
            assertTrue(error.getMessage().contains("erp-simulator is not packaged"), error.getMessage());
            assertTrue(error.getMessage().contains("./mvnw"), error.getMessage());
        } finally {
            if (previous == null) {
                System.clearProperty("erplink.repo");
            } else {
                System.setProperty("erplink.repo", previous);
            }
        }
    }

    @Test
    void accessorsExplainWhenNoSimulatorRuns() {
        IllegalStateException error = assertThrows(IllegalStateException.class, ErpSimulatorTestResource::adminUrl);
        assertTrue(error.getMessage().contains("@QuarkusTestResource(ErpSimulatorTestResource.class)"));
    }
}
