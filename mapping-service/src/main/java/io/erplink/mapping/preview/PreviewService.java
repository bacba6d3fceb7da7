package io.erplink.mapping.preview;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.erplink.mapping.config.MappingConfig;
import io.erplink.mapping.engine.CompiledJob;
import io.erplink.mapping.engine.DryRun;
import io.erplink.mapping.engine.SourceRow;
import io.erplink.mapping.jobs.JobRegistry;
import io.erplink.protocol.ProtocolException;
import io.erplink.protocol.tables.TableRow;
import io.erplink.protocol.tables.TablesReader;

/** Runs a job on sample rows in memory (see {@link DryRun}); never touches the database. */
@ApplicationScoped
public class PreviewService {
    private final JobRegistry registry;
    private final MappingConfig config;

    PreviewService(JobRegistry registry, MappingConfig config) {
        this.registry = registry;
        this.config = config;
    }

    /**
     * @throws IllegalArgumentException for a request without a job, an unknown job name or too many rows
     * @throws io.erplink.mapping.engine.JobValidationException for an invalid inline job
     */
    public PreviewResult preview(PreviewRequest request) {
        CompiledJob job = resolve(request);
        List<PreviewRequest.Row> rows = request.rows() == null ? List.of() : request.rows();
        if (rows.size() > config.previewMaxRows()) {
            throw new IllegalArgumentException(
                    "a preview takes at most " + config.previewMaxRows() + " rows, got " + rows.size());
        }
        List<SourceRow> source = new ArrayList<>(rows.size());
        long position = 0;
        for (PreviewRequest.Row row : rows) {
            position++;
            if (row == null || row.table() == null || row.table().isBlank()) {
                throw new IllegalArgumentException("row " + position + " has no table");
            }
            source.add(new SourceRow(
                    row.table(),
                    row.page() == null ? 1 : row.page(),
                    row.row() == null ? position : row.row(),
                    row.columns() == null ? new LinkedHashMap<>() : row.columns()));
        }
        return run(job, source);
    }

    /**
     * Preview of sample rows given as a {@code <tables>} XML document (streamed, never a tree).
     *
     * @throws IllegalArgumentException for an unknown job, hostile or malformed XML (DOCTYPE, entities,
     *         wrong structure: the message names line and column), too many rows or too many bytes
     */
    public PreviewResult previewXml(String jobName, InputStream body) {
        if (jobName == null || jobName.isBlank()) {
            throw new IllegalArgumentException("give the job as ?job=<name>");
        }
        CompiledJob job = registry.find(jobName)
                .orElseThrow(() -> new IllegalArgumentException("no job " + jobName))
                .compiled();
        return run(job, readXml(body, config.previewMaxRows(), config.previewMaxBytes()));
    }

    /** The rows of a {@code <tables>} document, page 1, numbered from 1, within the limits. */
    static List<SourceRow> readXml(InputStream body, int maxRows, long maxBytes) {
        List<SourceRow> rows = new ArrayList<>();
        LimitedInput in = new LimitedInput(body, maxBytes);
        try (TablesReader reader = TablesReader.open(in)) {
            for (TableRow row = reader.next(); row != null; row = reader.next()) {
                if (rows.size() >= maxRows) {
                    throw new IllegalArgumentException("a preview takes at most " + maxRows + " rows");
                }
                rows.add(new SourceRow(row.table(), 1, rows.size() + 1, row.columns()));
            }
        } catch (ProtocolException e) {
            if (in.exceeded) {
                throw new IllegalArgumentException("a preview body takes at most " + maxBytes + " bytes");
            }
            throw new IllegalArgumentException("the <tables> document is not acceptable: " + e.getMessage()
                    + (e.line() > 0 ? " (line " + e.line() + ", column " + e.column() + ")" : ""));
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(
                    in.exceeded
                            ? "a preview body takes at most " + maxBytes + " bytes"
                            : "the body could not be read: " + e.getMessage());
        }
        return rows;
    }

    /** Fails the read once more than {@code max} bytes came. */
    private static final class LimitedInput extends FilterInputStream {
        private final long max;
        private long count;
        boolean exceeded;

        LimitedInput(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            count += n;
            if (count > max) {
                exceeded = true;
                throw new IOException("body larger than " + max + " bytes");
            }
        }
    }

    static PreviewResult run(CompiledJob job, List<SourceRow> rows) {
        DryRun run = DryRun.run(job, rows);
        return new PreviewResult(job.name(), run.read(), run.rows(), run.skipped(), run.failed());
    }

    private CompiledJob resolve(PreviewRequest request) {
        if (request.job() != null) {
            return registry.compile(request.job());
        }
        if (request.jobName() == null || request.jobName().isBlank()) {
            throw new IllegalArgumentException("give jobName or an inline job");
        }
        return registry.find(request.jobName())
                .orElseThrow(() -> new IllegalArgumentException("no job " + request.jobName()))
                .compiled();
    }
}
