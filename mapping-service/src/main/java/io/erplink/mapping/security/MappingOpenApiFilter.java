package io.erplink.mapping.security;

import io.erplink.kit.security.ApiSecurityOpenApiFilter;

/** The bearer scheme and the role of each operation in mapping-service's OpenAPI document ({@code mp.openapi.filter}). */
public class MappingOpenApiFilter extends ApiSecurityOpenApiFilter {
    public MappingOpenApiFilter() {
        super(MappingApiAccess.READ_ONLY_POSTS);
    }
}
