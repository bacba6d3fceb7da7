package io.erplink.orderqueue.orders;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

/** The attempts of queued orders. */
@ApplicationScoped
public class OrderAttemptRepository implements PanacheRepositoryBase<OrderAttempt, Long> {

    public List<OrderAttempt> ofOrder(long orderId) {
        return list("orderId", Sort.by("id"), orderId);
    }
}
