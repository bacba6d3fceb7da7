package io.erplink.batch.runs;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.erplink.batch.BatchConfig;
import io.erplink.batch.erp.ErpClient;
import io.erplink.batch.odata.ODataMetadata;
import io.erplink.batch.odata.ODataQuery;
import io.erplink.batch.odata.ODataSource;
import io.erplink.batch.odata.ODataUrls;

/**
 * Decides the requests of an OData run: the first one (entity set URL, {@code $select}, pushed-down
 * {@code $filter}, delta clause; the property types come from the service's {@code $metadata}), then
 * each {@code @odata.nextLink} as the server sent it. Paging is the server's alone: no {@code $skip}, no
 * reliance on the form of its skip tokens or on its order. A next link must stay on the endpoint's host
 * (the credentials go nowhere else) and must move on (a link to the same page would loop).
 */
@ApplicationScoped
public class ODataRunPlanner {
    private static final Logger LOG = Logger.getLogger(ODataRunPlanner.class);

    private final ErpClient erp;

    ODataRunPlanner(ErpClient erp) {
        this.erp = erp;
    }

    /** The service root an activity's requests go to. */
    static URI serviceRoot(BatchConfig.Endpoint endpoint, ODataSource source) {
        return ODataUrls.serviceRoot(endpoint.url(), source.apiPath());
    }

    /**
     * What a run knows about its entity set: where it is, its properties and EDM types, and which of them
     * are enums (BC option fields, whose values are decoded to captions).
     */
    record Entity(URI root, String company, Map<String, String> properties, Map<String, Set<String>> enumTypes) {
        Set<String> enumProperties() {
            Set<String> names = new HashSet<>();
            properties.forEach((name, type) -> {
                if (enumTypes.containsKey(type)) {
                    names.add(name);
                }
            });
            return names;
        }
    }

    /** Reads the entity set's description from the service's {@code $metadata} (at each claim of a run). */
    Entity entity(String endpoint, BatchConfig.Endpoint config, ODataSource source, Duration timeout) {
        URI root;
        String company;
        try {
            root = serviceRoot(config, source);
            company = ODataUrls.companySegment(
                    root, config.company().orElse(null), config.companyId().orElse(null));
        } catch (IllegalArgumentException e) {
            throw new RunFailure(ExitCode.ODATA_CONFIG, null, "endpoint " + endpoint + ": " + e.getMessage(), e);
        }
        ODataMetadata metadata = erp.fetchOData(
                endpoint,
                "OData.$metadata",
                ODataUrls.metadata(root),
                "application/xml",
                0,
                timeout,
                ODataMetadata::read);
        Map<String, String> properties = metadata.properties(source.entitySet())
                .orElseThrow(() -> new RunFailure(
                        ExitCode.ODATA_ENTITY_SET,
                        1,
                        "the $metadata of " + root + " has no entity set " + source.entitySet()
                                + " (is the page published as a web service under this name?)",
                        null));
        return new Entity(root, company, properties, metadata.enumTypes());
    }

    /**
     * The first request of a run. Its log line names the mapping job version the {@code $select} and
     * {@code $filter} come from, so a run planned before a job edit reached the activity says so.
     */
    ODataQuery first(
            String endpoint,
            BatchConfig.Endpoint config,
            Entity entity,
            ODataSource source,
            String since,
            String job,
            Integer jobVersion) {
        if (since != null && !entity.properties().containsKey(source.delta())) {
            throw new RunFailure(
                    ExitCode.ODATA_DELTA_FIELD,
                    1,
                    "entity set " + source.entitySet() + " has no property " + source.delta()
                            + " to read changes since " + since + " (odata.deltaField)",
                    null);
        }
        ODataQuery query = ODataQuery.plan(
                entity.root(),
                entity.company(),
                source,
                entity.properties(),
                entity.enumTypes(),
                since,
                config.maxUrlLength());
        LOG.infof(
                "OData %s on endpoint %s, job %s %s: $select %s, pushed-down filter %s, delta %s",
                source.entitySet(),
                endpoint,
                job,
                jobVersion == null ? "as set on the activity" : "version " + jobVersion,
                query.select() ? "sent" : "none",
                query.pushdown() == null ? "none" : query.pushdown(),
                query.delta() == null ? "none (full import)" : query.delta());
        return query;
    }

    /**
     * The request after {@code current}: the server's next link, resolved against the current request if
     * it is relative, otherwise untouched.
     */
    static URI next(URI root, URI current, String nextLink, int page) {
        URI next;
        try {
            next = current.resolve(URI.create(nextLink));
        } catch (IllegalArgumentException e) {
            throw new RunFailure(
                    ExitCode.ODATA_NEXT_LINK,
                    page,
                    "page " + page + ": @odata.nextLink is not a URL: " + e.getMessage(),
                    e);
        }
        if (!sameOrigin(root, next)) {
            throw new RunFailure(
                    ExitCode.ODATA_NEXT_LINK,
                    page,
                    "page " + page + ": @odata.nextLink leads to another host (" + next.getScheme() + "://"
                            + next.getAuthority() + "); it is not followed with this endpoint's credentials",
                    null);
        }
        if (next.equals(current)) {
            throw new RunFailure(
                    ExitCode.ODATA_NEXT_LINK,
                    page,
                    "page " + page + ": @odata.nextLink points at the page itself",
                    null);
        }
        return next;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(String.valueOf(b.getScheme()))
                && a.getHost().equalsIgnoreCase(String.valueOf(b.getHost()))
                && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}
