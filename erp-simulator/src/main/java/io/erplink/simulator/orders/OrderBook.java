package io.erplink.simulator.orders;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.erplink.protocol.requests.CalculateOrderResult;

/**
 * The simulated ERP's sales orders, in memory, by the shop's OrderID. Unforgiving by default, like
 * Business Central: every CreateOrder creates a sales order with a new number, so an OrderID created
 * twice exists twice ({@link Entry#duplicates()}). Idempotent when switched so
 * ({@code erplink.simulator.idempotent-create}, {@code PUT /admin/create-mode}): the same OrderID again
 * gives the same order. Also counts every CalculateOrder request per OrderID.
 */
public final class OrderBook {

    /** What the ERP knows about one shop OrderID. */
    public static final class Entry {
        private final String shopOrderId;
        private final Instant firstReceivedAt;
        private volatile Instant lastReceivedAt;
        private final AtomicLong calculateRequests = new AtomicLong();
        private final AtomicLong createRequests = new AtomicLong();
        private final List<CreatedOrder> created = new CopyOnWriteArrayList<>();

        Entry(String shopOrderId, Instant now) {
            this.shopOrderId = shopOrderId;
            this.firstReceivedAt = now;
            this.lastReceivedAt = now;
        }

        public String shopOrderId() {
            return shopOrderId;
        }

        public Instant firstReceivedAt() {
            return firstReceivedAt;
        }

        public Instant lastReceivedAt() {
            return lastReceivedAt;
        }

        public long calculateRequests() {
            return calculateRequests.get();
        }

        public long createRequests() {
            return createRequests.get();
        }

        /** The first order created for the OrderID, or empty while it was only calculated. */
        public Optional<CreatedOrder> created() {
            return created.isEmpty() ? Optional.empty() : Optional.of(created.get(0));
        }

        /** Every ERP order created for the OrderID, oldest first (more than one only when not idempotent). */
        public List<CreatedOrder> erpOrders() {
            return List.copyOf(created);
        }

        /** ERP orders of this OrderID beyond the first: orders a real ERP would hold twice. */
        public long duplicates() {
            return Math.max(0, created.size() - 1);
        }
    }

    /** An order created in the ERP: its number, when, and its calculation at creation. */
    public record CreatedOrder(
            String shopOrderId,
            String erpOrderNumber,
            String customerId,
            Instant createdAt,
            CalculateOrderResult result) {}

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong nextNumber = new AtomicLong(100_001);
    private final Clock clock;
    private volatile boolean idempotentCreate;

    /**
     * @param idempotentCreate whether a repeated OrderID returns the order created before instead of a new one
     */
    public OrderBook(Clock clock, boolean idempotentCreate) {
        this.clock = clock;
        this.idempotentCreate = idempotentCreate;
    }

    public boolean idempotentCreate() {
        return idempotentCreate;
    }

    /** Switches the create mode (admin API); orders created so far stay as they are. */
    public void idempotentCreate(boolean idempotent) {
        this.idempotentCreate = idempotent;
    }

    /** Records a calculation (CreateOrder=False) for an OrderID. */
    public void recordCalculation(String shopOrderId) {
        if (shopOrderId == null || shopOrderId.isBlank()) {
            return;
        }
        Entry entry = entry(shopOrderId);
        entry.calculateRequests.incrementAndGet();
    }

    /**
     * Creates an ERP order: a new number and the calculation {@code calculate} gives for it. When
     * idempotent, a later call for the same OrderID returns the order created first instead.
     */
    public CreatedOrder create(
            String shopOrderId, String customerId, Function<String, CalculateOrderResult> calculate) {
        Entry entry = entry(shopOrderId);
        entry.createRequests.incrementAndGet();
        synchronized (entry) {
            if (idempotentCreate && !entry.created.isEmpty()) {
                return entry.created.get(0);
            }
            String number = "SO" + nextNumber.getAndIncrement();
            CalculateOrderResult result = calculate.apply(number);
            CreatedOrder order = new CreatedOrder(shopOrderId, number, customerId, clock.instant(), result);
            entry.created.add(order);
            return order;
        }
    }

    private Entry entry(String shopOrderId) {
        Instant now = clock.instant();
        Entry entry = entries.computeIfAbsent(shopOrderId, id -> new Entry(id, now));
        entry.lastReceivedAt = now;
        return entry;
    }

    /** Every ERP order of a shop OrderID, oldest first: what a SalesHeaders filter by OrderId finds. */
    public List<CreatedOrder> find(String shopOrderId) {
        Entry entry = shopOrderId == null ? null : entries.get(shopOrderId.strip());
        return entry == null ? List.of() : entry.erpOrders();
    }

    /** Every entry, oldest first. */
    public List<Entry> entries() {
        return entries.values().stream()
                .sorted(Comparator.comparing(Entry::firstReceivedAt).thenComparing(Entry::shopOrderId))
                .toList();
    }

    /** Every created order, oldest first. */
    public List<CreatedOrder> createdOrders() {
        return entries().stream()
                .flatMap(entry -> entry.erpOrders().stream())
                .sorted(Comparator.comparing(CreatedOrder::createdAt).thenComparing(CreatedOrder::erpOrderNumber))
                .toList();
    }

    /** Created orders of one customer, oldest first. */
    public List<CreatedOrder> ordersOf(String customerId) {
        return createdOrders().stream()
                .filter(order -> customerId != null && customerId.equals(order.customerId()))
                .toList();
    }

    /** Forgets every order (numbers keep counting so they never repeat within a run). */
    public void clear() {
        entries.clear();
    }
}
