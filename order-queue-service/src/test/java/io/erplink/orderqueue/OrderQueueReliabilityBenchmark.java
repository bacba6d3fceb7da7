package io.erplink.orderqueue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;

import io.erplink.protocol.events.ErpStatusChanged;
import io.erplink.protocol.events.OrderQueued;
import io.erplink.protocol.events.Topics;
import io.erplink.testsupport.ErpSimulatorTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

/**
 * Reliability of the queue under fire, run on purpose (not part of the test suite):
 * {@code ./mvnw -B -q -pl order-queue-service package -DskipTests} first, then
 * {@code ./mvnw -B -q -pl order-queue-service exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.erplink.orderqueue.OrderQueueReliabilityBenchmark [-Dexec.args="1000 20 harsh|mild"]}.
 *
 * <p>Real PostgreSQL, Kafka and erp-simulator; two order-queue-service replicas as separate
 * processes ({@code quarkus-run.jar}) sharing one ERP budget. Orders are queued while the ERP is down,
 * then the ERP comes back and flaps (outage windows, answers dropped after the order was created,
 * errors) while the replicas drain; one replica is killed with SIGKILL mid-drain. The simulator is
 * unforgiving (not idempotent: a repeated create is a second ERP order), as a real ERP. Prints distinct
 * ERP orders against orders placed, duplicates (ERP orders beyond the first per OrderID, from the
 * simulator's order book; the run fails when there is one) and the drain rate as a share of the
 * configured ERP rate.
 *
 * <p>The drain rate is orders placed / drain time (first figure) and orders placed / (drain time -
 * time the simulator was in full outage) (second figure, "while ERP up"; the windows in which
 * created orders get a 500 answer count as up, the ERP is working then). Both divide by the
 * configured rate, in calls/s. After them it prints where the budget of the up time went, from the
 * simulator's own request counts ({@code /admin/stats}, so retries and probes are in) and its order
 * book: creates that created an order, creates that failed before creating one, existence checks
 * and probes (SalesHeaders requests), and budget left unused; then when 25 %...100 % of the orders
 * were synced, to show a slow start or a long tail. These additions measure nothing less than
 * before: the run, the faults and both rate figures are unchanged.
 */
public final class OrderQueueReliabilityBenchmark {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static boolean harshProfile;
    private static String notExactlyOnce;

    public static void main(String[] args) throws Exception {
        int status = 1;
        try {
            run(args);
            status = 0;
        } finally {
            // Kafka and HTTP client threads would keep exec:java waiting after the report.
            System.exit(status);
        }
    }

