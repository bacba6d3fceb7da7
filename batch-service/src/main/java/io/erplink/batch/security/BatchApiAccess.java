package io.erplink.batch.security;

import java.util.Set;

import jakarta.inject.Singleton;

import io.erplink.kit.security.ApiAccessPolicy;

/**
 * Guards batch-service's {@code /api} ({@code quarkus.http.auth.permission.api.policy=erplink-batch-api}):
 * the read role may read, the admin role may change; see {@link ApiAccessPolicy}. Every POST of batch-service changes something
 * (create, run now, enable, stop, replay), so none is read-only.
 */
// Singleton: the base class has no no-args constructor for a client proxy.
@Singleton
public class BatchApiAccess extends ApiAccessPolicy {
    /** The name used in {@code quarkus.http.auth.permission.api.policy}. */
    public static final String NAME = "erplink-batch-api";
    /** POST paths that change nothing. */
    static final Set<String> READ_ONLY_POSTS = Set.of();

    BatchApiAccess(BatchAuthConfig config) {
        super(NAME, "erplink.batch.auth.enabled", config, READ_ONLY_POSTS);
    }
}
