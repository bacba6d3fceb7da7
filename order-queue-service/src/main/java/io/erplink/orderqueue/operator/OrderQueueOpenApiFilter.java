package io.erplink.orderqueue.operator;

import java.util.Set;

import io.erplink.kit.security.ApiSecurityOpenApiFilter;

/** The operator API's bearer scheme and each operation's role in {@code /q/openapi}; every POST changes something. */
public class OrderQueueOpenApiFilter extends ApiSecurityOpenApiFilter {
    public OrderQueueOpenApiFilter() {
        super(Set.of());
    }
}
