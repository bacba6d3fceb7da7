package io.erplink.live.pricing;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.erplink.live.LiveConfig;
import io.erplink.live.erp.ErpFailures;
import io.erplink.live.pricing.PriceDtos.PriceItem;
import io.erplink.live.pricing.PriceDtos.PriceItemRequest;
import io.erplink.live.pricing.PriceDtos.PriceRequest;
import io.erplink.live.pricing.PriceDtos.PriceResponse;
import io.erplink.live.security.Caller;

/**
 * Price and stock lookups: current cache entries first, one coalesced ERP load for the misses, and
 * while the ERP is unavailable the last ERP answer (stale once older than the TTL) or the imported
 * catalog price.
 */
@ApplicationScoped
public class PriceService {
    private static final Logger LOG = Logger.getLogger(PriceService.class);

    private final PriceCache cache;
    private final ErpPriceLoader loader;
    private final CatalogPrices catalog;
    private final LiveConfig.Prices config;
    private final LiveConfig.Anonymous anonymous;
    private final List<BigDecimal> breaks;
    private final Map<String, Counter> answered = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final Executor blocking;

    PriceService(
            PriceCache cache,
            ErpPriceLoader loader,
            CatalogPrices catalog,
            LiveConfig config,
            MeterRegistry registry,
            ManagedExecutor blocking) {
        this.blocking = blocking;
        this.cache = cache;
        this.loader = loader;
        this.catalog = catalog;
        this.config = config.prices();
        this.anonymous = config.anonymous();
        this.registry = registry;
        this.breaks = config.prices()
                .quantityBreaks()
                .map(list -> list.stream().sorted().toList())
                .orElse(List.of());
    }

    /**
     * Prices of a request. Completes at once when every item is cached (no thread hop); otherwise
     * when the ERP answered, or from the fallback on a worker thread when it did not in time.
     */
    public CompletionStage<PriceResponse> lookup(Caller caller, PriceRequest request) {
        caller.requireSameCustomer(request.customerId());
        List<PriceItemRequest> items = request.items(); // not empty, each with a productId (Bean Validation)
        if (items.size() > config.maxItemsPerLookup()) {
            throw new BadRequestException("at most " + config.maxItemsPerLookup() + " items per lookup");
        }
        String currency = blank(request.currency())
                ? config.defaultCurrency()
                : request.currency().strip().toUpperCase(Locale.ROOT);
        String owner = owner(caller);
        List<PriceKey> keys = new ArrayList<>(items.size());
        for (PriceItemRequest item : items) {
            keys.add(key(caller, owner, currency, item));
        }
        List<PriceItem> cached = cached(items, keys);
        if (cached != null) {
            // Fast path: one cache read per item, no sets or futures to compose, no waiting.
            return CompletableFuture.completedFuture(new PriceResponse(caller.customerId(), true, cached));
        }
        Set<PriceKey> unique = new LinkedHashSet<>(keys);
        Set<PriceKey> hits = new HashSet<>();
        for (PriceKey key : unique) {
            if (cache.completed(key) != null) {
                hits.add(key);
            }
        }
        CompletableFuture<Map<PriceKey, PriceEntry>> future =
                cache.getAll(unique, (missing, executor) -> loader.load(caller.erpKey(), missing));
        if (!future.isDone()) {
            future = future.orTimeout(config.lookupTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        return future.handle((current, failure) -> {
                    if (failure == null) {
                        return CompletableFuture.completedFuture(
                                new PriceResponse(caller.customerId(), true, answer(items, keys, current, hits)));
                    }
                    LOG.debugf("price lookup falls back: %s", ErpFailures.reason(failure));
                    // The fallback may read the commerce DB: never on the caller's (possibly event-loop) thread.
                    return CompletableFuture.supplyAsync(
                            () -> new PriceResponse(caller.customerId(), false, fallback(items, keys, unique)),
                            blocking);
                })
                .thenCompose(answer -> answer);
    }

    /** The answers when every item is a completed cache entry, else null. */
    private List<PriceItem> cached(List<PriceItemRequest> items, List<PriceKey> keys) {
        Instant now = Instant.now();
        List<PriceItem> answers = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            PriceKey key = keys.get(i);
            PriceEntry entry = cache.completed(key);
            if (entry == null) {
                return null; // a miss, or expired or dropped just now: the normal path
            }
            answers.add(priced(key, requested(items.get(i)), entry, "cache", age(entry, now), false));
        }
        count("cache", answers.size()); // only now: a miss above sends the whole request the normal way
        return answers;
    }

    private List<PriceItem> answer(
            List<PriceItemRequest> items, List<PriceKey> keys, Map<PriceKey, PriceEntry> current, Set<PriceKey> hits) {
        Instant now = Instant.now();
        List<PriceItem> answers = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            PriceKey key = keys.get(i);
            PriceEntry entry = current.get(key);
            if (entry == null) {
                count("not-found");
                answers.add(unavailable(key, requested(items.get(i)), "erp"));
                continue;
            }
            String source = hits.contains(key) ? "cache" : "erp";
            count(source);
            answers.add(priced(key, requested(items.get(i)), entry, source, age(entry, now), false));
        }
        return answers;
    }

