package io.erplink.kit.erp;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The body of an ERP answer as a stream whose reads always end: when no bytes came for
 * {@code idleTimeout} (the call's timeout), or when the reading thread is interrupted. The
 * fault-tolerance {@code @Timeout} ceilings of the services' ERP clients interrupt the calling thread, so a body
 * that stalls ends at the ceiling. The JDK's own {@code BodySubscribers.ofInputStream()} has no
 * read timeout and swallows interrupts while it waits for bytes: a 1.5 s ceiling on an answer that
 * stalled for 8 s ended after 9.2 s.
 *
 * <p>It subscribes to the body publisher and asks for one list of buffers at a time, so a large
 * answer is still streamed, never held in memory. Closing it before the end cancels the body (the
 * connection is dropped, not reused).
 */
public final class BodyStream extends InputStream implements Flow.Subscriber<List<ByteBuffer>> {
    private static final Object END = new Object();

    private final BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
    private final long idleNanos;
    private volatile Flow.Subscription subscription;
    private Iterator<ByteBuffer> buffers;
    private ByteBuffer current;
    private boolean ended;
    private boolean closed;
    /** Why the body was given up (stall, interrupt): every later read fails with it too, never ends quietly. */
    private IOException abandoned;

    private BodyStream(Duration idleTimeout) {
        this.idleNanos = Math.max(1, idleTimeout.toNanos());
    }

    /** Subscribes a new stream to the body of an answer. */
    public static BodyStream of(Flow.Publisher<List<ByteBuffer>> body, Duration idleTimeout) {
        BodyStream stream = new BodyStream(idleTimeout);
        body.subscribe(stream);
        return stream;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        arrived.add(item);
    }

    @Override
    public void onError(Throwable error) {
        arrived.add(error);
    }

    @Override
    public void onComplete() {
        arrived.add(END);
    }

    @Override
    public int read() throws IOException {
        ByteBuffer buffer = current();
        return buffer == null ? -1 : buffer.get() & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        if (length == 0) {
            return 0;
        }
        ByteBuffer buffer = current();
        if (buffer == null) {
            return -1;
        }
        int n = Math.min(length, buffer.remaining());
        buffer.get(target, offset, n);
        return n;
    }

    @Override
    public int available() {
        return current == null ? 0 : current.remaining();
    }

    /** The buffer to read from, waiting for the next one if needed; null at the end of the body. */
    private ByteBuffer current() throws IOException {
        while (current == null || !current.hasRemaining()) {
            if (closed) {
                throw new IOException("the answer's stream is closed");
            }
            if (abandoned != null) {
                throw new IOException(abandoned.getMessage(), abandoned);
            }
            if (ended) {
                return null;
            }
            if (buffers != null && buffers.hasNext()) {
                current = buffers.next();
                continue;
            }
            Object next = await();
            if (next == END) {
                ended = true;
                return null;
            }
            if (next instanceof Throwable error) {
                ended = true;
                throw error instanceof IOException io ? io : new IOException(error.getMessage(), error);
            }
            @SuppressWarnings("unchecked")
            List<ByteBuffer> list = (List<ByteBuffer>) next;
            buffers = list.iterator();
            subscription.request(1);
        }
        return current;
    }

    private Object await() throws IOException {
        Object next;
        try {
            next = arrived.poll(idleNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the caller's ceiling: it must see the interrupt too
            throw abandon(new InterruptedIOException("interrupted while waiting for the rest of the answer"));
        }
        if (next == null) {
            throw abandon(new HttpTimeoutException("the answer stalled: no bytes for " + Duration.ofNanos(idleNanos)));
        }
        return next;
    }

    private IOException abandon(IOException why) {
        abandoned = why;
        cancel();
        return why;
    }

    private void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!ended && abandoned == null) {
            cancel();
        }
    }
}
