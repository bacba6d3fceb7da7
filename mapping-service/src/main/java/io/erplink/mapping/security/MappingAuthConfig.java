package io.erplink.mapping.security;

import io.smallrye.config.ConfigMapping;

import io.erplink.kit.security.ApiAuthConfig;

/**
 * Who may use mapping-service's API: {@code erplink.mapping.auth.enabled}, {@code .read-role} (default
 * {@code operator}) and {@code .admin-role} (default {@code admin}); see {@link ApiAuthConfig}.
 */
@ConfigMapping(prefix = "erplink.mapping.auth")
public interface MappingAuthConfig extends ApiAuthConfig {}
