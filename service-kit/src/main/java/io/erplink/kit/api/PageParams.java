package io.erplink.kit.api;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.erplink.protocol.api.PageOf;

/**
 * Which page of a list the client wants, the same parameters on every paged endpoint: a resource
 * takes it as {@code @Valid @BeanParam PageParams paging} and returns a {@link PageOf}; out-of-range
 * values are refused field by field (400), and {@link PageLinks} adds the {@code Link} headers.
 */
public class PageParams {
    /** The largest page a client may ask for. */
    public static final int MAX_SIZE = 500;

    @QueryParam("page")
    @DefaultValue("0")
    @Min(0)
    @Parameter(description = "page index, from 0")
    int page;

    @QueryParam("size")
    @DefaultValue("50")
    @Min(1)
    @Max(MAX_SIZE)
    @Parameter(description = "items per page, 1 to " + MAX_SIZE)
    int size;

    public PageParams() {}

    public PageParams(int page, int size) {
        this.page = page;
        this.size = size;
    }

    public int page() {
        return page;
    }

    public int size() {
        return size;
    }

    /** The first item's index in the whole list. */
    public long offset() {
        return (long) page * size;
    }

    /** The page of these items, out of {@code total}. */
    public <T> PageOf<T> of(List<T> items, long total) {
        return new PageOf<>(items, page, size, total);
    }
}
