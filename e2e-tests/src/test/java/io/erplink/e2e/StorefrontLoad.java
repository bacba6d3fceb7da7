package io.erplink.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Storefront clients calling live-service as a shop's servers do, each in a loop with no think time:
 * 70 % price lookups of 5 products, 20 % cart calculations, 10 % order placements. Every answer is
 * checked against docs/storefront-api.md: prices are always {@code 200} (catalog prices marked stale, an
 * item without any price {@code available: false}),
 * a cart is {@code 200} or {@code 503} with {@code Retry-After}, an order {@code 201 created} or
 * {@code 202 queued}. Anything else is a problem, kept with its body.
 */
final class StorefrontLoad {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    /** One answered (or failed) call; {@code erpPrice}: a price item came from the ERP itself. */
    record Sample(String endpoint, long startedNanos, long nanos, int status, boolean erpPrice, String problem) {}

    private final AppProcess live;
    private final String apiKey;
    private final String orderPrefix;
    private final HttpClient http;
    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final AtomicInteger orders = new AtomicInteger();

    StorefrontLoad(AppProcess live, String apiKey, String orderPrefix) {
        this.live = live;
        this.apiKey = apiKey;
        this.orderPrefix = orderPrefix;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(4))
                .build();
    }

    /** Runs {@code clients} clients for {@code duration}, then waits for their last calls. */
    void run(int clients, Duration duration) throws InterruptedException {
        run(clients, duration, () -> {
            int pick = ThreadLocalRandom.current().nextInt(10);
            return pick < 7 ? prices() : pick < 9 ? cart() : order();
        });
    }

    /** The baseline: {@code clients} clients on {@code GET /api/v1/me} (no ERP, no database) for {@code duration}. */
    void runTrivial(int clients, Duration duration) throws InterruptedException {
        run(
                clients,
                duration,
                () -> call(
                        "me",
                        "/api/v1/me",
                        null,
                        (status, body, r) -> new Checked(false, status == 200 ? null : "me answered " + status)));
    }

    private void run(int clients, Duration duration, Supplier<Sample> next) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients, r -> {
            Thread thread = new Thread(r, "storefront-client");
            thread.setDaemon(true);
            return thread;
        });
        long end = System.nanoTime() + duration.toNanos();
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            running.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    samples.add(next.get());
                }
            }));
        }
        pool.shutdown();
        if (!pool.awaitTermination(duration.plus(CALL_TIMEOUT).plusSeconds(10).toSeconds(), TimeUnit.SECONDS)) {
            pool.shutdownNow();
            throw new IllegalStateException("storefront clients still calling " + CALL_TIMEOUT + " after the load");
        }
        for (Future<?> client : running) {
            try {
                client.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a storefront client failed", e.getCause());
            }
        }
    }

    /** Every call so far. */
    List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** Orders placed (their ids start with the prefix). */
    int ordersPlaced() {
        return orders.get();
    }

    private Sample prices() {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            items.append(i == 0 ? "" : ",")
                    .append("{\"productId\":\"")
                    .append(product())
                    .append("\",\"quantity\":")
                    .append(1 + ThreadLocalRandom.current().nextInt(3))
                    .append('}');
        }
        return call(
                "prices", "/api/v1/prices", "{\"currency\":\"EUR\",\"items\":[" + items + "]}", (status, body, r) -> {
                    if (status != 200) {
                        return new Checked(false, "prices answered " + status + " (never fails because of the ERP)");
                    }
                    JsonNode answer = JSON.readTree(body);
                    boolean erp = false;
                    if (answer.path("items").size() != 5) {
                        return new Checked(
                                false, "5 items asked, " + answer.path("items").size() + " answered");
                    }
                    for (JsonNode item : answer.path("items")) {
                        if (!item.path("available").asBoolean()
                                && item.path("source").isNull()) {
                            // no price anywhere (the ERP is down, nothing cached, not in the catalog): documented
                            continue;
                        }
                        String source = item.path("source").asText();
                        erp |= source.equals("erp");
                        if (source.equals("catalog") && !item.path("stale").asBoolean()) {
                            return new Checked(erp, "a catalog price not marked stale: " + item);
                        }
                        if (!source.equals("erp") && !source.equals("cache") && !source.equals("catalog")) {
                            return new Checked(erp, "unknown price source: " + item);
                        }
                        if (source.equals("catalog") && answer.path("live").asBoolean()) {
                            return new Checked(erp, "a catalog price in an answer marked live: " + answer);
                        }
                    }
                    return new Checked(erp, null);
                });
    }

    private Sample cart() {
        return call("cart", "/api/v1/cart/calculate", orderBody(null), (status, body, r) -> {
            if (status == 200) {
                return JSON.readTree(body).path("totals").isObject()
                        ? new Checked(false, null)
                        : new Checked(false, "a cart without totals: " + body);
            }
            if (status == 503 && r.headers().firstValue("Retry-After").isPresent()) {
                return new Checked(false, null);
            }
            return new Checked(
                    false, "cart answered " + status + " " + r.headers().map() + " " + body);
        });
    }

    private Sample order() {
        String orderId = orderPrefix + orders.incrementAndGet();
        return call("orders", "/api/v1/orders", orderBody(orderId), (status, body, r) -> {
            String state = status == 201 || status == 202
                    ? JSON.readTree(body).path("status").asText()
                    : "";
            if ((status == 201 && state.equals("created")) || (status == 202 && state.equals("queued"))) {
                return new Checked(false, null);
            }
            return new Checked(false, "order " + orderId + " answered " + status + " " + body);
        });
    }

    private static String product() {
        return Integer.toString(10001 + ThreadLocalRandom.current().nextInt(Suite.PRODUCTS));
    }

    private static String orderBody(String orderId) {
        return (orderId == null ? "{" : "{\"orderId\":\"" + orderId + "\",")
                + "\"currency\":\"EUR\",\"lines\":[{\"productId\":\"" + product()
                + "\",\"quantity\":1},{\"productId\":\"" + product() + "\",\"quantity\":2}]}";
    }

    private record Checked(boolean erpPrice, String problem) {}

    @FunctionalInterface
    private interface Check {
        Checked check(int status, String body, HttpResponse<String> response) throws IOException;
    }

    private Sample call(String endpoint, String path, String body, Check check) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(live.url() + path))
                .timeout(CALL_TIMEOUT)
                .header("X-Api-Key", apiKey);
        HttpRequest request = body == null
                ? builder.GET().build()
                : builder.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long nanos = System.nanoTime() - started;
            Checked checked;
            try {
                checked = check.check(response.statusCode(), response.body(), response);
            } catch (IOException e) {
                checked = new Checked(false, endpoint + ": not JSON: " + response.body());
            }
            return new Sample(endpoint, started, nanos, response.statusCode(), checked.erpPrice(), checked.problem());
        } catch (IOException e) {
            return new Sample(endpoint, started, System.nanoTime() - started, 0, false, endpoint + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Sample(endpoint, started, System.nanoTime() - started, 0, false, endpoint + ": interrupted");
        }
    }

    /** Per endpoint: calls, answers by status, p50 and p99 in ms, of the samples started in [from, to). */
    static Map<String, String> summary(List<Sample> samples, long fromNanos, long toNanos) {
        Map<String, List<Sample>> byEndpoint = new TreeMap<>();
        for (Sample sample : samples) {
            if (sample.startedNanos() >= fromNanos && sample.startedNanos() < toNanos) {
                byEndpoint
                        .computeIfAbsent(sample.endpoint(), k -> new ArrayList<>())
                        .add(sample);
            }
        }
        Map<String, String> lines = new LinkedHashMap<>();
        byEndpoint.forEach((endpoint, list) -> {
            long[] nanos = list.stream().mapToLong(Sample::nanos).sorted().toArray();
            Map<Integer, AtomicLong> statuses = new TreeMap<>();
            list.forEach(s ->
                    statuses.computeIfAbsent(s.status(), k -> new AtomicLong()).incrementAndGet());
            lines.put(
                    endpoint,
                    String.format(
                            "%,d calls, p50 %.0f ms, p99 %.0f ms, answers %s",
                            nanos.length, percentile(nanos, 0.50) / 1e6, percentile(nanos, 0.99) / 1e6, statuses));
        });
        return lines;
    }

    /** The nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** For messages: the first problems, and how many there were. */
    static String problems(List<Sample> samples) {
        List<String> problems =
                samples.stream().map(Sample::problem).filter(p -> p != null).toList();
        return problems.size() + " problems"
                + (problems.isEmpty() ? "" : ": " + problems.subList(0, Math.min(5, problems.size())));
    }
}
