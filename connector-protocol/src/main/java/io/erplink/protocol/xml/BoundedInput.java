package io.erplink.protocol.xml;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes the parser pulls between two events. StAX materialises a whole text node or a
 * whole start tag in memory before reporting it, so a single 2 GB column would exhaust the heap
 * before any limit could be checked on the value; this stream fails the read instead.
 */
final class BoundedInput extends FilterInputStream {
    private final long budget;
    private long sinceMark;

    BoundedInput(InputStream in, long budget) {
        super(in);
        this.budget = budget;
    }

    /** Called before every parser step. */
    void mark() {
        sinceMark = 0;
    }

    private void count(long n) throws IOException {
        if (n > 0) {
            sinceMark += n;
            if (sinceMark > budget) {
                throw new SecureXml.TokenTooLargeException("a single XML token (text or tag) is larger than "
                        + budget + " bytes");
            }
        }
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
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        count(n);
        return n;
    }

    /** The JDK's XMLStreamReader.close() closes its input; the caller owns the stream, so this does not. */
    @Override
    public void close() {
        // left open on purpose
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }
}
