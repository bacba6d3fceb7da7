package io.erplink.batch.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.erplink.batch.BcSimulatorTestResource;
import io.erplink.batch.odata.ODataUrls;
import io.erplink.testsupport.BcClient;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * JSON parse throughput of the OData page path (issue 14, goal >= 0.6): one page of 20,000
 * DynamicwebItemCard rows as the BC simulator sends it (every column), taken by the service's own page
 * path into binary chunks, as a ratio to a no-op Jackson pass over the same bytes in the same run
 * ({@link ODataParseRatio} measures and prints). Best of {@code rounds} (default 10) after as many
 * warm-up rounds. The page and the {@code $metadata} are left in {@code target/} for a profiler run of
 * {@code ODataParseRatio}'s main. Excluded from the suite; run with
 * {@code ./mvnw -B verify -pl batch-service -am -Dtest=ODataParseBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ODataParseBenchmark {
    static final int ROWS = 20_000;
    static final String ENTITY_SET = "DynamicwebItemCard";

    @Test
    void parsesAPageOfTwentyThousandItemsAgainstANoOpJacksonPass() throws Exception {
        BcSimulatorTestResource simulator = new BcSimulatorTestResource();
        simulator.init(Map.of("erplink.simulator.bc.items", Integer.toString(ROWS)));
        simulator.start();
        try {
            BcClient bc = BcSimulatorTestResource.client();
            String bearer = bc.bearer();
            byte[] page = bc.get(bc.entitySetUrl(ENTITY_SET), bearer, "Prefer", "odata.maxpagesize=" + ROWS)
                    .getBytes(StandardCharsets.UTF_8);
            byte[] metadata = bc.get(
                            ODataUrls.metadata(URI.create(bc.serviceRoot())).toString(), bearer)
                    .getBytes(StandardCharsets.UTF_8);
            // kept for ODataParseRatio's main (a profiler run without the simulator)
            Files.write(Path.of("target", "odata-parse-page.json"), page);
            Files.write(Path.of("target", "odata-parse-metadata.xml"), metadata);
            ODataParseRatio.Figures figures = ODataParseRatio.measure(
                    page, metadata, ENTITY_SET, "SystemModifiedAt", Integer.getInteger("rounds", 10));
            assertEquals(ROWS, figures.rows());
            figures.print();
        } finally {
            simulator.stop();
        }
    }
}
