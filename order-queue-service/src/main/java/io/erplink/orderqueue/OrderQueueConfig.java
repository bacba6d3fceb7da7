package io.erplink.orderqueue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything order-queue-service can be told: how it drains, how hard it may push the ERP, who may operate it. */
@ConfigMapping(prefix = "erplink.orderqueue")
public interface OrderQueueConfig {

    /** The automatic sync of queued orders (the "sync queued orders" task of the source documents). */
    Sync sync();

    /** The calls to the ERP connector. */
    Erp erp();

    /** The operator API. */
    Operator operator();

    interface Sync {
        /** Whether this replica drains the queue at all (an API-only replica sets false). */
        @WithDefault("true")
        boolean enabled();

        /** How often the drainer looks for due orders when nothing wakes it earlier. */
        @WithDefault("2s")
        Duration interval();

        /**
         * Only orders finished (placed) at least this long ago are synced, so an order the shop is
         * still completing is never sent half-way ("only orders finished for at least X minutes").
         */
        @WithDefault("0s")
        Duration minAge();

        /** At most this many orders are sent per drain run ("at most N orders per run"). */
        @WithDefault("500")
        int maxOrdersPerRun();

        /** Only orders of these shops are synced by this replica ("per shop"); empty means every shop. */
        Optional<List<String>> shops();

        /**
         * The ERP budget for queued orders, in calls per second (a create, or an existence check
         * before a resend), for the whole installation: the replicas share one token bucket in the
         * database, so adding replicas never exceeds it.
         */
        @WithDefault("20")
        double ratePerSecond();

        /** How many orders may be sent back to back before the rate applies (token bucket size). */
        @WithDefault("5")
        int burst();

        /**
         * Orders sent in parallel by this replica (each order by one sender under its lease). More
         * than one keeps the budget used while single calls wait for the ERP.
         */
        @WithDefault("2")
        int workers();

        /** Attempts the ERP answered with a failure before an order is given up as FAILED. */
        @WithDefault("8")
        int maxAttempts();

        /** Backoff after the first failed attempt; doubled per further failure. */
        @WithDefault("5s")
        Duration initialBackoff();

        /** Longest backoff between two attempts of one order. */
        @WithDefault("10m")
        Duration maxBackoff();

        /** Random share (0..1) added to or taken from each backoff, so retries of many orders spread out. */
        @WithDefault("0.2")
        double jitter();

        /**
         * How long a replica owns an order it is sending. Must exceed the longest ERP call (existence
         * check plus create, see {@code erplink.orderqueue.erp.*-timeout}) so a live replica never
         * loses an order mid-call; after it expires another replica takes the order over, checking
         * the ERP for it first.
         */
        @WithDefault("60s")
        Duration lease();

        /**
         * Orders whose earlier create had an unknown outcome are checked in the ERP together: one
         * existence check (SalesHeaders filtered by up to this many OrderIds) costs one call of the
         * budget instead of one per order. 1 checks each order on its own.
         */
        @WithDefault("20")
        int checkBatch();

        /**
         * How long a due outcome-unknown order may wait for its check while other orders are being
         * sent, so that checks go out in batches of {@code check-batch}. When nothing else is due
         * the check goes out at once, whatever its size.
         */
        @WithDefault("2s")
        Duration checkMaxWait();

        /** How often expired leases (replicas that died mid-send) are looked for. */
        @WithDefault("5s")
        Duration leaseCheckInterval();

        /** How often the ERP is probed while it is considered down. */
        @WithDefault("5s")
        Duration probeInterval();

        /** Delay before an order is offered again after the ERP was unreachable (not counted as a failure). */
        @WithDefault("5s")
        Duration unavailableRetryDelay();

        /** How often the queue depth and age gauges are refreshed from the database. */
        @WithDefault("10s")
        Duration metricsInterval();
    }

    interface Erp {
        /** Time allowed for a CreateOrder call; afterwards its outcome counts as unknown. */
        @WithDefault("15s")
        Duration createTimeout();

        /** Time allowed for an existence check (SalesHeaders filtered by OrderId). */
        @WithDefault("10s")
        Duration lookupTimeout();

        /**
         * Hard ceiling of a CreateOrder call in milliseconds, the whole answer included (the {@code @Timeout}
         * of {@code ErpClient#createOrder}; {@code create-timeout} bounds the wait for the answer's start
         * and each pause in its body, a slower answer fails here with its outcome unknown). Keep it above
         * {@code create-timeout}; the sender lease must outlast {@code lookup-ceiling-millis} plus this.
         */
        @WithDefault("20000")
        long createCeilingMillis();

        /** Hard ceiling of an existence check in milliseconds, retries included (the {@code @Timeout} of {@code ErpClient#findOrder(s)}). */
        @WithDefault("15000")
        long lookupCeilingMillis();

        /** Hard ceiling of an availability probe in milliseconds (the {@code @Timeout} of {@code ErpClient#probe}). */
        @WithDefault("10000")
        long probeCeilingMillis();

        /** Time allowed for an availability probe. */
        @WithDefault("5s")
        Duration probeTimeout();

        /** OrderId used for availability probes (a lookup that finds nothing). */
        @WithDefault("erplink-availability-probe")
        String probeOrderId();

        /** Largest ERP response kept with an attempt, in characters; the rest is cut off. */
        @WithDefault("65536")
        int maxStoredResponse();
    }

    interface Operator {
        /**
         * Whether the operator API requires a bearer token with the read or admin role. Only turn this
         * off for a local demo: everyone who can reach the port may then replay orders.
         */
        @WithDefault("true")
        boolean authEnabled();

        /** The role (JWT groups claim) that may read: list, counts, an order with its attempts. */
        @WithDefault("operator")
        String readRole();

        /** The role that may also change: replay, park, unpark (it reads too). */
        @WithDefault("admin")
        String adminRole();

        /** Largest page size the list endpoint returns. */
        @WithDefault("500")
        int maxPageSize();
    }
}
