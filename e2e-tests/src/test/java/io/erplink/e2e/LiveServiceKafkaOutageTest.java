package io.erplink.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.erplink.infra.KafkaBroker;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 17: live-service stays ready while Kafka is down, because its outbox keeps what it cannot
 * publish. A live-service of its own (own database, own broker, so the suite's Kafka is untouched)
 * is started, its broker is stopped, an order is placed while the ERP is down too: it is queued
 * ({@code 202}), its {@code orders.queued} event waits unpublished in the outbox, and readiness
 * answers 200 at every poll for 20 s.
 */
@ExtendWith(SuiteExtension.class)
class LiveServiceKafkaOutageTest {
    private static final String DATABASE = "live_kafka_outage";

    @AfterEach
    void clearFaults() {
        Simulator.clearFaults(SuiteExtension.suite());
    }

    @Test
    void liveServiceStaysReadyAndKeepsTheQueuedOrderInItsOutboxWhileKafkaIsDown() throws Exception {
        Suite suite = SuiteExtension.suite();
        try (Connection db = suite.db();
                Statement s = db.createStatement()) {
            s.execute("drop database if exists " + DATABASE);
            s.execute("create database " + DATABASE);
        }
        String jdbcUrl = suite.infra().postgres().jdbcUrl(DATABASE);
        AppProcess live;
        try (KafkaBroker broker = KafkaBroker.builder().start()) {
            live = suite.startLiveInstance(
                    "live-service-kafka-outage",
                    Map.of(
                            "QUARKUS_DATASOURCE_JDBC_URL",
                            jdbcUrl,
                            "KAFKA_BOOTSTRAP_SERVERS",
                            broker.bootstrapServers()));
        } // the broker is stopped here
        try {
            Simulator.faults(suite, "{\"outage\":true}");
            String orderId = "E2E-KAFKA-DOWN-" + UUID.randomUUID();
            Storefront.placeOrder(live, orderId).statusCode(202);

            List<String> notReady = new ArrayList<>();
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            HttpRequest ready = HttpRequest.newBuilder(URI.create(live.url() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5))
                    .build();
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            int polls = 0;
            while (System.nanoTime() < end) {
                HttpResponse<String> answer = http.send(ready, HttpResponse.BodyHandlers.ofString());
                polls++;
                if (answer.statusCode() != 200) {
                    notReady.add(answer.statusCode() + " " + answer.body());
                }
                Thread.sleep(500);
            }
            assertEquals(List.of(), notReady, "readiness answers of " + polls + " polls with Kafka down");

            try (Connection db = java.sql.DriverManager.getConnection(
                            jdbcUrl,
                            suite.infra().postgres().username(),
                            suite.infra().postgres().password());
                    Statement s = db.createStatement();
                    ResultSet rs = s.executeQuery("select count(*) filter (where published_at is null),"
                            + " count(*) filter (where published_at is not null)"
                            + " from live.outbox_event where topic = 'orders.queued' and event_key = '" + orderId
                            + "'")) {
                rs.next();
                assertEquals(1, rs.getLong(1), "the queued order's event waits in the outbox");
                assertEquals(0, rs.getLong(2), "nothing was published");
            }
        } finally {
            live.stop();
        }
    }
}
