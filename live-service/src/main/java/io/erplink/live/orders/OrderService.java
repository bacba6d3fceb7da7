package io.erplink.live.orders;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.micrometer.core.instrument.MeterRegistry;

import io.erplink.kit.logging.LogContext;
import io.erplink.live.LiveConfig;
import io.erplink.live.cart.CalculateOrderMapper;
import io.erplink.live.cart.CartDtos.CalculatedCart;
import io.erplink.live.cart.CartDtos.Cart;
import io.erplink.live.erp.ErpClient;
import io.erplink.live.erp.ErpFailures;
import io.erplink.live.erp.ErpRejectedException;
import io.erplink.live.orders.OrderDtos.OrderStatusView;
import io.erplink.live.security.Caller;
import io.erplink.protocol.requests.CalculateOrder;
import io.erplink.protocol.requests.CalculateOrderResult;

/**
 * Places orders. The shop's OrderID is claimed first (a row in PLACING): a second placement of the
 * same OrderID never reaches the ERP and is answered from the stored order (409 when its content
 * differs). Then one CreateOrder: created → stored with the ERP number; ERP unavailable or outcome
 * unknown → queued (status and OrderQueued event in one transaction); refused → forgotten, 422.
 */
@ApplicationScoped
public class OrderService {
    private static final Logger LOG = Logger.getLogger(OrderService.class);
    private static final int MAX_ORDER_ID = 100;

    /** The answer to a placement: HTTP status and body. */
    public record Placement(int status, OrderStatusView order) {}

    private final ErpClient erp;
    private final OrderStore store;
    private final CalculateOrderMapper mapper;
    private final LiveConfig config;
    private final ObjectMapper canonical;
    private final MeterRegistry registry;

    OrderService(
            ErpClient erp,
            OrderStore store,
            CalculateOrderMapper mapper,
            LiveConfig config,
            ObjectMapper json,
            MeterRegistry registry) {
        this.erp = erp;
        this.store = store;
        this.mapper = mapper;
        this.config = config;
        this.registry = registry;
        this.canonical = json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    }

    public Placement place(Caller caller, Cart cart) {
        mapper.validate(cart);
        caller.requireSameCustomer(cart.customerId());
        if (cart.orderId() == null || cart.orderId().isBlank()) {
            throw new BadRequestException("orderId (the shop's OrderID) is required to place an order");
        }
        String orderId = cart.orderId().strip();
        if (orderId.length() > MAX_ORDER_ID) {
            throw new BadRequestException("orderId is longer than " + MAX_ORDER_ID + " characters");
        }
        try (LogContext log = LogContext.put(LogContext.ORDER_ID, orderId)) {
            return place(caller, cart, orderId);
        }
    }

    private Placement place(Caller caller, Cart cart, String orderId) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        CalculateOrder request = mapper.toRequest(caller, cart, orderId, true, now);

        PlacedOrder claim = new PlacedOrder();
        claim.orderId = orderId;
        claim.customerId = caller.customerId();
        claim.clientId = caller.clientId();
        claim.shopId = cart.shopId() == null || cart.shopId().isBlank()
                ? config.shopId()
                : cart.shopId().strip();
        claim.payloadHash = hash(caller, cart);
        claim.currency = mapper.currency(cart);
        claim.calculateOrderXml = request.toXml();
        claim.placedAt = now.toInstant();
        Optional<PlacedOrder> existing = store.claim(claim);
        if (existing.isPresent()) {
            return repeated(caller, claim, existing.get());
        }

        CalculateOrderResult result;
        try {
            result = erp.createOrder(request);
        } catch (ErpRejectedException e) {
            store.forget(orderId);
            count("rejected");
            throw e;
        } catch (RuntimeException e) {
            if (!ErpFailures.unavailable(e)) {
                LOG.warnf(e, "order %s: unexpected failure placing it; queued so it is not lost", orderId);
            }
            return queued(orderId, ErpFailures.reason(e), ErpFailures.outcomeUnknown(e));
        }
        if (!result.orderCreated() || result.integrationOrderId() == null) {
            return queued(
                    orderId,
                    "the ERP answered without confirming the creation (OrderCreated=" + result.get("OrderCreated")
                            + ")",
                    false);
        }
        CalculatedCart calculation = mapper.toCart(orderId, result);
        PlacedOrder created = store.created(
                orderId,
                result.integrationOrderId(),
                calculation.totals() == null ? null : calculation.totals().priceWithVat());
        count("created");
        return new Placement(201, OrderStatusView.of(created, calculation));
    }

    private Placement queued(String orderId, String reason, boolean outcomeUnknown) {
        PlacedOrder order = store.queue(orderId, reason, outcomeUnknown);
        count("queued");
        LOG.infof("order %s queued: %s", orderId, reason);
        return new Placement(status(order), OrderStatusView.of(order, null));
    }

    private Placement repeated(Caller caller, PlacedOrder claim, PlacedOrder stored) {
        if (!stored.payloadHash.equals(claim.payloadHash) || !caller.owns(stored.customerId, stored.clientId)) {
            count("conflict");
            throw new ClientErrorException(
                    "order " + stored.orderId + " was placed before with different content", 409);
        }
        count("repeated");
        return new Placement(status(stored), OrderStatusView.of(stored, null));
    }

    private static int status(PlacedOrder order) {
        return switch (order.status) {
            case CREATED, SYNCED -> 201;
            case PLACING, QUEUED -> 202;
            case FAILED -> 200;
        };
    }

    /** An order of the caller. */
    public OrderStatusView get(Caller caller, String orderId) {
        PlacedOrder order = store.find(orderId).orElseThrow(() -> new NotFoundException("no order " + orderId));
        if (!caller.owns(order.customerId, order.clientId)) {
            throw new ForbiddenException("order " + orderId + " belongs to another customer");
        }
        return OrderStatusView.of(order, null);
    }

    /** Queues interrupted placements; called by the reaper. */
    public int queueInterrupted() {
        return store.queueInterrupted(Instant.now().minus(config.orders().placingTimeout()), 100);
    }

    private void count(String outcome) {
        registry.counter("erplink.live.orders.placed", "outcome", outcome).increment();
    }

    private String hash(Caller caller, Cart cart) {
        try {
            byte[] json = canonical.writeValueAsBytes(new Object[] {
                caller.erpKey(),
                caller.customerId(),
                cart.shopId() == null || cart.shopId().isBlank()
                        ? config.shopId()
                        : cart.shopId().strip(),
                mapper.currency(cart),
                cart.paymentMethod(),
                cart.shippingMethod(),
                cart.customer(),
                cart.delivery(),
                cart.lines()
            });
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash the order", e);
        }
    }
}
