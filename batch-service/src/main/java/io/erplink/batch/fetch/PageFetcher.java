package io.erplink.batch.fetch;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.erplink.batch.BatchConfig;
import io.erplink.batch.erp.ErpClient;
import io.erplink.batch.erp.ErpEndpoints;
import io.erplink.batch.publish.ChunkPublisher;
import io.erplink.batch.publish.ChunkRule;
import io.erplink.batch.publish.ChunkWriter;
import io.erplink.protocol.ProtocolException;
import io.erplink.protocol.tables.TablesHeader;
import io.erplink.protocol.tables.TablesReader;

/**
 * Moves one page: request it from the ERP (or open it from the archive), stream the body through
 * {@link TablesReader} (never a tree, never the whole page in memory), optionally copy the raw bytes
 * to the archive as they pass, and publish the rows as chunks. Returns once Kafka acknowledged every
 * chunk of the page. Knows nothing about runs, leases or schedules.
 */
@ApplicationScoped
public class PageFetcher {
    private final ErpClient erp;
    private final ErpEndpoints endpoints;
    private final ChunkPublisher publisher;
    private final BatchConfig config;

    PageFetcher(ErpClient erp, ErpEndpoints endpoints, ChunkPublisher publisher, BatchConfig config) {
        this.erp = erp;
        this.endpoints = endpoints;
        this.publisher = publisher;
        this.config = config;
    }

    /** Where to put the rows of a page. */
    public record Target(
            UUID runId,
            String job,
            int page,
            long sequenceFrom,
            ChunkRule chunks,
            boolean archive,
            Runnable checkpoint) {

        /** A writer of this page's chunks. */
        ChunkWriter writer(ChunkPublisher publisher) {
            return publisher.open(runId, job, page, sequenceFrom, chunks, checkpoint);
        }
    }

    /**
     * Requests a page from an ERP endpoint and publishes its rows. Retriable ERP failures are retried by
     * {@link ErpClient}; every attempt starts the page over with the same sequences.
     */
    public PageOutcome fromErp(String endpoint, String requestType, String requestXml, Target target) {
        long start = System.nanoTime();
        Duration timeout = endpoints.pageTimeout(endpoint);
        return erp.fetch(endpoint, requestType, requestXml, timeout, body -> read(body, target, start));
    }

    /** Publishes a page from an archived response, without calling the ERP. */
    public PageOutcome fromArchive(Path file, Target target) throws IOException {
        long start = System.nanoTime();
        try (InputStream in = Files.newInputStream(file)) {
            return read(
                    in,
                    new Target(
                            target.runId(),
                            target.job(),
                            target.page(),
                            target.sequenceFrom(),
                            target.chunks(),
                            false,
                            target.checkpoint()),
                    start);
        }
    }

    /** The archive file of a run's page. */
    public Path archiveFile(UUID runId, int page) {
        return config.archive().directory().resolve(runId.toString()).resolve(String.format("page-%06d.xml", page));
    }

    private PageOutcome read(InputStream body, Target target, long start) throws IOException {
        Path file = target.archive() ? archiveFile(target.runId(), target.page()) : null;
        Path part = file == null ? null : file.resolveSibling(file.getFileName() + ".part");
        OutputStream sink = null;
        if (part != null) {
            Files.createDirectories(part.getParent());
            sink = new BufferedOutputStream(Files.newOutputStream(part), 64 * 1024);
        }
        try {
            TeeInputStream in = new TeeInputStream(body, sink);
            TablesHeader header;
            ChunkWriter writer = target.writer(publisher);
            long row = 0;
            try (TablesReader reader = TablesReader.open(in)) {
                header = reader.header();
                // One reused row, its values encoded straight from the parser's characters: no map and no
                // string per value (they were most of what the page path allocated).
                TablesReader.Row r = new TablesReader.Row();
                while (reader.next(r)) {
                    row++;
                    writer.add(r.table(), row, r);
                }
            } catch (ProtocolException e) {
                throw new ProtocolException(
                        "page " + target.page() + ", after row " + row + ": " + e.getMessage(), -1, -1, e);
            }
            in.drain();
            writer.finish();
            String archived = null;
            if (sink != null) {
                sink.close();
                sink = null;
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                archived = file.toString();
            }
            return new PageOutcome(
                    header,
                    writer.rowCount(),
                    writer.chunkCount(),
                    in.count(),
                    archived,
                    (System.nanoTime() - start) / 1_000_000);
        } finally {
            if (sink != null) {
                sink.close();
                Files.deleteIfExists(part);
            }
        }
    }
}
