package io.erplink.testsupport.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on a free localhost port in front of one target (PostgreSQL, the ERP, ...) that injects
 * the network faults a production installation meets: added latency, live connections cut, new
 * connections black-holed (accepted, never forwarded), and healed again. Plain blocking sockets, two
 * threads per direction of a connection (a reader, and a writer that holds each chunk until its
 * latency has passed, so latency delays bytes without throttling the stream).
 *
 * <p>Kafka: a client only bootstraps through the proxy; it then talks to the address the broker
 * advertises. Restart the broker instead ({@code KafkaBroker#kill9}) to cut Kafka.
 */
public final class FaultProxy implements AutoCloseable {
    private static final byte[] END = new byte[0];

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Thread acceptor;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final Set<Socket> held = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong forwarded = new AtomicLong();
    private volatile long latencyNanos;
    private volatile boolean blackHole;
    private volatile boolean closed;

    private FaultProxy(InetSocketAddress target, ServerSocket server) {
        this.target = target;
        this.server = server;
        this.acceptor = new Thread(this::acceptLoop, "fault-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
    }

    /** A proxy to {@code host:port}, listening on a free port of localhost. */
    public static FaultProxy start(String host, int port) {
        try {
            ServerSocket server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
            FaultProxy proxy = new FaultProxy(new InetSocketAddress(host, port), server);
            proxy.acceptor.start();
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a proxy port for " + host + ":" + port, e);
        }
    }

    /** The port clients connect to instead of the target's. */
    public int port() {
        return server.getLocalPort();
    }

    /** {@code localhost:port} of the proxy. */
    public String address() {
        return "localhost:" + port();
    }

    /** Every byte in either direction arrives this much later (0: no delay). Applies to live connections too. */
    public FaultProxy latency(Duration delay) {
        latencyNanos = delay.toNanos();
        return this;
    }

    /** Closes every live connection on both sides (the client and the target see the connection drop). */
    public FaultProxy cut() {
        for (Link link : List.copyOf(links)) {
            link.close();
        }
        return this;
    }

    /** New connections are accepted but never reach the target and never get a byte back. */
    public FaultProxy blackHole() {
        blackHole = true;
        return this;
    }

    /**
     * No latency, no black hole: new connections reach the target again. Black-holed connections are
     * closed (their client would never hear anything on them), so the client reconnects.
     */
    public FaultProxy heal() {
        latencyNanos = 0;
        blackHole = false;
        for (Socket socket : List.copyOf(held)) {
            closeQuietly(socket);
            held.remove(socket);
        }
        return this;
    }

    /** Connections accepted so far (forwarded and black-holed). */
    public long acceptedConnections() {
        return accepted.get();
    }

    /** Connections forwarded to the target so far. */
    public long forwardedConnections() {
        return forwarded.get();
    }

    /** Forwarded connections open right now. */
    public int liveConnections() {
        return links.size();
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        cut();
        heal();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            accepted.incrementAndGet();
            if (blackHole) {
                held.add(client);
                continue;
            }
            Thread connect = new Thread(() -> connect(client), "fault-proxy-connect-" + port());
            connect.setDaemon(true);
            connect.start();
        }
    }

    private void connect(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(target, 10_000);
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
        } catch (IOException e) {
            // the target is down: the client sees a refused-like close, as it would without the proxy
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        forwarded.incrementAndGet();
        Link link = new Link(client, upstream);
        links.add(link);
        if (closed) {
            link.close();
            return;
        }
        link.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing: nothing left to do
        }
    }

    /** One forwarded connection: client to target and back. */
    private final class Link {
        private final Socket client;
        private final Socket upstream;
        private volatile boolean closedLink;
        private int directionsDone;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void start() {
            pipe(client, upstream, "up");
            pipe(upstream, client, "down");
        }

        private void pipe(Socket from, Socket to, String direction) {
            LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> read(from, queue), "fault-proxy-" + port() + "-read-" + direction);
            Thread writer = new Thread(() -> write(to, queue), "fault-proxy-" + port() + "-write-" + direction);
            reader.setDaemon(true);
            writer.setDaemon(true);
            reader.start();
            writer.start();
        }

        private void read(Socket from, LinkedBlockingQueue<Chunk> queue) {
            byte[] buffer = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    queue.add(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime() + latencyNanos));
                }
            } catch (IOException e) {
                // reset or cut: the writer ends the other side
            }
            queue.add(new Chunk(END, System.nanoTime() + latencyNanos));
        }

        private void write(Socket to, LinkedBlockingQueue<Chunk> queue) {
            try {
                OutputStream out = to.getOutputStream();
                while (true) {
                    Chunk chunk = queue.take();
                    long wait = chunk.due() - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    if (chunk.bytes() == END) {
                        to.shutdownOutput();
                        break;
                    }
                    out.write(chunk.bytes());
                    out.flush();
                }
            } catch (IOException e) {
                close();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                return;
            }
            directionDone();
        }

        private synchronized void directionDone() {
            if (++directionsDone == 2) {
                close();
            }
        }

        void close() {
            if (closedLink) {
                return;
            }
            closedLink = true;
            links.remove(this);
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    private record Chunk(byte[] bytes, long due) {}
}
