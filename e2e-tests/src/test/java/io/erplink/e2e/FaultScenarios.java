package io.erplink.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.erplink.infra.KafkaBroker;
import io.erplink.infra.PostgresServer;

/**
 * The fault scenarios of issue 16, at any size: the short tests ({@link OrderFaultsTest},
 * {@link InfrastructureOutageTest}) run them with a few hundred orders and assert every figure; the
 * {@link ReliabilityBenchmark} runs them at full size and prints the figures as a table. Each returns what
 * happened; none asserts.
 */
final class FaultScenarios {
    private FaultScenarios() {}

    /**
     * What a scenario did.
     *
     * @param books          the exact accounting of the orders (null for an import)
     * @param elapsed        from the first order (or the run's start) until everything was settled
     * @param recovery       from the end of the fault until the services were ready again (ZERO when none)
     * @param faults         the faults injected, in words
     * @param readinessDown  readiness answers of the named services while the fault lasted
     * @param answers        HTTP status → count of the shop clients' answers
     */
    record Outcome(
            OrderAccounting books,
            Duration elapsed,
            Duration recovery,
            String faults,
            Map<String, List<Integer>> readinessDown,
            Map<Integer, Integer> answers,
            int clientRetries,
            int resent) {}

    /**
     * R1: {@code orders} orders from {@code clients} shop clients (every 10th sent twice) while the ERP
     * flaps ({@link ErpFlaps}, when {@code flaps}) and the order-queue-service replicas (the suite's and, with
     * {@code twoReplicas}, a second one) are killed with SIGKILL and restarted {@code kills} times in turn,
     * spread over the orders' acceptance. {@code flaps} false and {@code kills} 0: the fault-free baseline.
     */
    static Outcome ordersThroughFlapsAndQueueKills(
            Suite suite, int orders, int clients, boolean flaps, int kills, boolean twoReplicas) throws Exception {
        suite.startOrderServices();
        AppProcess second = twoReplicas ? suite.startOrderQueueInstance("order-queue-service-2") : null;
        List<AppProcess> replicas = twoReplicas ? List.of(suite.orderQueue(), second) : List.of(suite.orderQueue());
        String prefix = "R1-" + UUID.randomUUID().toString().substring(0, 8);
        long started = System.nanoTime();
        Duration longestRecovery = Duration.ZERO;
        int flapChanges = 0;
        try (OrderLoad load = new OrderLoad(suite.live(), prefix, clients, 10)) {
            ErpFlaps erp = flaps ? new ErpFlaps(suite, 1500) : null;
            try {
                load.place(orders);
                for (int k = 1; k <= kills; k++) {
                    load.awaitAcceptedCount(orders * k / (kills + 1), Duration.ofMinutes(10));
                    AppProcess victim = replicas.get((k - 1) % replicas.size());
                    victim.kill9();
                    Thread.sleep(3000);
                    long restarting = System.nanoTime();
                    victim.restart().awaitReady(Suite.READY_TIMEOUT);
                    Duration recovery = Duration.ofNanos(System.nanoTime() - restarting);
                    if (recovery.compareTo(longestRecovery) > 0) {
                        longestRecovery = recovery;
                    }
                }
                load.awaitAccepted(Duration.ofMinutes(30));
            } finally {
                if (erp != null) {
                    flapChanges = erp.changes();
                    erp.close();
                }
            }
            OrderAccounting books =
                    OrderAccounting.settle(suite, prefix, load.orderIds(), Duration.ofSeconds(120 + orders / 10));
            String faults =
                    (flaps ? "ERP flaps (" + flapChanges + " changes: down, create without answer, 429)" : "none")
                            + (kills > 0
                                    ? ", " + kills + " order-queue kill -9 + restart over " + replicas.size()
                                            + " replica(s)"
                                    : "");
            return new Outcome(
                    books,
                    Duration.ofNanos(System.nanoTime() - started),
                    longestRecovery,
                    faults,
                    Map.of(),
                    load.answers(),
                    load.retries(),
                    load.resent());
        } finally {
            if (second != null) {
                second.stop();
            }
        }
    }

    /** The infrastructure fault of an R4 orders scenario. */
    enum Infra {
        POSTGRES_FAST_RESTART,
        KAFKA_KILL9_RESTART
    }

    /**
     * R4 orders: the ERP is down, so every order is queued (outbox, Kafka, order-queue-service); after a
     * quarter of the {@code orders} were accepted the infrastructure fails for {@code outage} while the shop
     * keeps ordering (its clients retry until accepted); then it comes back, later the ERP too. Readiness
     * of live-service and order-queue-service is probed throughout the outage.
     */
    static Outcome ordersAcrossInfraOutage(Suite suite, Infra fault, int orders, Duration outage) throws Exception {
        suite.startOrderServices();
        String prefix = "R4-" + fault.name().substring(0, 5) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        Simulator.faults(suite, "{\"outage\":true}");
        long started = System.nanoTime();
        try (OrderLoad load = new OrderLoad(suite.live(), prefix, 4, 10)) {
            load.place(orders / 2);
            load.awaitAcceptedCount(orders / 4, Duration.ofMinutes(5));
            PostgresServer postgres = suite.infra().postgres();
            KafkaBroker kafka = suite.infra().kafka();
            switch (fault) {
                case POSTGRES_FAST_RESTART -> postgres.shutdown(PostgresServer.ShutdownMode.FAST);
                case KAFKA_KILL9_RESTART -> kafka.kill9();
            }
            long down = System.nanoTime();
            load.place(orders - orders / 2);
            List<Integer> live = new ArrayList<>();
            List<Integer> queue = new ArrayList<>();
            while (System.nanoTime() - down < outage.toNanos()) {
                live.add(Readiness.probe(suite.live()));
                queue.add(Readiness.probe(suite.orderQueue()));
                Thread.sleep(500);
            }
            switch (fault) {
                case POSTGRES_FAST_RESTART -> postgres.restart();
                case KAFKA_KILL9_RESTART -> kafka.restart();
            }
            long back = System.nanoTime();
            Readiness.await(suite.live(), 200, Duration.ofSeconds(120));
            Readiness.await(suite.orderQueue(), 200, Duration.ofSeconds(120));
            Duration recovery = Duration.ofNanos(System.nanoTime() - back);

            load.awaitAccepted(Duration.ofMinutes(10));
            Simulator.clearFaults(suite);
            OrderAccounting books =
                    OrderAccounting.settle(suite, prefix, load.orderIds(), Duration.ofSeconds(120 + orders / 10));
            String faults = switch (fault) {
                case POSTGRES_FAST_RESTART ->
                    "ERP down; PostgreSQL fast shutdown, " + outage.toSeconds() + " s down, restart";
                case KAFKA_KILL9_RESTART ->
                    "ERP down; Kafka broker kill -9, " + outage.toSeconds() + " s down, restart";
            };
            return new Outcome(
                    books,
                    Duration.ofNanos(System.nanoTime() - started),
                    recovery,
                    faults,
                    Map.of("live-service", live, "order-queue-service", queue),
                    load.answers(),
                    load.retries(),
                    load.resent());
        }
    }
}
