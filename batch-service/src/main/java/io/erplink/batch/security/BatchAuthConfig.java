package io.erplink.batch.security;

import io.smallrye.config.ConfigMapping;

import io.erplink.kit.security.ApiAuthConfig;

/**
 * Who may use batch-service's API: {@code erplink.batch.auth.enabled}, {@code .read-role} (default
 * {@code operator}) and {@code .admin-role} (default {@code admin}); see {@link ApiAuthConfig}.
 */
@ConfigMapping(prefix = "erplink.batch.auth")
public interface BatchAuthConfig extends ApiAuthConfig {}
