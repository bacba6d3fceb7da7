package io.erplink.batch.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.erplink.batch.erp.ErpClient;
import io.erplink.batch.odata.DeltaValues;
import io.erplink.batch.odata.ODataPageReader;
import io.erplink.batch.publish.ChunkPublisher;
import io.erplink.batch.publish.ChunkWriter;

/**
 * Moves one OData page: GET it (following the planner's URL verbatim), stream the JSON through
 * {@link ODataPageReader} (one row in memory at a time) into the page's chunks, and return once Kafka
 * acknowledged them. A failed attempt (an error answer, a cut or malformed body) publishes no partial
 * chunk and is never committed; a retry sends the page's chunks again with the same sequences.
 */
@ApplicationScoped
public class ODataPageFetcher {
    /** Longest string value accepted in a row (a BC text field holds at most 2,048; blobs are not columns). */
    static final int MAX_STRING = 1024 * 1024;
    /** Deepest nesting accepted: body, value array, row, and a little room for error objects. */
    static final int MAX_DEPTH = 16;

    private static final ODataPageReader READER = new ODataPageReader(MAX_STRING, MAX_DEPTH);

    private final ErpClient erp;
    private final ChunkPublisher publisher;

    ODataPageFetcher(ErpClient erp, ChunkPublisher publisher) {
        this.erp = erp;
        this.publisher = publisher;
    }

    /**
     * One page read, chunked and acknowledged.
     *
     * @param nextLink the server's link to the next page as sent, or null on the last page
     * @param maxDelta the largest delta-field value in the page, or null
     */
    public record Outcome(long rows, int chunks, long bytes, String nextLink, String maxDelta, long millis) {}

    /**
     * @param table      the source table name the rows get (the mapping job's sourceTable)
     * @param deltaField the property whose largest value is tracked for the next delta run
     * @param enumProperties option fields, whose member names are decoded to captions
     */
    public Outcome fetch(
            String endpoint,
            String type,
            URI url,
            int maxPageSize,
            Duration timeout,
            PageFetcher.Target target,
            String table,
            String deltaField,
            Set<String> enumProperties) {
        long start = System.nanoTime();
        return erp.fetchOData(
                endpoint,
                type,
                url,
                "application/json",
                maxPageSize,
                timeout,
                body -> read(body, target, table, deltaField, enumProperties, start));
    }

    /**
     * The part of a fetch between the HTTP body and Kafka: every row of the page, read with the service's
     * limits, goes straight into the writer's binary chunks; returns once Kafka acknowledged them.
     * {@code bench.ODataParseBenchmark} times this very method.
     */
    public static ODataPageReader.Page publish(
            InputStream body, ChunkWriter writer, String table, String deltaField, Set<String> enumProperties)
            throws IOException {
        ODataPageReader.Page page = READER.read(
                body, deltaField, DeltaValues.ORDER, enumProperties, (row, columns) -> writer.add(table, row, columns));
        writer.finish();
        return page;
    }

    private Outcome read(
            InputStream body,
            PageFetcher.Target target,
            String table,
            String deltaField,
            Set<String> enumProperties,
            long start)
            throws IOException {
        TeeInputStream in = new TeeInputStream(body, null);
        ChunkWriter writer = target.writer(publisher);
        ODataPageReader.Page page = publish(in, writer, table, deltaField, enumProperties);
        return new Outcome(
                page.rows(),
                writer.chunkCount(),
                in.count(),
                page.nextLink(),
                page.maxDelta(),
                (System.nanoTime() - start) / 1_000_000);
    }
}
