package io.erplink.batch.erp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import io.erplink.batch.BatchConfig;
import io.erplink.kit.erp.ErpConfig;
import io.erplink.protocol.signing.RequestSigner;

/**
 * The ERP endpoints activities can name: {@code default} ({@code erplink.erp.url}) and the connectors
 * configured under {@code erplink.batch.endpoints.<name>}. An activity stores the name, never a URL
 * or a secret; an activity endpoint equal to {@code erplink.erp.url} (rows saved before endpoints had
 * names) still means {@code default}. Names are checked at startup, so a misconfigured endpoint stops
 * the replica instead of failing its first run.
 */
@Singleton
public class ErpEndpoints {
    /** The endpoint of {@code erplink.erp.url} and {@code erplink.erp.secret}. */
    public static final String DEFAULT = "default";
    /** Lower-case letters and digits: the name is part of environment variable names. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]{0,39}");

    private final ErpConfig erp;
    private final Map<String, BatchConfig.Endpoint> named;
    private final Duration pageTimeout;

    ErpEndpoints(BatchConfig config, ErpConfig erp) {
        this.erp = erp;
        this.pageTimeout = config.erpWait().pageTimeout();
        this.named = Collections.unmodifiableMap(new TreeMap<>(config.endpoints()));
        for (Map.Entry<String, BatchConfig.Endpoint> endpoint : named.entrySet()) {
            String name = endpoint.getKey();
            if (name.equals(DEFAULT)) {
                throw new IllegalStateException("erplink.batch.endpoints.default: the name default is reserved for"
                        + " erplink.erp.url and erplink.erp.secret; give the other connector another name");
            }
            if (!NAME.matcher(name).matches()) {
                throw new IllegalStateException(
                        "erplink.batch.endpoints." + name + ": an endpoint name is 1-40 lower-case"
                                + " letters and digits starting with a letter (it is part of environment variable names)");
            }
            BatchConfig.Endpoint e = endpoint.getValue();
            if (e.protocol() == BatchConfig.Protocol.ODATA_V4) {
                checkOData(name, e);
            } else if (e.secret().isEmpty()) {
                throw new IllegalStateException("erplink.batch.endpoints." + name + ".secret is required for a"
                        + " connector-xml endpoint (the connector's request-signing secret)");
            } else if (e.secret().get().getBytes(StandardCharsets.UTF_8).length < RequestSigner.MIN_SECRET_BYTES) {
                throw new IllegalStateException("erplink.batch.endpoints." + name + ".secret is shorter than "
                        + RequestSigner.MIN_SECRET_BYTES + " bytes");
            }
        }
    }

    /** An OData endpoint's settings must add up before the first run; messages never contain a secret. */
    private static void checkOData(String name, BatchConfig.Endpoint e) {
        String key = "erplink.batch.endpoints." + name;
        String scheme = e.url().getScheme();
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
            throw new IllegalStateException(key + ".url must be an http(s) URL of the OData service root");
        }
        if (e.maxPageSize() < 1 || e.maxPageSize() > 20_000) {
            throw new IllegalStateException(key + ".max-page-size must be 1 to 20000 (Business Central's limit)");
        }
        if (e.maxUrlLength() < 256) {
            throw new IllegalStateException(key + ".max-url-length must be at least 256");
        }
        BatchConfig.Auth auth = e.auth();
        switch (auth.type()) {
            case BASIC -> {
                if (auth.username().isEmpty() || auth.password().isEmpty()) {
                    throw new IllegalStateException(key + ".auth.type=basic needs auth.username and auth.password");
                }
            }
            case OAUTH2 -> {
                if (auth.tokenUrl().isEmpty()
                        || auth.clientId().isEmpty()
                        || auth.clientSecret().isEmpty()) {
                    throw new IllegalStateException(
                            key + ".auth.type=oauth2 needs auth.token-url, auth.client-id and" + " auth.client-secret");
                }
            }
            case NONE -> {
                // a service behind an authenticating gateway, or a test server
            }
        }
    }

    /** Every endpoint name, {@code default} first. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(DEFAULT);
        names.addAll(named.keySet());
        return names;
    }

    /**
     * The endpoint an activity's {@code endpoint} value means: empty, {@code default} or the URL of
     * {@code erplink.erp.url} mean {@code default}; a configured name means itself; anything else
     * (a name this replica does not know, another URL) means none.
     */
    public Optional<String> resolve(String value) {
        if (value == null
                || value.isBlank()
                || value.trim().equals(DEFAULT)
                || erp.url().map(url -> url.toString().equals(value.trim())).orElse(false)) {
            return Optional.of(DEFAULT);
        }
        return named.containsKey(value.trim()) ? Optional.of(value.trim()) : Optional.empty();
    }

    /** Why {@code value} names no endpoint, with the names that would. */
    public String unknown(String value) {
        return "endpoint " + value + " is not configured; the configured endpoints are " + String.join(", ", names())
                + " (default is erplink.erp.url, the others erplink.batch.endpoints.<name>.url and .secret)";
    }

    /** The settings of an OData endpoint, or empty for a connector endpoint ({@code default} is always one). */
    public Optional<BatchConfig.Endpoint> odata(String name) {
        BatchConfig.Endpoint endpoint = named.get(name);
        return endpoint != null && endpoint.protocol() == BatchConfig.Protocol.ODATA_V4
                ? Optional.of(endpoint)
                : Optional.empty();
    }

    /** The named (non-default) endpoints' configuration, by name. */
    Map<String, BatchConfig.Endpoint> named() {
        return named;
    }

    /** Time allowed for one page from this endpoint. */
    public Duration pageTimeout(String name) {
        BatchConfig.Endpoint endpoint = named.get(name);
        return endpoint == null ? pageTimeout : endpoint.pageTimeout().orElse(pageTimeout);
    }
}