    private static void run(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 20;
        boolean harsh = args.length <= 2 || !"mild".equals(args[2]);
        Path jar = Path.of(
                System.getProperty("erplink.orderqueue.jar", "order-queue-service/target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            jar = Path.of("target/quarkus-app/quarkus-run.jar");
        }
        if (!Files.exists(jar)) {
            throw new IllegalStateException("package order-queue-service first: no quarkus-run.jar");
        }
        Path logs = Files.createDirectories(jar.getParent().getParent().resolve("reliability"));

        PostgresKafkaTestResource infra = new PostgresKafkaTestResource();
        ErpSimulatorTestResource erp = new ErpSimulatorTestResource();
        List<Process> replicas = new ArrayList<>();
        AtomicBoolean flapping = new AtomicBoolean(true);
        try {
            Map<String, String> config = new HashMap<>(infra.start());
            config.putAll(erp.start());
            String prefix = "rel-" + UUID.randomUUID().toString().substring(0, 6) + "-";

            admin("PUT", "/admin/faults", "{\"outage\":true}");
            int portA = freePort();
            int portB = freePort();
            replicas.add(start(jar, config, rate, portA, logs.resolve("replica-a.log")));
            replicas.add(start(jar, config, rate, portB, logs.resolve("replica-b.log")));
            awaitReady(portA);
            awaitReady(portB);

            try (KafkaProducer<String, String> producer = producer(config)) {
                for (int i = 0; i < orders; i++) {
                    String id = prefix + i;
                    OrderQueued event = new OrderQueued(
                            UUID.randomUUID().toString(),
                            OrderQueued.VERSION,
                            id,
                            "SHOP1",
                            "C" + (i % 50),
                            QueueFixtures.createOrderXml(id, "C" + (i % 50), true),
                            "ERP circuit breaker open",
                            Instant.now(),
                            false);
                    producer.send(new ProducerRecord<>(Topics.ORDERS_QUEUED, id, QueueFixtures.json(event)));
                }
                producer.flush();
                awaitCount(config, prefix, "true", orders, 300);
                System.out.printf("%d orders queued while the ERP was down%n", orders);

                // The ERP returns, and flaps while the replicas drain.
                AtomicLong downNanos = new AtomicLong();
                Thread flapper = new Thread(() -> flap(flapping, downNanos, harsh), "erp-flapper");
                admin("DELETE", "/admin/stats", null); // count only the drain's ERP requests
                Instant startedAt = databaseNow(config);
                long start = System.nanoTime();
                admin("DELETE", "/admin/faults", null);
                ErpStatusChanged up = new ErpStatusChanged(
                        UUID.randomUUID().toString(),
                        ErpStatusChanged.VERSION,
                        "benchmark",
                        ErpStatusChanged.Status.UP,
                        "ERP back",
                        Instant.now());
                producer.send(new ProducerRecord<>(Topics.ERP_STATUS, "erp", QueueFixtures.json(up)))
                        .get();
                flapper.start();

                awaitCount(config, prefix, "status = 'SYNCED'", orders * 2 / 5, 900);
                Process victim = replicas.get(0);
                victim.destroyForcibly(); // SIGKILL: no shutdown hook, leases left behind
                victim.waitFor(30, TimeUnit.SECONDS);
                long killedAt = System.nanoTime();
                System.out.printf(
                        "replica A killed (SIGKILL) after %.1f s, %d synced%n",
                        (killedAt - start) / 1e9, count(config, prefix, "status = 'SYNCED'"));

                awaitCount(config, prefix, "status in ('SYNCED', 'FAILED')", orders, 1800);
                long end = System.nanoTime();
                flapping.set(false);
                flapper.join();
                admin("DELETE", "/admin/faults", null);

                harshProfile = harsh;
                report(config, prefix, orders, rate, (end - start) / 1e9, downNanos.get() / 1e9);
                budgetReport(config, prefix, orders, rate, (end - start) / 1e9, downNanos.get() / 1e9, startedAt);
                if (notExactlyOnce != null) {
                    throw new IllegalStateException(notExactlyOnce);
                }
            }
        } finally {
            flapping.set(false);
            for (Process replica : replicas) {
                replica.destroyForcibly();
            }
            erp.stop();
            infra.stop();
        }
    }

    /**
     * The ERP flaps in cycles. harsh: 6 s healthy (2 % errors), 1.5 s full outage, 1.5 s in which
     * created orders get a 500 answer. mild: 8.5 s healthy (1 % errors), 0.5 s full outage.
     */
    private static void flap(AtomicBoolean flapping, AtomicLong downNanos, boolean harsh) {
        try {
            while (flapping.get()) {
                admin("PUT", "/admin/faults", harsh ? "{\"errorRate\":0.02}" : "{\"errorRate\":0.01}");
                sleepWhile(flapping, harsh ? 6000 : 8500);
                long down = System.nanoTime();
                admin("PUT", "/admin/faults", "{\"outage\":true}");
                sleepWhile(flapping, harsh ? 1500 : 500);
                downNanos.addAndGet(System.nanoTime() - down);
                if (harsh) {
                    admin("PUT", "/admin/faults", "{\"dropAfterCreate\":true}");
                    sleepWhile(flapping, 1500);
                }
            }
        } catch (Exception e) {
            System.err.println("flapper stopped: " + e);
        }
    }

    private static void sleepWhile(AtomicBoolean flag, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (flag.get() && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
    }

    private static void report(
            Map<String, String> config, String prefix, int placed, double rate, double seconds, double downSeconds)
            throws Exception {
        JsonNode listed = QueueFixtures.JSON.readTree(admin("GET", "/admin/orders", null));
        boolean idempotent = QueueFixtures.JSON
                .readTree(admin("GET", "/admin/create-mode", null))
                .path("idempotent")
                .asBoolean(true);
        int distinct = 0;
        long requests = 0;
        long duplicates = 0;
        for (JsonNode order : listed.isArray() ? listed : listed.path("orders")) {
            String id = order.path("shopOrderId").asText();
            if (id.startsWith(prefix) && !order.path("erpOrderNumbers").isEmpty()) {
                distinct++;
                requests += order.path("createRequests").asInt();
                duplicates += order.path("duplicates").asLong();
            }
        }
        long synced = count(config, prefix, "status = 'SYNCED'");
        long failed = count(config, prefix, "status = 'FAILED'");
        Map<String, Long> attempts = attemptsByOutcome(config, prefix);
        long calls = attempts.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("LEASE"))
                .mapToLong(Map.Entry::getValue)
                .sum();
        double drainRate = placed / seconds;
        System.out.println(
                "---- order-queue-service reliability (" + (harshProfile ? "harsh" : "mild") + " flapping) ----");
        System.out.printf("orders placed                 %d%n", placed);
        System.out.printf("distinct ERP orders           %d%n", distinct);
        System.out.printf(
                "duplicates                    %d  (ERP orders beyond the first per OrderID; simulator %s;"
                        + " %d CreateOrder requests for %d orders)%n",
                duplicates, idempotent ? "IDEMPOTENT" : "not idempotent", requests, distinct);
        System.out.printf("synced / failed               %d / %d%n", synced, failed);
        System.out.printf("attempts by outcome           %s%n", attempts);
        System.out.printf(
                "drain time                    %.1f s (ERP in full outage %.1f s of it)%n", seconds, downSeconds);
        System.out.printf("configured ERP rate           %.1f calls/s (shared by both replicas)%n", rate);
        System.out.printf(
                "drain rate                    %.2f orders/s = %.2f of the configured rate%n",
                drainRate, drainRate / rate);
        System.out.printf(
                "drain rate while ERP up       %.2f of the configured rate%n", placed / (seconds - downSeconds) / rate);
        System.out.printf(
                "ERP calls (creates + checks)  %d = %.2f of the budget over the drain%n",
                calls, calls / seconds / rate);
        if (idempotent || duplicates > 0 || distinct != placed) {
            notExactlyOnce = "not exactly once against an unforgiving ERP: simulator idempotent=" + idempotent + ", "
                    + duplicates + " duplicates, " + distinct + " of " + placed + " orders";
        }
    }

    /**
     * Where the send budget of the time the ERP was up went, from the simulator's own request
     * counts (every request that reached it: creates, existence checks, probes, retries) and the
     * order book (which creates created an order). Budget while up = configured rate x (drain time
     * - outage time); requests answered 503 were made during an outage and are left out.
     */
    private static void budgetReport(
            Map<String, String> config,
            String prefix,
            int placed,
            double rate,
            double seconds,
            double downSeconds,
            Instant startedAt)
            throws Exception {
        JsonNode stats =
                QueueFixtures.JSON.readTree(admin("GET", "/admin/stats", null)).path("byTypeAndStatus");
        long createsUp = 0;
        long checksUp = 0;
        long otherUp = 0;
        long outage = 0;
        for (var type = stats.fields(); type.hasNext(); ) {
            var entry = type.next();
            for (var status = entry.getValue().fields(); status.hasNext(); ) {
                var counted = status.next();
                long n = counted.getValue().asLong();
                if ("503".equals(counted.getKey()) || "0".equals(counted.getKey())) {
                    outage += n;
                } else if (entry.getKey().equals("CalculateOrder.create")) {
                    createsUp += n;
                } else if (entry.getKey().startsWith("GetEcomData.SalesHeaders")) {
                    checksUp += n;
                } else {
                    otherUp += n;
                }
            }
        }
        long createRequests = 0;
        for (JsonNode order : QueueFixtures.JSON.readTree(admin("GET", "/admin/orders", null))) {
            if (order.path("shopOrderId").asText().startsWith(prefix)) {
                createRequests += order.path("createRequests").asInt();
            }
        }
        double budget = rate * (seconds - downSeconds);
        long used = createsUp + checksUp + otherUp;
        System.out.printf(
                "budget while ERP up           %.0f calls (%.1f calls/s x %.1f s)%n",
                budget, rate, seconds - downSeconds);
        System.out.printf("  creates that created        %5d = %.3f%n", createRequests, createRequests / budget);
        System.out.printf(
                "  creates failed before it    %5d = %.3f (500 without an order)%n",
                createsUp - createRequests, (createsUp - createRequests) / budget);
        System.out.printf(
                "  existence checks + probes   %5d = %.3f (SalesHeaders requests, retries included)%n",
                checksUp, checksUp / budget);
        System.out.printf("  other requests              %5d = %.3f%n", otherUp, otherUp / budget);
        System.out.printf("  unused                      %5.0f = %.3f%n", budget - used, (budget - used) / budget);
        System.out.printf("requests during outages       %d (503 or connection closed)%n", outage);
        List<Double> syncedAfter = new ArrayList<>();
        try (Connection connection = connect(config);
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("select extract(epoch from synced_at) from orderqueue.queued_order"
                                + " where shop_order_id like '" + prefix
                                + "%' and synced_at is not null order by synced_at")) {
            while (rows.next()) {
                syncedAfter.add(rows.getDouble(1) - startedAt.toEpochMilli() / 1000.0);
            }
        }
        if (!syncedAfter.isEmpty()) {
            StringBuilder line = new StringBuilder();
            for (double share : new double[] {0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1.0}) {
                int index = Math.max(0, (int) Math.ceil(share * syncedAfter.size()) - 1);
                line.append(String.format("%d%% %.1f s  ", Math.round(share * 100), syncedAfter.get(index)));
            }
            System.out.printf(
                    "synced after                  %s%n", line.toString().trim());
        }
    }

    private static Instant databaseNow(Map<String, String> config) throws Exception {
        try (Connection connection = connect(config);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select now()")) {
            rows.next();
            return rows.getTimestamp(1).toInstant();
        }
    }

    private static Process start(Path jar, Map<String, String> config, double rate, int port, Path log)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx256m", "-XX:+UseSerialGC"));
        Map<String, String> properties = new LinkedHashMap<>(config);
        properties.put("quarkus.http.port", Integer.toString(port));
        properties.put("erplink.orderqueue.sync.rate-per-second", Double.toString(rate));
        properties.put("erplink.orderqueue.sync.burst", "5");
        properties.put("erplink.orderqueue.sync.workers", "3");
        properties.put("erplink.orderqueue.sync.interval", "500ms");
        properties.put("erplink.orderqueue.sync.probe-interval", "500ms");
        properties.put("erplink.orderqueue.sync.lease", "10s");
        properties.put("erplink.orderqueue.sync.lease-check-interval", "1s");
        properties.put("erplink.orderqueue.sync.initial-backoff", "1s");
        properties.put("erplink.orderqueue.sync.max-backoff", "4s");
        properties.put("erplink.orderqueue.sync.unavailable-retry-delay", "500ms");
        properties.put("erplink.orderqueue.sync.max-attempts", "50");
        properties.put("erplink.orderqueue.sync.max-orders-per-run", "1000");
        properties.put("erplink.orderqueue.erp.create-timeout", "3s");
        properties.put("erplink.orderqueue.erp.lookup-timeout", "3s");
        // Ceilings within the 10 s lease (the defaults, 15 s + 20 s, suit the default 60 s lease).
        properties.put("erplink.orderqueue.erp.create-ceiling-millis", "5000");
        properties.put("erplink.orderqueue.erp.lookup-ceiling-millis", "4500");
        properties.put("erplink.orderqueue.operator.auth-enabled", "false");
        properties.put("erplink.outbox.poll-interval", "500ms");
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitReady(int port) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < end) {
            try {
                HttpResponse<String> response = HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("replica on port " + port + " not ready within 180 s");
    }

    private static KafkaProducer<String, String> producer(Map<String, String> config) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get("kafka.bootstrap.servers"));
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    private static Connection connect(Map<String, String> config) throws Exception {
        return DriverManager.getConnection(
                config.get("quarkus.datasource.jdbc.url"),
                config.getOrDefault("quarkus.datasource.username", "erplink"),
                config.getOrDefault("quarkus.datasource.password", ""));
    }

