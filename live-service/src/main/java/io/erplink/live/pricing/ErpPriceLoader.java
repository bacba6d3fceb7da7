package io.erplink.live.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.erplink.live.LiveConfig;
import io.erplink.live.erp.ErpClient;
import io.erplink.protocol.tables.TableRow;

/**
 * Loads prices from the ERP: the keys are split into requests in which every product/variant occurs
 * once (so answers are matched by ProductID and ProductVariantID alone, whatever else the connector
 * echoes), each of at most {@code max-products-per-request} products, sent in parallel on a pool of
 * {@code parallel-chunks} threads shared by all lookups (the ERP budget for price traffic).
 */
@ApplicationScoped
public class ErpPriceLoader {
    private static final Logger LOG = Logger.getLogger(ErpPriceLoader.class);

    private final ErpClient erp;
    private final LiveConfig.Prices config;
    private final ExecutorService chunks;
    private final Counter requests;
    private final Counter products;

    ErpPriceLoader(ErpClient erp, LiveConfig config, MeterRegistry registry) {
        this.erp = erp;
        this.config = config.prices();
        int threads = Math.max(1, this.config.parallelChunks());
        AtomicInteger counter = new AtomicInteger();
        this.chunks =
                new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(10_000), r -> {
                    Thread thread = new Thread(r, "erp-prices-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.requests = registry.counter("erplink.live.prices.erp.requests");
        this.products = registry.counter("erplink.live.prices.erp.products");
    }

    @PreDestroy
    void stop() {
        chunks.shutdownNow();
    }

    /**
     * Loads these keys (all of one owner and currency) for the ERP customer {@code erpKey}.
     *
     * @return the entries the ERP answered; products it does not know are absent. Fails when any
     *         request fails (the lookup then answers every missing key from the fallback).
     */
    CompletableFuture<Map<PriceKey, PriceEntry>> load(String erpKey, Set<? extends PriceKey> keys) {
        List<List<PriceKey>> requestsToSend = split(keys, Math.max(1, config.maxProductsPerRequest()));
        List<CompletableFuture<Map<PriceKey, PriceEntry>>> futures = new ArrayList<>();
        for (List<PriceKey> chunk : requestsToSend) {
            futures.add(CompletableFuture.supplyAsync(() -> loadChunk(erpKey, chunk), chunks));
        }
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenApply(done -> {
                    Map<PriceKey, PriceEntry> all = new HashMap<>();
                    futures.forEach(future -> all.putAll(future.join()));
                    return all;
                });
    }

    /** Rounds in which each product/variant occurs once, each cut into chunks of at most {@code max}. */
    static List<List<PriceKey>> split(Set<? extends PriceKey> keys, int max) {
        List<Map<String, PriceKey>> rounds = new ArrayList<>();
        for (PriceKey key : keys) {
            String product = key.productId() + '\u0000' + key.variantId();
            Map<String, PriceKey> round = rounds.stream()
                    .filter(r -> !r.containsKey(product))
                    .findFirst()
                    .orElse(null);
            if (round == null) {
                round = new LinkedHashMap<>();
                rounds.add(round);
            }
            round.put(product, key);
        }
        List<List<PriceKey>> chunks = new ArrayList<>();
        for (Map<String, PriceKey> round : rounds) {
            List<PriceKey> all = new ArrayList<>(round.values());
            for (int from = 0; from < all.size(); from += max) {
                chunks.add(all.subList(from, Math.min(all.size(), from + max)));
            }
        }
        return chunks;
    }

    private Map<PriceKey, PriceEntry> loadChunk(String erpKey, List<PriceKey> chunk) {
        List<Map<String, String>> items = new ArrayList<>();
        Map<String, PriceKey> byProduct = new HashMap<>();
        for (PriceKey key : chunk) {
            Map<String, String> item = new LinkedHashMap<>();
            item.put("ProductID", key.productId());
            item.put("ProductVariantID", key.variantId());
            item.put("ProductNumber", key.productId());
            item.put("CurrencyCode", key.currency());
            item.put("Quantity", key.quantity().toPlainString());
            if (!key.unitId().isEmpty()) {
                item.put("UnitId", key.unitId());
            }
            items.add(item);
            byProduct.put(key.productId() + '\u0000' + key.variantId(), key);
        }
        requests.increment();
        products.increment(chunk.size());
        List<TableRow> rows = erp.prices(erpKey, items);
        Instant now = Instant.now();
        Map<PriceKey, PriceEntry> result = new HashMap<>();
        for (TableRow row : rows) {
            String productId = trim(row.get("ProductID"));
            PriceKey key = byProduct.get(productId + '\u0000' + trim(row.get("ProductVariantID")));
            if (key == null) {
                key = byProduct.get(trim(row.get("ProductNumber")) + '\u0000' + trim(row.get("ProductVariantID")));
            }
            if (key == null) {
                continue;
            }
            BigDecimal price = number(row.get("ProductPrice"));
            if (price == null) {
                LOG.warnf(
                        "ERP price row for product %s has no usable ProductPrice '%s'; answered as unavailable",
                        productId, row.get("ProductPrice"));
                continue;
            }
            String currency = trim(row.get("ProductCurrencyCode"));
            result.put(
                    key,
                    new PriceEntry(
                            price,
                            number(row.get("ProductStock")),
                            currency.isEmpty() ? key.currency() : currency.toUpperCase(Locale.ROOT),
                            now));
        }
        return result;
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }

    static BigDecimal number(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
