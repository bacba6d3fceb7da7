package io.erplink.batch.fetch;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Counts the bytes read and, when given a sink, copies them to it as they stream by (the raw-response archive). */
final class TeeInputStream extends FilterInputStream {
    private final OutputStream sink;
    private long count;

    TeeInputStream(InputStream in, OutputStream sink) {
        super(in);
        this.sink = sink;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count++;
            if (sink != null) {
                sink.write(b);
            }
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count += n;
            if (sink != null) {
                sink.write(buffer, offset, n);
            }
        }
        return n;
    }

    /** Drains what the parser left unread (trailing whitespace), so the archive holds the whole response. */
    void drain() throws IOException {
        byte[] buffer = new byte[8192];
        while (read(buffer, 0, buffer.length) >= 0) {
            // copied by read
        }
    }

    long count() {
        return count;
    }
}
