package io.erplink.orderqueue.operator;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.erplink.orderqueue.OrderQueueConfig;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Guards the operator API ({@code quarkus.http.auth.permission.operator.policy=erplink-operator}):
 * the caller needs a valid bearer token with the operator role in its groups claim (anonymous
 * callers get 401, others without the role 403). Only {@code erplink.orderqueue.operator.auth-enabled=false}
 * lets everyone in, for local demos; that is logged loudly at startup.
 */
@ApplicationScoped
public class OperatorSecurityPolicy implements HttpSecurityPolicy {
    private static final Logger LOG = Logger.getLogger(OperatorSecurityPolicy.class);

    private final boolean enabled;
    private final String role;

    OperatorSecurityPolicy(OrderQueueConfig config) {
        this.enabled = config.operator().authEnabled();
        this.role = config.operator().role();
        if (!enabled) {
            LOG.warn("erplink.orderqueue.operator.auth-enabled=false: the operator API is open to everyone"
                    + " who reaches this port (local demos only)");
        }
    }

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
            AuthorizationRequestContext requestContext) {
        if (!enabled) {
            return CheckResult.permit();
        }
        return identity.map(id -> !id.isAnonymous() && id.hasRole(role) ? CheckResult.PERMIT : CheckResult.DENY);
    }

    @Override
    public String name() {
        return "erplink-operator";
    }
}
