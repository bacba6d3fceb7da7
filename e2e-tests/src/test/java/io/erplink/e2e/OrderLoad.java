package io.erplink.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shop clients placing orders through live-service concurrently, as a shop does: each order is sent
 * until live-service accepts it (201 created or 202 queued), retrying the same orderId after an error
 * answer or a dropped connection; every {@code resendEvery}-th accepted order is sent once more (a
 * client that did not hear the first answer). Counts what each answer was.
 */
final class OrderLoad implements AutoCloseable {
    private static final Duration GIVE_UP = Duration.ofMinutes(5);

    private final AppProcess live;
    private final String prefix;
    private final int resendEvery;
    private final ExecutorService clients;
    private final HttpClient http;
    private final List<Future<?>> placed = new ArrayList<>();
    private final List<String> orderIds = new ArrayList<>();
    private final Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicInteger resent = new AtomicInteger();
    private final AtomicLong connectionErrors = new AtomicLong();

    /**
     * @param prefix      every orderId starts with it (the accounting filters the ERP's order book by it)
     * @param clients     concurrent shop clients
     * @param resendEvery every n-th accepted order is sent again; 0 for never
     */
    OrderLoad(AppProcess live, String prefix, int clients, int resendEvery) {
        this.live = live;
        this.prefix = prefix;
        this.resendEvery = resendEvery;
        AtomicInteger n = new AtomicInteger();
        this.clients = Executors.newFixedThreadPool(clients, r -> {
            Thread t = new Thread(r, "shop-client-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Queues {@code count} more orders (ids {@code prefix-<n>}); returns at once. */
    synchronized void place(int count) {
        for (int i = 0; i < count; i++) {
            String orderId = prefix + "-" + orderIds.size();
            orderIds.add(orderId);
            placed.add(clients.submit(() -> placeUntilAccepted(orderId)));
        }
    }

    /** Waits until every order queued so far is accepted; fails when one was given up. */
    void awaitAccepted(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Future<?>> all;
        synchronized (this) {
            all = List.copyOf(placed);
        }
        for (Future<?> future : all) {
            future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    /** Blocks until at least {@code count} orders are accepted. */
    void awaitAcceptedCount(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (accepted.get() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + accepted.get() + " of " + count + " orders accepted after "
                        + timeout.toSeconds() + " s; answers " + answers());
            }
            Thread.sleep(50);
        }
    }

    synchronized List<String> orderIds() {
        return List.copyOf(orderIds);
    }

    int accepted() {
        return accepted.get();
    }

    /** Sends of an order after an error answer or a dropped connection. */
    int retries() {
        return retries.get();
    }

    /** Accepted orders sent once more on purpose. */
    int resent() {
        return resent.get();
    }

    /** HTTP status → how many answers had it (-1: no answer, the connection failed). */
    Map<Integer, Integer> answers() {
        Map<Integer, Integer> copy = new java.util.TreeMap<>();
        answers.forEach((status, count) -> copy.put(status, count.get()));
        return copy;
    }

    private void placeUntilAccepted(String orderId) {
        sendUntilAccepted(orderId);
        int n = accepted.incrementAndGet();
        if (resendEvery > 0 && n % resendEvery == 0) {
            sendUntilAccepted(orderId);
            resent.incrementAndGet();
        }
    }

    /** Sends the order until it is answered 201 or 202, as a shop retries after an error or no answer. */
    private void sendUntilAccepted(String orderId) {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        boolean first = true;
        while (true) {
            if (!first) {
                retries.incrementAndGet();
            }
            first = false;
            int status = send(orderId);
            if (status == 201 || status == 202) {
                return;
            }
            if (status >= 400 && status < 500 && status != 429) {
                throw new AssertionError("order " + orderId + " refused with " + status);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("order " + orderId + " not accepted within " + GIVE_UP.toMinutes()
                        + " min; answers " + answers());
            }
            sleep(250);
        }
    }

    private int send(String orderId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(live.url() + "/api/v1/orders"))
                .timeout(Duration.ofSeconds(30))
                .header("X-Api-Key", Suite.API_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(orderId)))
                .build();
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            connectionErrors.incrementAndGet();
            status = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted placing " + orderId, e);
        }
        answers.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
        return status;
    }

    private static String body(String orderId) {
        return """
                {"orderId":"%s","currency":"EUR","shippingMethod":"UPS",\
                "customer":{"name":"Ada Buyer","address":"1 Main St","city":"Aarhus","zip":"8000",\
                "countryCode":"DK","email":"ada@example.com"},\
                "lines":[{"productId":"10001","quantity":1}]}""".formatted(orderId);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        clients.shutdownNow();
    }
}
