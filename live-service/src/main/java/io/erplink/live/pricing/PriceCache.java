package io.erplink.live.pricing;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import io.erplink.live.LiveConfig;

/**
 * Two Caffeine caches:
 * <ul>
 * <li>{@code current}: an {@link AsyncCache} of ERP prices younger than the TTL. A miss puts an
 *     in-flight future into the cache, so concurrent lookups of the same keys join the one ERP call
 *     instead of making their own (bulk {@code getAll} coalescing). Failed loads leave nothing behind.</li>
 * <li>{@code lastKnown}: the last ERP answer per key for {@code stale-retention}, the first fallback
 *     while the ERP is down (answered with its age, stale once older than the TTL).</li>
 * </ul>
 */
@ApplicationScoped
public class PriceCache {
    private final AsyncCache<PriceKey, PriceEntry> current;
    private final Cache<PriceKey, PriceEntry> lastKnown;
    private final Duration ttl;

    PriceCache(LiveConfig config, MeterRegistry registry) {
        LiveConfig.Cache cache = config.prices().cache();
        this.ttl = cache.ttl();
        this.current = Caffeine.newBuilder()
                .expireAfterWrite(cache.level() == LiveConfig.CacheLevel.NONE ? Duration.ZERO : cache.ttl())
                .maximumSize(cache.maxEntries())
                .recordStats()
                .buildAsync();
        this.lastKnown = Caffeine.newBuilder()
                .expireAfterWrite(cache.staleRetention())
                .maximumSize(cache.maxEntries())
                .build();
        CaffeineCacheMetrics.monitor(registry, current.synchronous(), "live-prices");
    }

    /** How long an entry counts as current. */
    public Duration ttl() {
        return ttl;
    }

    /** The entry of a completed, current load (a cache hit, as opposed to an in-flight load), or null. */
    PriceEntry completed(PriceKey key) {
        CompletableFuture<PriceEntry> future = current.getIfPresent(key);
        return future != null && future.isDone() && !future.isCompletedExceptionally() ? future.getNow(null) : null;
    }

    /**
     * The current entries of these keys, loading the missing ones with one call of {@code loader}
     * (keys already being loaded by another lookup are joined, not loaded again). Keys the loader
     * does not answer are absent from the result.
     */
    CompletableFuture<Map<PriceKey, PriceEntry>> getAll(
            Collection<PriceKey> keys,
            BiFunction<Set<? extends PriceKey>, Executor, CompletableFuture<Map<PriceKey, PriceEntry>>> loader) {
        return current.getAll(
                keys,
                (missing, executor) -> loader.apply(missing, executor).thenApply(loaded -> {
                    lastKnown.putAll(loaded);
                    return loaded;
                }));
    }

    /** The last ERP answer for a key within the stale retention, or null. */
    PriceEntry lastKnown(PriceKey key) {
        return lastKnown.getIfPresent(key);
    }

    /** Drops every entry of these products (all customers, units, currencies). */
    public int invalidateProducts(Set<String> productIds) {
        int[] dropped = {0};
        current.asMap().keySet().removeIf(key -> productIds.contains(key.productId()) && ++dropped[0] > 0);
        lastKnown.asMap().keySet().removeIf(key -> productIds.contains(key.productId()));
        return dropped[0];
    }

    /** Drops everything. */
    public void invalidateAll() {
        current.synchronous().invalidateAll();
        lastKnown.invalidateAll();
    }

    /** Number of current entries (approximate). */
    public long size() {
        return current.synchronous().estimatedSize();
    }
}
