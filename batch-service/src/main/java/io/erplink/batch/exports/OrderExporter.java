package io.erplink.batch.exports;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import io.erplink.batch.BatchConfig;
import io.erplink.batch.erp.ErpCallFailed;
import io.erplink.batch.erp.ErpClient;
import io.erplink.kit.erp.ErpException;
import io.erplink.protocol.requests.CalculateOrder;
import io.erplink.protocol.requests.CalculateOrderResult;
import io.erplink.protocol.tables.TablesReader;

/**
 * Export Orders: completed shop orders without an ERP order number are read from the commerce
 * database ({@link CommerceOrders}), each wrapped in a {@code CalculateOrder} with
 * {@code CreateOrder=True}, sent, and the ERP's order number ({@code OrderIntegrationOrderId})
 * written back.
 *
 * <p>Order creation is not retried within a run: the shop's OrderID is the ERP's idempotency key,
 * and an order whose answer did not arrive stays without an ERP number and goes again with the next
 * run. When the ERP is unavailable the run stops early and reports how far it got.
 */
@ApplicationScoped
public class OrderExporter {
    /** What an export run did. */
    public record Outcome(int selected, int exported, int failed, String message) {}

    /** Where an order that did not go through is recorded (the run's error list). */
    @FunctionalInterface
    public interface FailedOrders {
        void record(String orderId, String message);
    }

    private final CommerceOrders commerce;
    private final ErpClient erp;
    private final BatchConfig config;

    OrderExporter(CommerceOrders commerce, ErpClient erp, BatchConfig config) {
        this.commerce = commerce;
        this.erp = erp;
        this.config = config;
    }

    /** Exports pending orders to an ERP endpoint (a name {@link io.erplink.batch.erp.ErpEndpoints#resolve} returned). */
    public Outcome export(String endpoint, Runnable checkpoint, FailedOrders failures) {
        List<CalculateOrder> orders = commerce.pending(config.export().maxOrdersPerRun());
        int exported = 0;
        int failed = 0;
        for (CalculateOrder order : orders) {
            checkpoint.run();
            String orderId = order.orderId();
            try {
                CalculateOrderResult answer = erp.send(
                        endpoint,
                        "CalculateOrder.CreateOrder",
                        order.toXml(),
                        Duration.ofSeconds(60),
                        body -> CalculateOrderResult.read(TablesReader.open(body)));
                String erpNumber = answer.integrationOrderId();
                if (!answer.orderCreated() || erpNumber == null || erpNumber.isBlank()) {
                    failed++;
                    failures.record(
                            orderId,
                            "the ERP did not create the order (OrderCreated=" + answer.get("OrderCreated") + ")");
                    continue;
                }
                commerce.writeBack(orderId, erpNumber.trim());
                exported++;
            } catch (ErpCallFailed e) {
                failed++;
                failures.record(orderId, e.getMessage());
            } catch (ErpException | CircuitBreakerOpenException | TimeoutException e) {
                failed++;
                failures.record(
                        orderId,
                        "the ERP is unavailable; the remaining orders go with the next run: " + e.getMessage());
                break;
            }
        }
        String message = exported + " of " + orders.size() + " order(s) exported"
                + (failed > 0 ? ", " + failed + " failed" : "");
        return new Outcome(orders.size(), exported, failed, message);
    }
}
