package io.erplink.simulator.connector;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Consumer;

import io.erplink.protocol.requests.FilterItem;
import io.erplink.protocol.requests.KnownTable;
import io.erplink.protocol.tables.TableRow;
import io.erplink.simulator.catalog.Catalog;
import io.erplink.simulator.catalog.Hash;

/** Customers as AccessUser rows (the IF v1 or v2 column set) with their delivery address. */
final class CustomerRows {
    private final Catalog catalog;

    CustomerRows(Catalog catalog) {
        this.catalog = catalog;
    }

    TableRow accessUser(long index, KnownTable flavour) {
        Catalog.Customer customer = catalog.customer(index);
        if (flavour == KnownTable.Users) { // IF v1 column set (seed 002)
            return RowBuilder.of("AccessUser")
                    .put("AccessUserExternalID", customer.externalId())
                    .put("AccessUserCustomerNumber", customer.externalId())
                    .put("AccessUserName", customer.company())
                    .put("AccessUserEmail", customer.email())
                    .put("AccessUserPhone", customer.phone())
                    .put("AccessUserFax", "")
                    .put("AccessUserAddress", customer.street())
                    .put("AccessUserAddress2", "")
                    .put("AccessUserZip", customer.zip())
                    .put("AccessUserCity", customer.city())
                    .put("AccessUserCountry", customer.countryCode())
                    .put("AccessUserCurrencyCharacter", customer.currency())
                    .put("AccessUserActive", "true")
                    .put("AccessUserWeb", "")
                    .build();
        }
        return RowBuilder.of("AccessUser") // IF v2 column set (seed 003)
                .put("AccessUserExternalId", customer.externalId())
                .put("AccessUserCustomerNumber", customer.externalId())
                .put("AccessUserUserName", customer.externalId())
                .put("AccessUserType", 5)
                .put("AccessUserName", customer.company())
                .put("AccessUserCompany", customer.company())
                .put("AccessUserFirstName", "")
                .put("AccessUserMiddleName", "")
                .put("AccessUserLastName", "")
                .put("AccessUserAddress", customer.street())
                .put("AccessUserAddress2", "")
                .put("AccessUserHouseNumber", "")
                .put("AccessUserCity", customer.city())
                .put("AccessUserState", "")
                .put("AccessUserCountryCode", customer.countryCode())
                .put("AccessUserCountry", customer.country())
                .put("AccessUserZip", customer.zip())
                .put("AccessUserEmail", customer.email())
                .put("AccessUserPhone", customer.phone())
                .put("AccessUserFax", "")
                .put(
                        "AccessUserVatRegNumber",
                        customer.countryCode()
                                + String.format(
                                        Locale.ROOT, "%08d", Hash.below(catalog.seed(), index, 40, 100_000_000)))
                .put("AccessUserActive", "true")
                .build();
    }

    TableRow accessUserAddress(long index) {
        Catalog.Customer customer = catalog.customer(index);
        return RowBuilder.of("AccessUserAddress")
                .put("AccessUserAddressCallName", customer.company() + " - Delivery")
                .put("AccessUserAddressCompany", customer.company())
                .put("AccessUserAddressName", customer.company() + " - Delivery")
                .put("AccessUserAddressAddress", customer.street())
                .put("AccessUserAddressAddress2", "")
                .put("AccessUserAddressZip", customer.zip())
                .put("AccessUserAddressCity", customer.city())
                .put("AccessUserAddressCountry", customer.country())
                .put("AccessUserAddressPhone", customer.phone())
                .put("AccessUserAddressFax", "")
                .put("AccessUserAddressEmail", customer.email())
                .put("AccessUserAddressCustomerNumber", customer.externalId())
                .put("AccessUserAddressUId", Long.toString(Catalog.FIRST_CUSTOMER * 1000 + index))
                .put("AccessUserAddressState", "")
                .put("AccessUserAddressCountryCode", customer.countryCode())
                .put("AccessUserAddressUserId", customer.externalId())
                .build();
    }

    void customersById(List<FilterItem> items, KnownTable flavour, Consumer<TableRow> out) {
        List<Long> found = new ArrayList<>();
        for (FilterItem item : items) {
            item.fields().values().stream()
                    .map(catalog::customerIndex)
                    .filter(OptionalLong::isPresent)
                    .map(OptionalLong::getAsLong)
                    .findFirst()
                    .ifPresent(found::add);
        }
        found.forEach(index -> out.accept(accessUser(index, flavour)));
        found.forEach(index -> out.accept(accessUserAddress(index)));
    }
}
