package io.erplink.live;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.erplink.testsupport.ErpSimulatorTestResource;

/** The erp-simulator's admin API: fault injection, request statistics, received orders. */
public final class Simulator {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Simulator() {}

    /** Replaces the active faults, e.g. {@code {"outage":true}}. */
    public static void faults(String json) {
        send(HttpRequest.newBuilder(URI.create(ErpSimulatorTestResource.adminUrl() + "/admin/faults"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    public static void clearFaults() {
        send(HttpRequest.newBuilder(URI.create(ErpSimulatorTestResource.adminUrl() + "/admin/faults"))
                .DELETE()
                .build());
    }

    /** Requests the simulator received of a type (e.g. GetEcomData.Products), any status. */
    public static long requests(String type) {
        JsonNode byType = get("/admin/stats").path("byTypeAndStatus").path(type);
        long total = 0;
        for (JsonNode count : byType) {
            total += count.asLong();
        }
        return total;
    }

    /** CreateOrder requests the ERP received per shop OrderID, and the ERP numbers. */
    public static Map<String, JsonNode> orders() {
        Map<String, JsonNode> orders = new HashMap<>();
        for (JsonNode order : get("/admin/orders")) {
            orders.put(order.path("shopOrderId").asText(), order);
        }
        return orders;
    }

    /** ERP orders beyond the first per shop OrderID, over everything the simulator received. */
    public static int duplicates() {
        return get("/admin/orders/summary").path("duplicates").asInt(-1);
    }

    private static JsonNode get(String path) {
        try {
            return JSON.readTree(send(HttpRequest.newBuilder(URI.create(ErpSimulatorTestResource.adminUrl() + path))
                    .GET()
                    .build()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        request.uri() + ": HTTP " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
