package io.erplink.simulator.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.erplink.simulator.connector.PageCache;
import io.erplink.simulator.faults.FaultInjector;
import io.erplink.simulator.faults.Faults;
import io.erplink.simulator.orders.OrderBook;
import io.erplink.simulator.stats.RequestStats;

/** Fault injection, received orders and request statistics, for tests and demos (JSON). */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin", description = "Fault injection, received orders, request statistics")
public class AdminResource {

    @Inject
    FaultInjector<Faults> faults;

    @Inject
    OrderBook orders;

    @Inject
    RequestStats stats;

    @Inject
    Optional<PageCache> pageCache;

    /**
     * One shop OrderID as the ERP saw it; {@code erpOrderNumber} is its first ERP order,
     * {@code erpOrderNumbers} all of them (more than one: duplicates, when CreateOrder is not idempotent).
     */
    public record OrderView(
            String shopOrderId,
            String erpOrderNumber,
            List<String> erpOrderNumbers,
            long duplicates,
            String customerId,
            Instant firstReceivedAt,
            Instant lastReceivedAt,
            Instant createdAt,
            long calculateRequests,
            long createRequests,
            String orderPriceWithVat,
            String currencyCode) {}

    /**
     * The order book in figures: shop OrderIDs received, those created, ERP orders, and duplicates (ERP
     * orders beyond the first per OrderID) with the OrderIDs that have them.
     */
    public record OrdersSummary(
            boolean idempotentCreate,
            long orderIds,
            long createdOrderIds,
            long erpOrders,
            long duplicates,
            List<String> duplicatedOrderIds) {}

    /** Whether CreateOrder is idempotent by OrderID. */
    public record CreateMode(boolean idempotent) {}

    /** Requests by type and status; requests in flight now and at most since the last reset. */
    public record StatsView(long total, Map<String, Map<String, Long>> byTypeAndStatus, int inFlight, int highWater) {}

    @GET
    @Path("/faults")
    @Operation(summary = "The active faults")
    public Faults getFaults() {
        return faults.current();
    }

    @PUT
    @Path("/faults")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the active faults (missing fields are off); restarts the seeded fault RNG")
    public Response putFaults(Faults next) {
        if (next == null) {
            return Response.status(400)
                    .type(MediaType.TEXT_PLAIN)
                    .entity("a JSON body with the faults is required")
                    .build();
        }
        String problems = next.problems();
        if (problems != null) {
            return Response.status(400)
                    .type(MediaType.TEXT_PLAIN)
                    .entity(problems)
                    .build();
        }
        faults.set(next);
        return Response.ok(faults.current()).build();
    }

    @DELETE
    @Path("/faults")
    @Operation(summary = "Switch every fault off")
    public Faults resetFaults() {
        faults.reset();
        return faults.current();
    }

    @GET
    @Path("/orders")
    @Operation(
            summary = "Every shop OrderID received (calculated or created), with ERP number, times and request counts")
    public List<OrderView> getOrders() {
        return orders.entries().stream()
                .map(entry -> {
                    OrderBook.CreatedOrder created = entry.created().orElse(null);
                    return new OrderView(
                            entry.shopOrderId(),
                            created == null ? null : created.erpOrderNumber(),
                            entry.erpOrders().stream()
                                    .map(OrderBook.CreatedOrder::erpOrderNumber)
                                    .toList(),
                            entry.duplicates(),
                            created == null ? null : created.customerId(),
                            entry.firstReceivedAt(),
                            entry.lastReceivedAt(),
                            created == null ? null : created.createdAt(),
                            entry.calculateRequests(),
                            entry.createRequests(),
                            created == null ? null : created.result().get("OrderPriceWithVAT"),
                            created == null ? null : created.result().get("OrderCurrencyCode"));
                })
                .toList();
    }

    @GET
    @Path("/orders/summary")
    @Operation(
            summary =
                    "OrderIDs received and created, ERP orders, and duplicates (ERP orders beyond the first per OrderID)")
    public OrdersSummary getOrdersSummary() {
        List<OrderBook.Entry> entries = orders.entries();
        return new OrdersSummary(
                orders.idempotentCreate(),
                entries.size(),
                entries.stream().filter(e -> e.created().isPresent()).count(),
                entries.stream().mapToLong(e -> e.erpOrders().size()).sum(),
                entries.stream().mapToLong(OrderBook.Entry::duplicates).sum(),
                entries.stream()
                        .filter(e -> e.duplicates() > 0)
                        .map(OrderBook.Entry::shopOrderId)
                        .toList());
    }

    @GET
    @Path("/create-mode")
    @Operation(summary = "Whether CreateOrder is idempotent by OrderID (erplink.simulator.idempotent-create)")
    public CreateMode getCreateMode() {
        return new CreateMode(orders.idempotentCreate());
    }

    @PUT
    @Path("/create-mode")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Switch CreateOrder between idempotent by OrderID and unforgiving (a repeated OrderID creates"
                    + " a second ERP order with a new number)")
    public Response putCreateMode(CreateMode mode) {
        if (mode == null) {
            return Response.status(400)
                    .type(MediaType.TEXT_PLAIN)
                    .entity("a JSON body {\"idempotent\": true|false} is required")
                    .build();
        }
        orders.idempotentCreate(mode.idempotent());
        return Response.ok(new CreateMode(orders.idempotentCreate())).build();
    }

    @DELETE
    @Path("/orders")
    @Operation(summary = "Forget every order")
    public Response clearOrders() {
        orders.clear();
        return Response.noContent().build();
    }

    @GET
    @Path("/stats")
    @Operation(
            summary = "Connector requests by type and HTTP status (0 = connection closed without answer), requests in"
                    + " flight and their high-water mark")
    public StatsView getStats() {
        return new StatsView(stats.total(), stats.snapshot(), stats.inFlight(), stats.highWater());
    }

    @DELETE
    @Path("/stats")
    @Operation(summary = "Reset the request statistics")
    public Response clearStats() {
        stats.clear();
        return Response.noContent().build();
    }

    @GET
    @Path("/page-cache")
    @Operation(summary = "The page cache (erplink.simulator.page-cache): pages and bytes held, hits and misses")
    public PageCache.Stats getPageCache() {
        return pageCache.map(PageCache::stats).orElse(new PageCache.Stats(false, 0, 0, 0, 0, 0));
    }

    @DELETE
    @Path("/page-cache")
    @Operation(summary = "Empty the page cache and reset its counters")
    public Response clearPageCache() {
        pageCache.ifPresent(PageCache::clear);
        return Response.noContent().build();
    }
}
