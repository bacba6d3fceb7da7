package io.erplink.kit.api;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.erplink.protocol.api.PageOf;

/**
 * RFC 8288 {@code Link} headers on every {@link PageOf} answer: {@code first} and {@code last}
 * always, {@code prev} and {@code next} where they exist; each is the request's URI with another
 * {@code page} (filters and size kept), relative to the service so proxies do not garble it.
 */
public class PageLinks {

    @ServerResponseFilter
    public void addLinks(ContainerResponseContext response, UriInfo uri) {
        if (response.getEntity() instanceof PageOf<?> page) {
            links(page, uri.getRequestUri().getRawPath(), uri.getRequestUri().getRawQuery())
                    .forEach(link -> response.getHeaders().add("Link", link.toString()));
        }
    }

    static List<Link> links(PageOf<?> page, String path, String query) {
        List<Link> links = new ArrayList<>();
        long last = page.pages() - 1;
        links.add(link(path, query, 0, "first"));
        if (page.page() > 0) {
            links.add(link(path, query, Math.min(page.page() - 1, last), "prev"));
        }
        if (page.page() < last) {
            links.add(link(path, query, page.page() + 1, "next"));
        }
        links.add(link(path, query, last, "last"));
        return links;
    }

    private static Link link(String path, String query, long page, String rel) {
        UriBuilder builder = UriBuilder.fromPath(path).replaceQuery(query).replaceQueryParam("page", page);
        return Link.fromUriBuilder(builder).rel(rel).build();
    }
}
