package io.erplink.batch.erp;

import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.oidc.client.OidcClients;
import io.quarkus.runtime.Startup;
import io.smallrye.faulttolerance.api.Guard;

import io.erplink.batch.BatchConfig;
import io.erplink.batch.odata.ODataAuths;
import io.erplink.batch.odata.ODataTransport;
import io.erplink.kit.erp.ErpBudgets;
import io.erplink.kit.erp.ErpConfig;
import io.erplink.kit.erp.ErpException;
import io.erplink.kit.erp.ErpTransport;

/**
 * The one way batch-service talks to the ERP. It owns the fault-tolerance policy of batch calls,
 * the same for every endpoint ({@link ErpEndpoints}): a hard timeout per page, a circuit breaker,
 * and retries of retriable failures (unavailable, throttled) with exponential backoff that honours
 * the ERP's Retry-After on a 429 ({@link ErpBackoff}). Failures a retry cannot fix come out as
 * {@link ErpCallFailed} (never retried, not counted by the breaker); a retriable {@link ErpException}
 * that outlived the retries, an open breaker or a timeout come out as they are, and the run waits and
 * tries the page again until its activity timeout.
 *
 * <p>Each endpoint has its own signed transport and its own breakers, so a dead second connector
 * cannot open the default endpoint's: {@value #BREAKER} and {@value #EXPORT_BREAKER} for
 * {@code default} (the names the other services' ERP clients use too, for maintenance), and
 * {@code erp.<name>} and {@code erp-export.<name>} for the others ({@link #breaker}, {@link #exportBreaker}).
 * The policies are SmallRye Fault Tolerance {@link Guard}s built in code, one pair per endpoint.
 *
 * <p>A page import re-runs the whole body reader on a retry: readers must be restartable (the page's
 * chunk sequences are fixed before the call, so re-sent chunks carry the same sequences).
 */
@Startup // registers every breaker name at startup, before the first call
@ApplicationScoped
public class ErpClient {
    /** The default endpoint's circuit breaker, shared with the other services' ERP clients for maintenance. */
    public static final String BREAKER = "erp";
    /** Order creation has its own breaker, so exports cannot open the import breaker. */
    public static final String EXPORT_BREAKER = "erp-export";

    private static final List<Class<? extends Throwable>> NOT_THE_ERPS_FAULT =
            List.of(ErpCallFailed.class, LocalFailure.class);

    /** An endpoint's transport (connector or OData, the other null) and policies. */
    private record Endpoint(ErpTransport transport, ODataTransport odata, Guard fetch, Guard send) {}

    private final Map<String, Endpoint> endpoints = new TreeMap<>();

    /**
     * @param defaultTransport the transport of {@code erplink.erp.url}; a client proxy, created at its
     *                         first call, so a replica without {@code erplink.erp.url} still starts
     */
    ErpClient(
            ErpTransport defaultTransport,
            ErpEndpoints config,
            BatchConfig batchConfig,
            ErpConfig erpConfig,
            MeterRegistry registry,
            Instance<OidcClients> oidcClients,
            ErpBudgets budgets) {
        BatchConfig.ErpWait policy = batchConfig.erpWait();
        endpoints.put(ErpEndpoints.DEFAULT, endpoint(ErpEndpoints.DEFAULT, defaultTransport, null, policy));
        config.named()
                .forEach((name, endpoint) -> endpoints.put(
                        name,
                        endpoint.protocol() == BatchConfig.Protocol.ODATA_V4
                                ? endpoint(
                                        name,
                                        null,
                                        new ODataTransport(
                                                name,
                                                ODataAuths.of(name, endpoint.auth(), oidcClients, registry),
                                                erpConfig.connectTimeout(),
                                                registry,
                                                budgets.of(name)),
                                        policy)
                                : endpoint(
                                        name,
                                        ErpTransport.forEndpoint(
                                                name,
                                                endpoint.url(),
                                                endpoint.secret().orElseThrow(),
                                                erpConfig,
                                                registry,
                                                budgets.of(name)),
                                        null,
                                        policy)));
    }

    /** The circuit breaker of an endpoint's reads. */
    public static String breaker(String endpoint) {
        return ErpEndpoints.DEFAULT.equals(endpoint) ? BREAKER : BREAKER + "." + endpoint;
    }

    /** The circuit breaker of an endpoint's order creation. */
    public static String exportBreaker(String endpoint) {
        return ErpEndpoints.DEFAULT.equals(endpoint) ? EXPORT_BREAKER : EXPORT_BREAKER + "." + endpoint;
    }

