package io.erplink.simulator.bc.odata;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;

import io.erplink.simulator.bc.model.Row;
import io.erplink.simulator.bc.model.Table;
import io.erplink.simulator.faults.Disruptions;

/**
 * One page of a collection, streamed row by row: rows after the skiptoken's key (or from the start,
 * past {@code $skip} matches), that match the filter, up to the page size and {@code $top}; a
 * nextLink with a new skiptoken when a further matching row exists and $top allows it.
 */
public final class PageWriter {
    private static final JsonFactory JSON =
            JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private final Table table;
    private final QueryOptions options;
    private final int pageSize;
    private final String context;
    private final String nextLinkBase;

    /**
     * @param context      the {@code @odata.context} URL
     * @param nextLinkBase the request URL without query; the nextLink is this plus the request's own
     *                     options and the new {@code $skiptoken}
     */
    public PageWriter(Table table, QueryOptions options, int pageSize, String context, String nextLinkBase) {
        this.table = table;
        this.options = options;
        this.pageSize = pageSize;
        this.context = context;
        this.nextLinkBase = nextLinkBase;
    }

    /**
     * Writes the page. Faults: {@code truncateAfterBytes} > 0 ends the body after that many bytes;
     * {@code stallMs} > 0 sends the first bytes, then waits that long.
     */
    public void write(OutputStream out, long truncateAfterBytes, long stallMs) throws IOException {
        OutputStream target = truncateAfterBytes > 0 ? new Truncating(out, truncateAfterBytes) : out;
        try (JsonGenerator json = JSON.createGenerator(target, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("@odata.context", context);
            if (stallMs > 0) {
                json.flush();
                Disruptions.sleep(stallMs);
            }
            if (options.count()) {
                json.writeNumberField("@odata.count", count());
            }
            json.writeArrayFieldStart("value");
            SkipToken token = options.token();
            long remaining = token != null ? token.remaining() : options.top();
            long skip = token != null ? 0 : options.skip();
            Iterator<Row> rows = table.rowsAfter(token == null ? null : token.afterKey());
            long limit = remaining < 0 ? pageSize : Math.min(pageSize, remaining);
            long written = 0;
            Row last = null;
            while (written < limit && rows.hasNext()) {
                Row row = rows.next();
                if (!options.filter().test(row)) {
                    continue;
                }
                if (skip > 0) {
                    skip--;
                    continue;
                }
                JsonRows.write(json, table, row, options.select());
                written++;
                last = row;
            }
            json.writeEndArray();
            long left = remaining < 0 ? -1 : remaining - written;
            if (last != null && left != 0 && written == pageSize && hasMatch(rows)) {
                String skiptoken = new SkipToken(table.key(last), left).encode(table);
                StringBuilder link = new StringBuilder(nextLinkBase).append('?');
                for (String pair : options.rawPairs()) {
                    link.append(pair).append('&');
                }
                link.append("$skiptoken=").append(skiptoken);
                json.writeStringField("@odata.nextLink", link.toString());
            }
            json.writeEndObject();
        } catch (Truncated e) {
            // the injected truncation: the body ends here, mid-document
        }
    }

    private boolean hasMatch(Iterator<Row> rows) {
        while (rows.hasNext()) {
            if (options.filter().test(rows.next())) {
                return true;
            }
        }
        return false;
    }

    private long count() {
        long count = 0;
        Iterator<Row> rows = table.rowsAfter(null);
        while (rows.hasNext()) {
            if (options.filter().test(rows.next())) {
                count++;
            }
        }
        return count;
    }

    /** Thrown by {@link Truncating} to stop the generator where the body is cut. */
    private static final class Truncated extends IOException {
        Truncated() {
            super("truncated", null);
        }
    }

    /** Passes bytes through until the limit, then stops the writer. */
    private static final class Truncating extends OutputStream {
        private final OutputStream out;
        private long left;

        Truncating(OutputStream out, long limit) {
            this.out = out;
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                throw new Truncated();
            }
            int n = (int) Math.min(len, left);
            out.write(b, off, n);
            left -= n;
            if (n < len) {
                out.flush();
                throw new Truncated();
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
