package io.erplink.live;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

import io.erplink.live.erp.ErpClient;
import io.erplink.protocol.events.CatalogChanged;
import io.erplink.protocol.events.Topics;
import io.erplink.testsupport.ErpSimulatorTestResource;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(PostgresKafkaTestResource.class)
@QuarkusTestResource(ErpSimulatorTestResource.class)
@QuarkusTestResource(StorefrontAuthTestResource.class)
class PriceLookupTest {
    private static final AtomicInteger NEXT_PRODUCT = new AtomicInteger(10100);

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeAll
    static void catalog() throws Exception {
        // The imported catalog as mapping-service would leave it (its schema; only the columns read here).
        try (Connection connection = PostgresKafkaTestResource.openConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("create schema if not exists commerce");
            sql.execute(
                    "create table if not exists commerce.EcomProducts (ProductId text not null, ProductVariantId text not null"
                            + " default '', ProductLanguageId text not null default '', ProductPrice numeric(28,8),"
                            + " ProductStock numeric(28,8), ProductCurrencyCode text, primary key (ProductId, ProductLanguageId, ProductVariantId))");
            sql.execute(
                    "insert into commerce.EcomProducts values ('10900', '', 'en-us', 123.45, 7, 'EUR') on conflict do nothing");
        }
    }

    @AfterEach
    void erpHealthy() {
        Simulator.clearFaults();
        breakers.reset(ErpClient.BREAKER);
    }

    static String product() {
        return Integer.toString(NEXT_PRODUCT.getAndIncrement());
    }

    static JsonPath prices(String apiKey, String currency, List<Map<String, Object>> items) {
        return given().header("X-Api-Key", apiKey)
                .contentType(ContentType.JSON)
                .body(Map.of("currency", currency, "items", items))
                .when()
                .post("/api/v1/prices")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static Map<String, Object> item(String productId, int quantity) {
        return Map.of("productId", productId, "quantity", quantity);
    }

    @Test
    void answersFromTheErpFirstThenFromTheCache() {
        String product = product();
        JsonPath first = prices(StorefrontAuthTestResource.customerAKey(), "EUR", List.of(item(product, 1)));
        assertEquals("erp", first.getString("items[0].source"));
        assertEquals(true, first.getBoolean("live"));
        assertEquals(false, first.getBoolean("items[0].stale"));
        BigDecimal price = new BigDecimal(first.getString("items[0].price"));
        assertTrue(price.signum() > 0, "a positive price");
        assertTrue(first.getString("items[0].stock") != null, "stock answered");

        long before = Simulator.requests("GetEcomData.Products");
        JsonPath second = prices(StorefrontAuthTestResource.customerAKey(), "EUR", List.of(item(product, 1)));
        assertEquals("cache", second.getString("items[0].source"));
        assertEquals(price, new BigDecimal(second.getString("items[0].price")));
        assertEquals(before, Simulator.requests("GetEcomData.Products"), "a cache hit does not reach the ERP");
    }

    @Test
    void pricesAreCustomerSpecificAndFollowQuantityBreaks() {
        String product = product();
        JsonPath a =
                prices(StorefrontAuthTestResource.customerAKey(), "EUR", List.of(item(product, 1), item(product, 10)));
        JsonPath b = prices(StorefrontAuthTestResource.customerBKey(), "EUR", List.of(item(product, 1)));
        BigDecimal one = new BigDecimal(a.getString("items[0].price"));
        BigDecimal ten = new BigDecimal(a.getString("items[1].price"));
        assertTrue(ten.compareTo(one) < 0, "quantity 10 gets the ERP's quantity-break price: " + ten + " < " + one);
        assertEquals("erp", b.getString("items[0].source"), "another customer's price is not served from A's cache");
    }

    @Test
    void concurrentIdenticalMissesMakeOneErpCall() throws Exception {
        String product = product();
        Simulator.faults("{\"latencyMs\":400}");
        long before = Simulator.requests("GetEcomData.Products");
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Callable<JsonPath>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                calls.add(() -> prices(StorefrontAuthTestResource.customerAKey(), "EUR", List.of(item(product, 1))));
            }
            List<BigDecimal> answers = new ArrayList<>();
            for (Future<JsonPath> answer : pool.invokeAll(calls)) {
                answers.add(new BigDecimal(answer.get().getString("items[0].price")));
            }
            assertEquals(1, answers.stream().distinct().count(), "everyone got the same price");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(
                before + 1, Simulator.requests("GetEcomData.Products"), "12 concurrent identical misses, one ERP call");
    }

    @Test
    void splitsBigLookupsIntoChunksOfTheConfiguredSize() {
        List<Map<String, Object>> items =
                IntStream.range(0, 120).mapToObj(i -> item(product(), 1)).toList();
        long before = Simulator.requests("GetEcomData.Products");
        JsonPath answer = prices(StorefrontAuthTestResource.customerAKey(), "GBP", items);
        assertEquals(120, answer.getList("items").size());
        assertTrue(answer.getList("items.source").stream().allMatch("erp"::equals));
        assertTrue(answer.getList("items.currency").stream().allMatch("GBP"::equals));
        assertEquals(before + 3, Simulator.requests("GetEcomData.Products"), "120 products in requests of at most 50");
    }

