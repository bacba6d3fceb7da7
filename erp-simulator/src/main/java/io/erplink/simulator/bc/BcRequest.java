package io.erplink.simulator.bc;

import java.util.function.Function;

/**
 * One HTTP request to {@code /bc/...} as the simulator sees it: the raw (still percent-encoded)
 * path and query, so a company name with {@code %2F} stays one path segment.
 *
 * @param origin {@code scheme://host:port} the client called, for nextLinks and contexts
 */
public record BcRequest(
        String method, String rawPath, String rawQuery, String origin, Function<String, String> headers, byte[] body) {

    public String header(String name) {
        return headers.apply(name);
    }
}