    private List<PriceItem> fallback(List<PriceItemRequest> items, List<PriceKey> keys, Set<PriceKey> unique) {
        Instant now = Instant.now();
        Set<String> needCatalog = new LinkedHashSet<>();
        for (PriceKey key : unique) {
            if (cache.lastKnown(key) == null) {
                needCatalog.add(key.productId());
            }
        }
        Map<String, CatalogPrices.CatalogPrice> catalogPrices = catalog.find(needCatalog);
        List<PriceItem> answers = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            PriceKey key = keys.get(i);
            PriceEntry last = cache.lastKnown(key);
            if (last != null) {
                long age = age(last, now);
                boolean stale = Duration.ofSeconds(age).compareTo(cache.ttl()) >= 0;
                count(stale ? "cache-stale" : "cache");
                answers.add(priced(key, requested(items.get(i)), last, "cache", age, stale));
                continue;
            }
            CatalogPrices.CatalogPrice imported = catalogPrices.get(key.productId() + '\u0000' + key.variantId());
            if (imported == null && !key.variantId().isEmpty()) {
                imported = catalogPrices.get(key.productId() + '\u0000');
            }
            if (imported != null) {
                count("catalog");
                answers.add(new PriceItem(
                        key.productId(),
                        key.variantId(),
                        key.unitId(),
                        requested(items.get(i)),
                        imported.currency(),
                        imported.price(),
                        imported.stock(),
                        "catalog",
                        null,
                        true,
                        true));
            } else {
                count("unavailable");
                answers.add(unavailable(key, requested(items.get(i)), null));
            }
        }
        return answers;
    }

    private static BigDecimal requested(PriceItemRequest item) {
        return item.quantity() == null ? BigDecimal.ONE : item.quantity();
    }

    private static PriceItem priced(
            PriceKey key, BigDecimal quantity, PriceEntry entry, String source, long age, boolean stale) {
        return new PriceItem(
                key.productId(),
                key.variantId(),
                key.unitId(),
                quantity,
                entry.currency(),
                entry.price(),
                entry.stock(),
                source,
                age,
                stale,
                true);
    }

    private static PriceItem unavailable(PriceKey key, BigDecimal quantity, String source) {
        return new PriceItem(
                key.productId(),
                key.variantId(),
                key.unitId(),
                quantity,
                key.currency(),
                null,
                null,
                source,
                null,
                source == null,
                false);
    }

    private void count(String source) {
        count(source, 1);
    }

    private void count(String source, int answers) {
        answered.computeIfAbsent(
                        source,
                        s -> Counter.builder("erplink.live.prices.answers")
                                .description("Price answers by source")
                                .tag("source", s)
                                .register(registry))
                .increment(answers);
    }

    private static long age(PriceEntry entry, Instant now) {
        return Math.max(0, Duration.between(entry.fetchedAt(), now).toSeconds());
    }

    private String owner(Caller caller) {
        if (config.cache().level() == LiveConfig.CacheLevel.PRICE_GROUP && caller.priceGroup() != null) {
            return "group:" + caller.priceGroup();
        }
        return caller.anonymous() ? "anonymous:" + caller.erpKey() : "customer:" + caller.customerId();
    }

    private PriceKey key(Caller caller, String owner, String currency, PriceItemRequest item) {
        BigDecimal quantity = item.quantity() == null ? BigDecimal.ONE : item.quantity();
        if (caller.anonymous() && !anonymous.discounts()) {
            quantity = BigDecimal.ONE;
        } else if (!breaks.isEmpty()) {
            BigDecimal priced = breaks.get(0);
            for (BigDecimal step : breaks) {
                if (step.compareTo(quantity) <= 0) {
                    priced = step;
                }
            }
            quantity = priced;
        }
        return new PriceKey(
                owner,
                item.productId().strip(),
                item.variantId() == null ? "" : item.variantId().strip(),
                item.unitId() == null ? "" : item.unitId().strip().toUpperCase(Locale.ROOT),
                currency,
                quantity);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
