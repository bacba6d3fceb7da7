package io.erplink.live.pricing;

import java.util.HashSet;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.erplink.protocol.events.CatalogChanged;

/**
 * Consumes {@code catalog.changed}: drops the cached prices of the products an import touched (every
 * product of the table when the event says {@code allProducts}). Each replica has its own in-memory
 * cache, so each replica reads every event (own consumer group, from the latest offset). Dropping
 * twice changes nothing, so no processed-event record is needed.
 */
@ApplicationScoped
public class CatalogChangedConsumer {
    private static final Logger LOG = Logger.getLogger(CatalogChangedConsumer.class);

    private final PriceCache cache;
    private final ObjectMapper mapper;

    CatalogChangedConsumer(PriceCache cache, ObjectMapper mapper) {
        this.cache = cache;
        this.mapper = mapper;
    }

    @Incoming("catalog-changed")
    public void consume(String payload) {
        CatalogChanged event;
        try {
            event = mapper.readValue(payload, CatalogChanged.class);
        } catch (Exception e) {
            LOG.warnf("ignored an unreadable catalog.changed event: %s", e.getMessage());
            return;
        }
        if (event == null
                || event.table() != null
                        && !event.table().toLowerCase(Locale.ROOT).startsWith("ecomproduct")
                        && !event.table().equalsIgnoreCase("EcomPrices")
                        && !event.table().equalsIgnoreCase("EcomStockUnit")) {
            return;
        }
        if (event.allProducts()) {
            cache.invalidateAll();
            LOG.infof("catalog.changed (run %s, %s): dropped every cached price", event.runId(), event.table());
        } else if (event.productIds() != null && !event.productIds().isEmpty()) {
            int dropped = cache.invalidateProducts(new HashSet<>(event.productIds()));
            LOG.debugf(
                    "catalog.changed (run %s): dropped %d cached prices of %d products",
                    event.runId(), dropped, event.productIds().size());
        }
    }
}
