package io.erplink.orderqueue.operator;

import java.util.Set;

import jakarta.inject.Singleton;

import io.erplink.kit.security.ApiAccessPolicy;
import io.erplink.orderqueue.OrderQueueConfig;

/**
 * Guards the operator API ({@code quarkus.http.auth.permission.operator.policy=erplink-operator})
 * with the rule every operator API shares ({@link ApiAccessPolicy}): a valid bearer token whose groups
 * claim holds the read role ({@code operator}: GET) or the admin role ({@code admin}: also replay,
 * park, unpark); anonymous callers get 401, others without the role 403. Only
 * {@code erplink.orderqueue.operator.auth-enabled=false} lets everyone in, for local demos; that is
 * logged loudly at startup.
 */
// Singleton: the base class has no no-args constructor for a client proxy.
@Singleton
public class OperatorSecurityPolicy extends ApiAccessPolicy {

    OperatorSecurityPolicy(OrderQueueConfig config) {
        super(
                "erplink-operator",
                "erplink.orderqueue.operator.auth-enabled",
                config.operator().authEnabled(),
                config.operator().readRole(),
                config.operator().adminRole(),
                Set.of());
    }
}
