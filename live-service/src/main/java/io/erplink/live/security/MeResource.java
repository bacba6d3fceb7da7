package io.erplink.live.security;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.NonBlocking;

/** Who the credentials act for: lets a storefront check its setup (and is the benchmark's baseline). */
@Path("/api/v1/me")
@Tag(name = "auth", description = "The caller")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {
    @Inject
    Callers callers;

    @Inject
    SecurityIdentity identity;

    /** The caller as the service sees it. */
    public record Me(String customerId, boolean anonymous, String erpKey, String clientId, String priceGroup) {}

    @GET
    @NonBlocking // reads only the identity the access policy resolved: no reason to hop to a worker thread
    @Operation(summary = "The customer and client the credentials act for")
    public Me me() {
        Caller caller = callers.of(identity);
        return new Me(caller.customerId(), caller.anonymous(), caller.erpKey(), caller.clientId(), caller.priceGroup());
    }
}
