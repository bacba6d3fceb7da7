package io.erplink.simulator.orders;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.erplink.protocol.requests.CalculateOrderResult;

/**
 * The simulated ERP's sales orders, in memory, keyed by the shop's OrderID: creating the same
 * OrderID twice gives the same ERP order number and still one order. Also counts every
 * CalculateOrder request per OrderID, so tests can see duplicates and retries.
 */
public final class OrderBook {

    /** What the ERP knows about one shop OrderID. */
    public static final class Entry {
        private final String shopOrderId;
        private final Instant firstReceivedAt;
        private volatile Instant lastReceivedAt;
        private final AtomicLong calculateRequests = new AtomicLong();
        private final AtomicLong createRequests = new AtomicLong();
        private volatile CreatedOrder created;

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

        /** The created order, or empty while the OrderID was only calculated. */
        public Optional<CreatedOrder> created() {
            return Optional.ofNullable(created);
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

    public OrderBook(Clock clock) {
        this.clock = clock;
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
     * Creates the order once: the first call assigns the ERP number and stores the calculation
     * {@code calculate} gives for that number; later calls return the stored order unchanged.
     */
    public CreatedOrder create(
            String shopOrderId, String customerId, Function<String, CalculateOrderResult> calculate) {
        Entry entry = entry(shopOrderId);
        entry.createRequests.incrementAndGet();
        synchronized (entry) {
            if (entry.created == null) {
                String number = "SO" + nextNumber.getAndIncrement();
                CalculateOrderResult result = calculate.apply(number);
                entry.created = new CreatedOrder(shopOrderId, number, customerId, clock.instant(), result);
            }
            return entry.created;
        }
    }

    private Entry entry(String shopOrderId) {
        Instant now = clock.instant();
        Entry entry = entries.computeIfAbsent(shopOrderId, id -> new Entry(id, now));
        entry.lastReceivedAt = now;
        return entry;
    }

    /** The created order of a shop OrderID. */
    public Optional<CreatedOrder> find(String shopOrderId) {
        Entry entry = shopOrderId == null ? null : entries.get(shopOrderId.strip());
        return entry == null ? Optional.empty() : entry.created();
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
                .map(Entry::created)
                .flatMap(Optional::stream)
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