    private static long count(Map<String, String> config, String prefix, String condition) throws Exception {
        try (Connection connection = connect(config);
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("select count(*) from orderqueue.queued_order where shop_order_id like '"
                                + prefix + "%' and " + condition)) {
            rows.next();
            return rows.getLong(1);
        } catch (java.sql.SQLException e) {
            return 0; // schema not migrated yet
        }
    }

    private static Map<String, Long> attemptsByOutcome(Map<String, String> config, String prefix) throws Exception {
        Map<String, Long> byOutcome = new LinkedHashMap<>();
        try (Connection connection = connect(config);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select a.kind || ':' || a.outcome, count(*) from orderqueue.order_attempt a"
                                + " join orderqueue.queued_order o on o.id = a.order_id where o.shop_order_id like '"
                                + prefix
                                + "%' group by 1 order by 1")) {
            while (rows.next()) {
                byOutcome.put(rows.getString(1), rows.getLong(2));
            }
        }
        return byOutcome;
    }

    private static void awaitCount(
            Map<String, String> config, String prefix, String condition, long expected, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long last = -1;
        while (System.nanoTime() < end) {
            long now = count(config, prefix, condition);
            if (now >= expected) {
                return;
            }
            if (now != last) {
                last = now;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("only " + last + " of " + expected + " orders reached " + condition);
    }

    private static String admin(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ErpSimulatorTestResource.adminUrl() + path))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private OrderQueueReliabilityBenchmark() {}
}
