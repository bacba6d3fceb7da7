package io.erplink.protocol.xml;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import io.erplink.protocol.SecureXml;

/**
 * Counts the bytes the parser pulls between two events. StAX materialises a whole text node or a
 * whole start tag in memory before reporting it, so a single 2 GB column would exhaust the heap
 * before any limit could be checked on the value; this stream fails the read instead.
 */
final class BoundedInput extends FilterInputStream {
    /** The first bytes read are kept, to turn a decoder error's character offset into a line and column. */
    private static final int HEAD = 16 * 1024;

    private final long budget;
    private long sinceMark;
    private final byte[] head = new byte[HEAD];
    private int headLength;

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
                throw new SecureXml.TokenTooLargeException(
                        "a single XML token (text or tag) is larger than " + budget + " bytes");
            }
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            if (headLength < HEAD) {
                head[headLength++] = (byte) b;
            }
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0 && headLength < HEAD) {
            int keep = Math.min(n, HEAD - headLength);
            System.arraycopy(b, off, head, headLength, keep);
            headLength += keep;
        }
        count(n);
        return n;
    }

    /**
     * Line and column (from 1) of the character at {@code charIndex} (from 0) of the UTF-8 input, or
     * null when it lies beyond the first bytes kept.
     */
    int[] position(long charIndex) {
        int line = 1;
        int column = 1;
        long chars = 0;
        for (int i = 0; i < headLength; i++) {
            byte b = head[i];
            if ((b & 0xC0) == 0x80) {
                continue; // continuation byte: part of the character before
            }
            if (chars == charIndex) {
                return new int[] {line, column};
            }
            chars++;
            if (b == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return null;
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
