package io.erplink.batch.security;

import io.erplink.kit.security.ApiSecurityOpenApiFilter;

/** The bearer scheme and the role of each operation in batch-service's OpenAPI document ({@code mp.openapi.filter}). */
public class BatchOpenApiFilter extends ApiSecurityOpenApiFilter {
    public BatchOpenApiFilter() {
        super(BatchApiAccess.READ_ONLY_POSTS);
    }
}
