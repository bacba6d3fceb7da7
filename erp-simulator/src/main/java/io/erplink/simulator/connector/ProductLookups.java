package io.erplink.simulator.connector;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

import io.erplink.protocol.requests.FilterItem;
import io.erplink.simulator.RequestRejected;
import io.erplink.simulator.catalog.Catalog;
import io.erplink.simulator.pricing.CurrencyTable;

/** Resolves the items of a product filter request: the product, currency, quantity and unit asked for; a bad item is refused. */
final class ProductLookups {
    private final Catalog catalog;

    ProductLookups(Catalog catalog) {
        this.catalog = catalog;
    }

    /** A product filter item resolved: the product, currency, quantity and unit asked for. */
    record Lookup(FilterItem item, long index, String currency, BigDecimal quantity, Catalog.Unit unit) {}

    List<Lookup> resolve(List<FilterItem> items) {
        List<Lookup> lookups = new ArrayList<>();
        for (FilterItem item : items) {
            OptionalLong index = catalog.productIndex(item.get("ProductID"));
            if (index.isEmpty()) {
                index = catalog.productIndex(item.get("ProductNumber"));
            }
            if (index.isEmpty()) {
                continue; // not an item of this ERP: a real connector leaves it out as well
            }
            String requested = item.get("CurrencyCode");
            String currency = requested != null
                            && CurrencyTable.find(requested).isPresent()
                            && catalog.currencies().contains(requested.strip().toUpperCase(Locale.ROOT))
                    ? requested.strip().toUpperCase(Locale.ROOT)
                    : catalog.systemCurrency();
            BigDecimal quantity = BigDecimal.ONE;
            String quantityText = item.get("Quantity");
            if (quantityText != null && !quantityText.isBlank()) {
                try {
                    quantity = new BigDecimal(quantityText.strip());
                } catch (NumberFormatException e) {
                    throw new RequestRejected(
                            400,
                            "Quantity \"" + quantityText + "\" of product " + Catalog.productId(index.getAsLong())
                                    + " is not a number");
                }
                if (quantity.signum() <= 0) {
                    throw new RequestRejected(400, "Quantity " + quantityText + " must be positive");
                }
            }
            String unitId = item.get("UnitId");
            Catalog.Unit unit = Catalog.UNITS.get(0);
            if (unitId != null && !unitId.isBlank()) {
                unit = Catalog.UNITS.stream()
                        .filter(u -> u.id().equalsIgnoreCase(unitId.strip()))
                        .findFirst()
                        .orElseThrow(() -> new RequestRejected(
                                400,
                                "unknown UnitId \"" + unitId + "\"; units are "
                                        + Catalog.UNITS.stream()
                                                .map(Catalog.Unit::id)
                                                .toList()));
            }
            lookups.add(new Lookup(item, index.getAsLong(), currency, quantity, unit));
        }
        return lookups;
    }
}
