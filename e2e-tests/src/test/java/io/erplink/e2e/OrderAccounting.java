package io.erplink.e2e;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;

/**
 * The exact accounting of orders after a fault scenario, against the ERP's order book (the simulator,
 * not idempotent: a second CreateOrder of an OrderID is a second ERP order) and live-service's table.
 *
 * @param expected        orders the shop placed
 * @param inErp           of those, OrderIDs with at least one ERP order
 * @param lost            placed but no ERP order, or not created/synced in live-service
 * @param doubled         ERP orders beyond the first per OrderID
 * @param extraCreates    CreateOrder requests beyond the first per OrderID that reached the order book
 * @param numberMismatch  orders whose ERP number in live-service is not the ERP's
 * @param details         the first problems, for the failure message
 */
record OrderAccounting(
        int expected, int inErp, int lost, int doubled, int extraCreates, int numberMismatch, List<String> details) {

    boolean exact() {
        return lost == 0 && doubled == 0 && extraCreates == 0 && numberMismatch == 0 && inErp == expected;
    }

    /** Waits until live-service shows every order created or synced (or the timeout), then counts. */
    static OrderAccounting settle(Suite suite, String prefix, List<String> orderIds, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && settled(suite, prefix) < orderIds.size()) {
            Thread.sleep(500);
        }
        return count(suite, prefix, orderIds);
    }

    static int settled(Suite suite, String prefix) throws Exception {
        try (Connection db = suite.db();
                PreparedStatement s = db.prepareStatement("select count(*) from live.placed_order"
                        + " where order_id like ? and status in ('CREATED', 'SYNCED')")) {
            s.setString(1, prefix + "-%");
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    static OrderAccounting count(Suite suite, String prefix, List<String> orderIds) throws Exception {
        List<Map<String, Object>> book = given().baseUri(suite.simulator().url())
                .get("/admin/orders")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("findAll { it.shopOrderId.startsWith('" + prefix + "-') }");
        Map<String, Map<String, Object>> erp = new HashMap<>();
        for (Map<String, Object> entry : book) {
            erp.put((String) entry.get("shopOrderId"), entry);
        }
        Map<String, String[]> live = new HashMap<>();
        try (Connection db = suite.db();
                PreparedStatement s = db.prepareStatement(
                        "select order_id, status, erp_order_number from live.placed_order where order_id like ?")) {
            s.setString(1, prefix + "-%");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    live.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
                }
            }
        }
        Set<String> expected = new TreeSet<>(orderIds);
        List<String> details = new java.util.ArrayList<>();
        int inErp = 0;
        int lost = 0;
        int doubled = 0;
        int extraCreates = 0;
        int mismatch = 0;
        for (String id : expected) {
            Map<String, Object> entry = erp.get(id);
            @SuppressWarnings("unchecked")
            List<String> numbers = entry == null ? List.of() : (List<String>) entry.get("erpOrderNumbers");
            String[] row = live.get(id);
            if (!numbers.isEmpty()) {
                inErp++;
            }
            boolean liveDone = row != null && ("CREATED".equals(row[0]) || "SYNCED".equals(row[0]));
            if (numbers.isEmpty() || !liveDone) {
                lost++;
                note(details, id + ": ERP orders " + numbers + ", live-service " + (row == null ? "none" : row[0]));
            }
            if (numbers.size() > 1) {
                doubled += numbers.size() - 1;
                note(details, id + ": doubled in the ERP " + numbers);
            }
            long creates = entry == null ? 0 : ((Number) entry.get("createRequests")).longValue();
            if (creates > 1) {
                extraCreates += (int) (creates - 1);
                note(details, id + ": " + creates + " CreateOrder requests");
            }
            if (liveDone && !numbers.isEmpty() && !numbers.get(0).equals(row[1])) {
                mismatch++;
                note(details, id + ": live-service has " + row[1] + ", the ERP " + numbers.get(0));
            }
        }
        for (String id : erp.keySet()) {
            if (!expected.contains(id)) {
                note(details, id + ": in the ERP but never placed");
            }
        }
        return new OrderAccounting(expected.size(), inErp, lost, doubled, extraCreates, mismatch, details);
    }

    private static void note(List<String> details, String line) {
        if (details.size() < 20) {
            details.add(line);
        }
    }
}