    @Test
    void answersTheLastErpPriceMarkedStaleWhileTheErpIsDown() {
        String product = product();
        JsonPath live = prices(StorefrontAuthTestResource.customerAKey(), "EUR", List.of(item(product, 1)));
        String price = live.getString("items[0].price");
        Awaitility.await().pollDelay(java.time.Duration.ofMillis(3200)).until(() -> true); // past the test TTL of 3 s
        Simulator.faults("{\"outage\":true}");
        given().header("X-Api-Key", StorefrontAuthTestResource.customerAKey())
                .contentType(ContentType.JSON)
                .body(Map.of("currency", "EUR", "items", List.of(item(product, 1))))
                .when()
                .post("/api/v1/prices")
                .then()
                .statusCode(200)
                .body("live", equalTo(false))
                .body("items[0].source", equalTo("cache"))
                .body("items[0].stale", equalTo(true))
                .body("items[0].ageSeconds", greaterThan(2))
                .body("items[0].price", equalTo(Float.parseFloat(price)));
    }

    @Test
    void answersTheImportedCatalogPriceWhenNothingIsCachedAndTheErpIsDown() {
        Simulator.faults("{\"outage\":true}");
        given().header("X-Api-Key", StorefrontAuthTestResource.customerAKey())
                .contentType(ContentType.JSON)
                .body(Map.of("currency", "EUR", "items", List.of(item("10900", 1), item("NO-SUCH-PRODUCT", 1))))
                .when()
                .post("/api/v1/prices")
                .then()
                .statusCode(200)
                .body("live", equalTo(false))
                .body("items[0].source", equalTo("catalog"))
                .body("items[0].stale", equalTo(true))
                .body("items[0].price", equalTo(123.45f))
                .body("items[0].ageSeconds", nullValue())
                .body("items[1].available", equalTo(false))
                .body("items[1].source", nullValue());
    }

    @Test
    void catalogChangedDropsTheCachedPricesOfTheTouchedProducts() throws Exception {
        String key = StorefrontAuthTestResource.customerAKey();
        try (KafkaProducer<String, String> producer = PostgresKafkaTestResource.stringProducer()) {
            // The consumer reads from the latest offset once it has its partitions: wait until it drops a probe
            // product.
            String probe = product();
            Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(60))
                    .pollInterval(java.time.Duration.ofMillis(200))
                    .until(() -> {
                        prices(key, "EUR", List.of(item(probe, 1)));
                        publish(producer, List.of(probe));
                        Thread.sleep(500);
                        return "erp"
                                .equals(prices(key, "EUR", List.of(item(probe, 1)))
                                        .getString("items[0].source"));
                    });

            String touched = product();
            String untouched = product();
            prices(key, "EUR", List.of(item(touched, 1), item(untouched, 1)));
            publish(producer, List.of(touched));
            Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(2))
                    .pollInterval(java.time.Duration.ofMillis(50))
                    .until(() -> "erp"
                            .equals(prices(key, "EUR", List.of(item(touched, 1)))
                                    .getString("items[0].source")));
            assertEquals(
                    "cache",
                    prices(key, "EUR", List.of(item(untouched, 1))).getString("items[0].source"),
                    "the untouched product was not dropped");
        }
    }

    private static void publish(KafkaProducer<String, String> producer, List<String> products) throws Exception {
        CatalogChanged event = new CatalogChanged(
                UUID.randomUUID().toString(), CatalogChanged.VERSION, "run-1", "EcomProducts", products, false);
        producer.send(new ProducerRecord<>(
                        Topics.CATALOG_CHANGED, "run-1", new ObjectMapper().writeValueAsString(event)))
                .get();
    }

    @Test
    void refusesAnotherCustomersPricesAndBadRequests() {
        given().header("X-Api-Key", StorefrontAuthTestResource.customerAKey())
                .contentType(ContentType.JSON)
                .body(Map.of("customerId", StorefrontAuthTestResource.CUSTOMER_B, "items", List.of(item("10001", 1))))
                .when()
                .post("/api/v1/prices")
                .then()
                .statusCode(403);
        given().header("X-Api-Key", StorefrontAuthTestResource.customerAKey())
                .contentType(ContentType.JSON)
                .body(Map.of("items", List.of()))
                .when()
                .post("/api/v1/prices")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", notNullValue());
        given().header("X-Api-Key", StorefrontAuthTestResource.customerAKey())
                .contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("productId", "10001", "quantity", -1))))
                .when()
                .post("/api/v1/prices")
                .then()
                .statusCode(400);
    }

    @Test
    void anonymousVisitorsGetListPricesWithoutQuantityDiscounts() {
        String product = product();
        given().contentType(ContentType.JSON)
                .body(Map.of("currency", "EUR", "items", List.of(item(product, 1), item(product, 100))))
                .when()
                .post("/api/v1/prices")
                .then()
                .statusCode(200)
                .body("customerId", nullValue())
                .body("items", hasSize(2))
                .body("items.available", everyItem(equalTo(true)))
                .body(
                        "items[1].price",
                        equalTo(given().contentType(ContentType.JSON)
                                .body(Map.of("currency", "EUR", "items", List.of(item(product, 1))))
                                .post("/api/v1/prices")
                                .jsonPath()
                                .getFloat("items[0].price")));
    }
}
