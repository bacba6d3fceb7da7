package io.erplink.kit.erp;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every ERP call ends: a body that stalls longer than the call's timeout fails, and a call whose
 * thread is interrupted (what the services' {@code @Timeout} ceilings do) ends at once, whether it
 * waits for the headers or for the rest of the body. Against a real HTTP server that stalls.
 */
class ErpTransportTimeoutTest {
    private static final byte[] HEAD = "<tables><table name=\"EcomOrders\">".getBytes(StandardCharsets.UTF_8);

    private HttpServer server;
    private ExecutorService handlers;
    /** Released after each test so stalled handlers end. */
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        // Headers and the first bytes at once, then nothing until released (or 60 s).
        server.createContext("/stall", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write(HEAD);
            out.flush();
            await(release, 60_000);
            close(exchange);
        });
        // No headers until released.
        server.createContext("/no-headers", exchange -> {
            exchange.getRequestBody().readAllBytes();
            await(release, 60_000);
            exchange.sendResponseHeaders(200, 0);
            close(exchange);
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    @Test
    void bodyThatStallsLongerThanTheCallsTimeoutFailsWithItsOutcomeUnknown() {
        ErpTransport transport = transport("/stall");
        long start = System.nanoTime();
        ErpException failure = assertThrows(
                ErpException.class,
                () -> transport.exchange(
                        "CalculateOrder.CreateOrder", "<x/>", Duration.ofMillis(500), in -> in.readAllBytes()));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(ErpException.Kind.UNAVAILABLE, failure.kind());
        assertTrue(failure.outcomeUnknown(), "the ERP may have acted on the request");
        assertTrue(failure.getMessage().contains("stalled"), failure.getMessage());
        assertTrue(millis >= 450 && millis < 3000, "ended after " + millis + " ms, timeout 500 ms");
    }

    @Test
    void interruptEndsABodyReadThatStallsAndKeepsTheInterrupt() throws Exception {
        ErpTransport transport = transport("/stall");
        CompletableFuture<Boolean> interruptedAfter = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                transport.exchange(
                        "CalculateOrder.CreateOrder", "<x/>", Duration.ofSeconds(5), in -> in.readAllBytes());
                interruptedAfter.completeExceptionally(new AssertionError("the stalled call returned an answer"));
            } catch (ErpException e) {
                interruptedAfter.complete(
                        e.outcomeUnknown() && Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        Thread.sleep(500); // the headers and first bytes are in, the read waits for more
        long interruptedAt = System.nanoTime();
        caller.interrupt();
        caller.join(5000);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - interruptedAt);
        assertTrue(millis < 2000, "the read ended " + millis + " ms after the interrupt");
        assertTrue(interruptedAfter.get(1, TimeUnit.SECONDS), "outcome unknown and the interrupt kept for the caller");
    }

    @Test
    void interruptEndsTheWaitForTheAnswersStart() throws Exception {
        ErpTransport transport = transport("/no-headers");
        CompletableFuture<ErpException> failure = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                transport.exchange("GetEcomData.SalesHeaders", "<x/>", Duration.ofSeconds(30), in -> in.readAllBytes());
            } catch (ErpException e) {
                failure.complete(e);
            }
        });
        caller.start();
        Thread.sleep(500);
        long interruptedAt = System.nanoTime();
        caller.interrupt();
        caller.join(5000);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - interruptedAt);
        assertTrue(millis < 2000, "the wait ended " + millis + " ms after the interrupt");
        assertEquals(
                ErpException.Kind.UNAVAILABLE, failure.get(1, TimeUnit.SECONDS).kind());
    }

    @Test
    void largeAnswerWithPausesShorterThanTheTimeoutIsStreamedWhole() {
        byte[] expected = new byte[3 * 1024 * 1024];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) ('a' + i % 26);
        }
        server.createContext("/paused", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            int chunk = expected.length / 4;
            for (int i = 0; i < 4; i++) {
                out.write(expected, i * chunk, chunk);
                out.flush();
                await(release, 300); // four pauses of 300 ms against a timeout of 1 s
            }
            close(exchange);
        });
        ErpTransport transport = transport("/paused");
        byte[] body = transport.exchange("GetEcomData.Products", "<x/>", Duration.ofSeconds(1), in -> {
            byte[] all = new byte[expected.length + 1];
            int n = 0;
            int read;
            while ((read = in.read(all, n, all.length - n)) > 0) {
                n += read;
            }
            return Arrays.copyOf(all, n);
        });
        assertArrayEquals(expected, body);
    }

    private ErpTransport transport(String path) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        return new ErpTransport(
                new ErpConfig() {
                    @Override
                    public Optional<URI> url() {
                        return Optional.of(url);
                    }

                    @Override
                    public Optional<String> secret() {
                        return Optional.of("a-test-secret-of-32-bytes-length");
                    }

                    @Override
                    public Duration connectTimeout() {
                        return Duration.ofSeconds(2);
                    }

                    @Override
                    public Duration requestTimeout() {
                        return Duration.ofSeconds(30);
                    }

                    @Override
                    public MemorySize maxRequestSize() {
                        return new MemorySize(BigInteger.valueOf(1024 * 1024));
                    }
                },
                new SimpleMeterRegistry(),
                ErpBudget.unlimited(ErpTransport.DEFAULT_ENDPOINT));
    }

    private static void await(CountDownLatch latch, long millis) {
        try {
            latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void close(HttpExchange exchange) {
        try {
            exchange.getResponseBody().close();
        } catch (IOException e) {
            // the client gave up: expected in these tests
        }
        exchange.close();
    }
}
