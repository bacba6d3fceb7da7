package io.erplink.mapping.security;

import java.util.Set;

import jakarta.inject.Singleton;

import io.erplink.kit.security.ApiAccessPolicy;

/**
 * Guards mapping-service's {@code /api} ({@code quarkus.http.auth.permission.api.policy=erplink-mapping-api}):
 * the read role may read, the admin role may change; see {@link ApiAccessPolicy}. The dry run (preview) and the validation of a job
 * change nothing, so the read role may use them.
 */
// Singleton: the base class has no no-args constructor for a client proxy.
@Singleton
public class MappingApiAccess extends ApiAccessPolicy {
    /** The name used in {@code quarkus.http.auth.permission.api.policy}. */
    public static final String NAME = "erplink-mapping-api";
    /** POST paths that change nothing. */
    static final Set<String> READ_ONLY_POSTS = Set.of("/api/v1/preview", "/api/v1/jobs/validate");

    MappingApiAccess(MappingAuthConfig config) {
        super(NAME, "erplink.mapping.auth.enabled", config, READ_ONLY_POSTS);
    }
}
