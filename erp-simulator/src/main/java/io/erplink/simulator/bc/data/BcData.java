package io.erplink.simulator.bc.data;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The companies and the entity sets every company shows (one data set for all companies: a change
 * made through one company is seen through every other).
 */
public final class BcData {
    private final Map<String, Company> companies = new LinkedHashMap<>();
    private final Map<String, EntitySet> sets;
    private final Map<String, ApiView> apiViews = new LinkedHashMap<>();

    /** A company: its name and its API id (a name-based UUID, stable across runs). */
    public record Company(String name, UUID id) {}

    public BcData(List<String> companyNames, Map<String, EntitySet> sets) {
        for (String name : companyNames) {
            companies.put(
                    name,
                    new Company(name, UUID.nameUUIDFromBytes(("bc-company:" + name).getBytes(StandardCharsets.UTF_8))));
        }
        this.sets = sets;
        apiViews.put("items", ApiView.items(sets.get("DynamicwebItemCard")));
        apiViews.put("customers", ApiView.customers(sets.get("DynamicwebCustomerCard")));
    }

    public Collection<Company> companies() {
        return companies.values();
    }

    public Optional<Company> company(String name) {
        return Optional.ofNullable(companies.get(name));
    }

    public Optional<Company> company(UUID id) {
        return companies.values().stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public Collection<EntitySet> sets() {
        return sets.values();
    }

    public Optional<EntitySet> set(String name) {
        return Optional.ofNullable(sets.get(name));
    }

    public Optional<ApiView> apiView(String name) {
        return Optional.ofNullable(apiViews.get(name));
    }

    public Collection<ApiView> apiViews() {
        return apiViews.values();
    }

    /** Forgets every change of every set. */
    public void reset() {
        sets.values().forEach(EntitySet::reset);
    }
}
