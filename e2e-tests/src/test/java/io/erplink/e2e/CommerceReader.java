package io.erplink.e2e;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A storefront-like reader of the product tables during an import (issue 16, R3): one statement (one
 * snapshot) every 20 ms, recording each state it saw as text ("2500 products (2500 OLD), 5000 field
 * values"). An import merged atomically shows only the old import complete and then the new one complete.
 */
final class CommerceReader implements AutoCloseable {
    private final Suite suite;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    private CommerceReader(Suite suite) {
        this.suite = suite;
        this.thread = new Thread(this::loop, "commerce-reader");
        thread.setDaemon(true);
    }

    /** Starts reading at once. */
    static CommerceReader start(Suite suite) {
        CommerceReader reader = new CommerceReader(suite);
        reader.thread.start();
        return reader;
    }

    /** The state of {@code products} products of which {@code old} are named OLD, with their field values. */
    static String state(long products, long old) {
        return products + " products (" + old + " OLD), " + 2 * products + " field values";
    }

    /** Marks every product of a complete import OLD, so the reader can tell its rows from the next import's. */
    static void markOld(Suite suite) throws Exception {
        try (Connection db = suite.db();
                Statement s = db.createStatement()) {
            int marked = s.executeUpdate("update commerce.ecomproducts set productname = 'OLD'");
            if (marked != Suite.PRODUCTS) {
                throw new AssertionError("marked " + marked + " products OLD, expected " + Suite.PRODUCTS);
            }
        }
    }

    /** The tables' state now, in one snapshot. */
    static String read(Connection db) throws Exception {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("select (select count(*) from commerce.ecomproducts),"
                        + " (select count(*) from commerce.ecomproducts where productname = 'OLD'),"
                        + " (select count(*) from commerce.ecomproductcategoryfieldvalue)")) {
            rs.next();
            return rs.getLong(1) + " products (" + rs.getLong(2) + " OLD), " + rs.getLong(3) + " field values";
        }
    }

    /** Waits until a backend waits for a lock on the products table: the merge, caught by a lock the caller holds. */
    static void awaitMergeWaitingForLock(Suite suite, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection db = suite.db();
                Statement s = db.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = s.executeQuery("select count(*) from pg_locks l join pg_class c on c.oid ="
                        + " l.relation join pg_namespace n on n.oid = c.relnamespace where not l.granted"
                        + " and n.nspname = 'commerce' and c.relname = 'ecomproducts'")) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("no merge waited for the products table within " + timeout.toSeconds() + " s");
    }

    /** Every state seen so far. */
    Set<String> seen() {
        return Set.copyOf(seen);
    }

    long reads() {
        return reads.get();
    }

    /** Reads that failed (the database away); the reader reconnected after each. */
    long failures() {
        return failures.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
    }

    private void loop() {
        while (running) {
            // a reader outlives a database restart as a shop's pool does: it reconnects and reads on
            try (Connection db = suite.db()) {
                while (running) {
                    seen.add(read(db));
                    reads.incrementAndGet();
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failures.incrementAndGet();
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
