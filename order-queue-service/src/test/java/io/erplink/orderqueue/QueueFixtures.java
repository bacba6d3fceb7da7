package io.erplink.orderqueue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.erplink.protocol.events.ErpStatusChanged;
import io.erplink.protocol.events.OrderQueued;
import io.erplink.protocol.events.Topics;
import io.erplink.protocol.requests.CalculateOrder;
import io.erplink.testsupport.ErpSimulatorTestResource;

/** What the tests need around the service: shop orders, Kafka events, the simulated ERP's admin API. */
public final class QueueFixtures {
    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static KafkaProducer<String, String> producer;

    private QueueFixtures() {}

    /** A unique shop OrderID for a test. */
    public static String orderId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The CalculateOrder request with CreateOrder=True the shop would send for this order. */
    public static String createOrderXml(String orderId, String customer, boolean createOrder) {
        Map<String, String> order = new LinkedHashMap<>();
        order.put("OrderCustomerAccessUserExternalId", customer);
        order.put("CreateOrder", createOrder ? "True" : "False");
        order.put("OrderID", orderId);
        order.put("OrderCurrencyCode", "EUR");
        order.put("OrderDate", "2026-11-22T10:00:00");
        order.put("OrderCustomerName", "Test customer " + customer);
        Map<String, String> line = new LinkedHashMap<>();
        line.put("OrderLineID", orderId + "-1");
        line.put("OrderLineProductID", "10001");
        line.put("OrderLineQuantity", "2");
        return new CalculateOrder(order, List.of(line)).toXml();
    }

    public static OrderQueued queued(String orderId, String shop, String customer) {
        return new OrderQueued(
                UUID.randomUUID().toString(),
                OrderQueued.VERSION,
                orderId,
                shop,
                customer,
                createOrderXml(orderId, customer, true),
                "ERP circuit breaker open",
                Instant.now(),
                false);
    }

    public static void publish(OrderQueued event) {
        send(Topics.ORDERS_QUEUED, event.orderId(), json(event));
    }

    public static void publishErpUp() {
        ErpStatusChanged up = new ErpStatusChanged(
                UUID.randomUUID().toString(),
                ErpStatusChanged.VERSION,
                "live-service/erp",
                ErpStatusChanged.Status.UP,
                "probe succeeded",
                Instant.now());
        send(Topics.ERP_STATUS, "erp", json(up));
    }

    public static synchronized void send(String topic, String key, String value) {
        if (producer == null) {
            Properties properties = new Properties();
            properties.put(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
            producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
        }
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sets the simulated ERP's faults, e.g. {@code {"outage":true}}. */
    public static void faults(String json) {
        admin("PUT", "/admin/faults", json);
    }

    public static void clearFaults() {
        admin("DELETE", "/admin/faults", null);
    }

    /** CreateOrder requests the simulated ERP received per shop OrderID. */
    public static Map<String, Integer> erpCreateRequests() {
        JsonNode orders;
        try {
            orders = JSON.readTree(admin("GET", "/admin/orders", null));
        } catch (Exception e) {
            throw new IllegalStateException("unreadable /admin/orders", e);
        }
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode order : orders.isArray() ? orders : orders.path("orders")) {
            counts.put(
                    order.path("shopOrderId").asText(),
                    order.path("createRequests").asInt());
        }
        return counts;
    }

    /** Every ERP order number the simulated ERP holds per shop OrderID (more than one: a duplicate order). */
    public static Map<String, List<String>> erpOrderNumbers() {
        JsonNode orders;
        try {
            orders = JSON.readTree(admin("GET", "/admin/orders", null));
        } catch (Exception e) {
            throw new IllegalStateException("unreadable /admin/orders", e);
        }
        Map<String, List<String>> numbers = new HashMap<>();
        for (JsonNode order : orders) {
            List<String> list = new java.util.ArrayList<>();
            order.path("erpOrderNumbers").forEach(n -> list.add(n.asText()));
            numbers.put(order.path("shopOrderId").asText(), list);
        }
        return numbers;
    }

    /** The simulated ERP's duplicate orders (ERP orders beyond the first per OrderID), over every test so far. */
    public static int erpDuplicates() {
        try {
            return JSON.readTree(admin("GET", "/admin/orders/summary", null))
                    .path("duplicates")
                    .asInt(-1);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable /admin/orders/summary", e);
        }
    }

    private static String admin(String method, String path, String body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ErpSimulatorTestResource.adminUrl() + path))
                    .header("Content-Type", "application/json");
            request.method(
                    method,
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
