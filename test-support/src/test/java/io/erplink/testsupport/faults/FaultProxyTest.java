package io.erplink.testsupport.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The proxy against a real echo server on a loopback socket. */
class FaultProxyTest {
    private EchoServer echo;
    private FaultProxy proxy;

    @BeforeEach
    void start() throws IOException {
        echo = new EchoServer();
        proxy = FaultProxy.start("localhost", echo.port());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void forwardsEveryByteUnchangedBothWays() throws Exception {
        byte[] sent = new byte[3 * 1024 * 1024 + 17];
        new Random(16).nextBytes(sent);
        try (Socket socket = new Socket("localhost", proxy.port())) {
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(sent);
                    socket.shutdownOutput();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            byte[] received = socket.getInputStream().readAllBytes();
            writing.get(30, TimeUnit.SECONDS);
            assertArrayEquals(sent, received, "the echo of 3 MiB through the proxy");
        }
        assertEquals(1, proxy.forwardedConnections());
    }

    @Test
    void latencyDelaysEachDirectionWithoutReorderingBytes() throws Exception {
        proxy.latency(Duration.ofMillis(300));
        try (Socket socket = new Socket("localhost", proxy.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            long started = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                out.write(i);
            }
            out.flush();
            byte[] back = in.readNBytes(50);
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            for (int i = 0; i < 50; i++) {
                assertEquals(i, back[i], "byte " + i + " in order");
            }
            // up and down each hold the bytes at least 300 ms: a lower bound, never flaky on a slow machine
            assertTrue(elapsedMs >= 600, "round trip took " + elapsedMs + " ms, less than twice the latency");
        }
    }

    @Test
    void healedLatencyNoLongerDelaysARoundTripMoreThanTheLatencyDid() throws Exception {
        proxy.latency(Duration.ofSeconds(2));
        proxy.heal();
        try (Socket socket = new Socket("localhost", proxy.port())) {
            socket.setSoTimeout(10_000);
            long started = System.nanoTime();
            socket.getOutputStream().write(7);
            assertEquals(7, socket.getInputStream().read());
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            assertTrue(elapsedMs < 4000, "round trip after heal took " + elapsedMs + " ms");
        }
    }

    @Test
    void cutClosesTheClientAndTheTargetSide() throws Exception {
        try (Socket socket = new Socket("localhost", proxy.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(1);
            assertEquals(1, socket.getInputStream().read(), "connected through");
            assertEquals(1, proxy.liveConnections());

            proxy.cut();

            assertEquals(-1, readOrEof(socket), "the client sees the connection end");
            assertTrue(echo.awaitClosed(1, Duration.ofSeconds(10)), "the target sees the connection end");
            assertEquals(0, proxy.liveConnections());
        }
        // a new connection goes through again
        try (Socket again = new Socket("localhost", proxy.port())) {
            again.setSoTimeout(10_000);
            again.getOutputStream().write(2);
            assertEquals(2, again.getInputStream().read());
        }
    }

    @Test
    void blackHoleAcceptsButNeverForwardsUntilHealed() throws Exception {
        proxy.blackHole();
        try (Socket socket = new Socket("localhost", proxy.port())) {
            socket.setSoTimeout(700);
            socket.getOutputStream().write(3);
            assertThrows(
                    SocketTimeoutException.class, () -> socket.getInputStream().read(), "no answer");
            assertEquals(1, proxy.acceptedConnections(), "accepted");
            assertEquals(0, proxy.forwardedConnections(), "not forwarded");
            assertEquals(0, echo.accepted(), "the target never saw it");

            proxy.heal();

            socket.setSoTimeout(10_000);
            assertEquals(-1, readOrEof(socket), "a held connection is closed on heal, so its client reconnects");
        }
        try (Socket healed = new Socket("localhost", proxy.port())) {
            healed.setSoTimeout(10_000);
            healed.getOutputStream().write(4);
            assertEquals(4, healed.getInputStream().read(), "healed: forwarded again");
        }
        assertEquals(1, echo.accepted());
    }

    @Test
    void targetDownClosesTheClientConnection() throws Exception {
        echo.close();
        try (Socket socket = new Socket("localhost", proxy.port())) {
            socket.setSoTimeout(10_000);
            assertEquals(-1, readOrEof(socket));
        }
        assertEquals(0, proxy.forwardedConnections());
    }

    private static int readOrEof(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read();
        } catch (java.net.SocketException reset) {
            return -1;
        }
    }

    /** Echoes every byte back on each connection; counts connections accepted and ended. */
    private static final class EchoServer implements AutoCloseable {
        private final ServerSocket server;
        private final AtomicInteger accepted = new AtomicInteger();
        private final AtomicInteger ended = new AtomicInteger();
        private final ConcurrentLinkedQueue<Socket> sockets = new ConcurrentLinkedQueue<>();

        EchoServer() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::accept, "echo");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        boolean awaitClosed(int count, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (ended.get() < count && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            return ended.get() >= count;
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    accepted.incrementAndGet();
                    sockets.add(socket);
                    Thread t = new Thread(() -> echo(socket), "echo-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void echo(Socket socket) {
            try (socket) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // reset by the proxy's cut
            } finally {
                ended.incrementAndGet();
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}
