package io.erplink.console.overview;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

import io.erplink.console.Query;
import io.erplink.console.security.Roles;
import io.erplink.console.services.Fetched;
import io.erplink.console.services.Service;
import io.erplink.console.services.ServiceClient;

/**
 * What an operator looks at first during an outage: each service's health (with its ERP checks), each service's
 * ERP endpoints (breakers, call budget use, the order queue draining or paused), runs running,
 * waiting and failed in the last 24 h, the activities due next, and the order queue by status with its oldest order.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.OPERATOR)
public class OverviewResource {
    private final ServiceClient services;
    private final Template page;

    OverviewResource(ServiceClient services, @Location("overview.html") Template page) {
        this.services = services;
        this.page = page;
    }

    @GET
    public TemplateInstance overview() {
        Map<String, Object> health = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            health.put(service.displayName(), services.health(service));
        }
        // live-service has no operator API yet: its breaker shows in its health checks above.
        Map<String, Fetched> erpEndpoints = new LinkedHashMap<>();
        for (Service service : new Service[] {Service.BATCH, Service.ORDER_QUEUE}) {
            erpEndpoints.put(service.displayName(), Fetched.of(() -> services.get(service, "/api/v1/erp/endpoints")));
        }
        String dayAgo = Instant.now().minus(24, ChronoUnit.HOURS).toString();
        return page.data("health", health)
                .data("erpEndpoints", erpEndpoints)
                .data("running", runs(Query.of().with("status", "STARTED").with("size", 20)))
                .data("waiting", runs(Query.of().with("status", "STARTING").with("size", 20)))
                .data(
                        "failed",
                        runs(Query.of()
                                .with("status", "FAILED")
                                .with("from", dayAgo)
                                .with("size", 20)))
                .data("activities", Fetched.of(() -> services.get(Service.BATCH, "/api/v1/activities")))
                .data(
                        "queueCounts",
                        Fetched.of(() -> services.get(Service.ORDER_QUEUE, "/api/v1/queued-orders/counts")))
                .data(
                        "oldestWaiting",
                        Fetched.of(
                                () -> services.get(Service.ORDER_QUEUE, "/api/v1/queued-orders?status=QUEUED&size=1")))
                .data(
                        "oldestFailed",
                        Fetched.of(
                                () -> services.get(Service.ORDER_QUEUE, "/api/v1/queued-orders?status=FAILED&size=1")));
    }

    private Fetched runs(Query query) {
        return Fetched.of(() -> services.get(Service.BATCH, "/api/v1/runs" + query));
    }
}
