package io.erplink.kit.security;

import io.smallrye.config.WithDefault;

/**
 * Who may use a service's operator API ({@code /api/v1}): a service's own {@code @ConfigMapping}
 * (e.g. {@code erplink.batch.auth}) extends this, so the keys, defaults and meaning are the same in
 * every service. Tokens are bearer JWTs verified with {@code mp.jwt.verify.publickey.location} and
 * {@code mp.jwt.verify.issuer}; roles come from their {@code groups} claim.
 */
public interface ApiAuthConfig {

    /**
     * Whether the API requires a bearer token. Only turn this off for a local demo: everyone who can
     * reach the port may then read and change everything (logged as a warning at startup).
     */
    @WithDefault("true")
    boolean enabled();

    /** The role (JWT groups claim) that may read: GET, and requests that change nothing such as a dry run. */
    @WithDefault("operator")
    String readRole();

    /** The role (JWT groups claim) that may change: POST, PUT, DELETE; it may read as well. */
    @WithDefault("admin")
    String adminRole();
}