    private static Endpoint endpoint(
            String name, ErpTransport transport, ODataTransport odata, BatchConfig.ErpWait policy) {
        // The values of the former @Timeout/@CircuitBreaker/@Retry/@CustomBackoff annotations; the retry's
        // first delay and the breakers' delay are configurable (erplink.batch.erp-wait), so the tests wait less.
        Guard fetch = Guard.create()
                .withDescription("ERP fetch (" + name + ")")
                .withRetry()
                .maxRetries(4)
                .delay(policy.retryDelay().toMillis(), ChronoUnit.MILLIS)
                .maxDuration(2, ChronoUnit.MINUTES)
                .retryOn(ErpException.class)
                .abortOn(NOT_THE_ERPS_FAULT)
                .withCustomBackoff()
                .strategy(ErpBackoff::new)
                .done()
                .done()
                .withCircuitBreaker()
                .name(breaker(name))
                .requestVolumeThreshold(8)
                .failureRatio(0.75)
                .delay(policy.breakerDelay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(1)
                .skipOn(NOT_THE_ERPS_FAULT)
                .done()
                .withTimeout()
                .duration(10, ChronoUnit.MINUTES)
                .done()
                .build();
        Guard send = Guard.create()
                .withDescription("ERP send (" + name + ")")
                .withCircuitBreaker()
                .name(exportBreaker(name))
                .requestVolumeThreshold(8)
                .failureRatio(0.75)
                .delay(policy.breakerDelay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(1)
                .skipOn(NOT_THE_ERPS_FAULT)
                .done()
                .withTimeout()
                .duration(2, ChronoUnit.MINUTES)
                .done()
                .build();
        return new Endpoint(transport, odata, fetch, send);
    }

    /**
     * An idempotent read (GetEcomData, one page) from an endpoint: retried on retriable failures.
     *
     * @param endpoint a name {@link ErpEndpoints#resolve} returned
     * @param timeout  time allowed until the response headers arrive
     */
    public <T> T fetch(
            String endpoint, String requestType, String xml, Duration timeout, ErpTransport.BodyReader<T> reader) {
        Endpoint e = require(endpoint);
        return guarded(e.fetch(), () -> call(e.transport(), requestType, xml, timeout, reader));
    }

    /**
     * An idempotent GET from an OData endpoint (a page, {@code $metadata}), under the same policy as
     * {@link #fetch}: retried on retriable failures (429 with Retry-After, 408/502/503/504, broken or
     * truncated answers), the reader run again from the start on each attempt.
     */
    public <T> T fetchOData(
            String endpoint,
            String type,
            URI url,
            String accept,
            int maxPageSize,
            Duration timeout,
            ODataTransport.BodyReader<T> reader) {
        Endpoint e = require(endpoint);
        if (e.odata() == null) {
            throw new IllegalArgumentException("ERP endpoint " + endpoint + " does not speak OData v4");
        }
        return guarded(e.fetch(), () -> {
            try {
                return e.odata().get(type, url, accept, maxPageSize, timeout, reader);
            } catch (ErpException failure) {
                if (!failure.retriable()) {
                    throw new ErpCallFailed(failure);
                }
                throw failure;
            }
        });
    }

    /**
     * A POST or PATCH to an OData endpoint, under the export policy (breaker, timeout, no retry, as
     * {@link #send}): a write whose answer was lost may have happened, so only the caller, after looking
     * the row up again, may decide to send it again. Failures a retry cannot fix come out as
     * {@link ErpCallFailed} with the {@link ErpException} as its cause (its status tells a 409 from a 400).
     */
    public <T> T writeOData(
            String endpoint,
            String type,
            String method,
            URI url,
            byte[] json,
            String ifMatch,
            Duration timeout,
            ODataTransport.BodyReader<T> reader) {
        Endpoint e = require(endpoint);
        if (e.odata() == null) {
            throw new IllegalArgumentException("ERP endpoint " + endpoint + " does not speak OData v4");
        }
        return guarded(e.send(), () -> {
            try {
                return e.odata().write(type, method, url, json, ifMatch, timeout, reader);
            } catch (ErpException failure) {
                if (!failure.retriable()) {
                    throw new ErpCallFailed(failure);
                }
                throw failure;
            }
        });
    }

    /**
     * A request that changes the ERP (an export creating orders): never retried here, because a resent
     * order could be created twice; the export asks the ERP first on its next run.
     */
    public <T> T send(
            String endpoint, String requestType, String xml, Duration timeout, ErpTransport.BodyReader<T> reader) {
        Endpoint e = require(endpoint);
        return guarded(e.send(), () -> call(e.transport(), requestType, xml, timeout, reader));
    }

    private Endpoint require(String endpoint) {
        Endpoint e = endpoints.get(endpoint);
        if (e == null) {
            throw new IllegalArgumentException(
                    "no ERP endpoint " + endpoint + " (configured: " + endpoints.keySet() + ")");
        }
        return e;
    }

    @SuppressWarnings("unchecked")
    private static <T> T guarded(Guard guard, Supplier<T> call) {
        Supplier<Object> action = call::get;
        return (T) guard.get(action, Object.class);
    }

    private static <T> T call(
            ErpTransport transport,
            String requestType,
            String xml,
            Duration timeout,
            ErpTransport.BodyReader<T> reader) {
        try {
            return transport.exchange(requestType, xml, timeout, reader);
        } catch (ErpException e) {
            if (!e.retriable()) {
                throw new ErpCallFailed(e);
            }
            throw e;
        }
    }
}
