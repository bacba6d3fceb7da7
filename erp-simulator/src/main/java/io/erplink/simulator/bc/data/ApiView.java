package io.erplink.simulator.bc.data;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.erplink.simulator.bc.model.Field;
import io.erplink.simulator.bc.model.Row;
import io.erplink.simulator.bc.model.Table;

/**
 * A BC API v2.0 entity set ({@code items}, {@code customers}) as a read-only view of a page's
 * rows with the API's camelCase fields; ordered, paged and keyed for skiptokens by {@code number}
 * (the page's No), while {@code id} is the row's SystemId.
 */
public final class ApiView implements Table {
    private final String name;
    private final EntitySet base;
    private final List<Field> fields = new ArrayList<>();
    private final List<Function<Row, Object>> getters = new ArrayList<>();
    private final int[] keyIndexes;

    private ApiView(String name, EntitySet base, Map<Field, Function<Row, Object>> mapping, String key) {
        this.name = name;
        this.base = base;
        mapping.forEach((field, getter) -> {
            fields.add(field);
            getters.add(getter);
        });
        this.keyIndexes = new int[] {indexOf(key).orElseThrow()};
    }

    /** {@code items} over DynamicwebItemCard. */
    public static ApiView items(EntitySet items) {
        Map<Field, Function<Row, Object>> m = new java.util.LinkedHashMap<>();
        m.put(Field.guid("id"), from(items, "SystemId"));
        m.put(Field.code("number", 20), from(items, "No"));
        m.put(Field.text("displayName", 100), from(items, "Description"));
        m.put(Field.text("type", 30), from(items, "Type"));
        m.put(Field.code("itemCategoryCode", 20), from(items, "Item_Category_Code"));
        m.put(Field.bool("blocked"), from(items, "Blocked"));
        m.put(Field.code("gtin", 14), from(items, "GTIN"));
        m.put(Field.decimal("inventory"), from(items, "Inventory"));
        m.put(Field.decimal("unitPrice"), from(items, "Unit_Price"));
        m.put(Field.bool("priceIncludesTax"), from(items, "Price_Includes_VAT"));
        m.put(Field.decimal("unitCost"), from(items, "Unit_Cost"));
        m.put(Field.code("baseUnitOfMeasureCode", 10), from(items, "Base_Unit_of_Measure"));
        m.put(Field.dateTime("lastModifiedDateTime"), from(items, "SystemModifiedAt"));
        return new ApiView("items", items, m, "number");
    }

    /** {@code customers} over DynamicwebCustomerCard. */
    public static ApiView customers(EntitySet customers) {
        Map<Field, Function<Row, Object>> m = new java.util.LinkedHashMap<>();
        m.put(Field.guid("id"), from(customers, "SystemId"));
        m.put(Field.code("number", 20), from(customers, "No"));
        m.put(Field.text("displayName", 100), from(customers, "Name"));
        m.put(Field.text("type", 30), row -> "Company");
        m.put(Field.text("addressLine1", 100), from(customers, "Address"));
        m.put(Field.text("addressLine2", 50), from(customers, "Address_2"));
        m.put(Field.text("city", 30), from(customers, "City"));
        m.put(Field.code("country", 10), from(customers, "Country_Region_Code"));
        m.put(Field.code("postalCode", 20), from(customers, "Post_Code"));
        m.put(Field.text("phoneNumber", 30), from(customers, "Phone_No"));
        m.put(Field.text("email", 80), from(customers, "E_Mail"));
        m.put(Field.code("salespersonCode", 20), from(customers, "Salesperson_Code"));
        m.put(Field.decimal("balanceDue"), row -> BigDecimal.ZERO);
        m.put(Field.code("currencyCode", 10), from(customers, "Currency_Code"));
        m.put(Field.text("blocked", 10), row -> {
            String blocked = (String) row.get(customers.position("Blocked"));
            return blocked.isEmpty() ? " " : blocked;
        });
        m.put(Field.dateTime("lastModifiedDateTime"), from(customers, "SystemModifiedAt"));
        return new ApiView("customers", customers, m, "number");
    }

    private static Function<Row, Object> from(EntitySet set, String field) {
        int position = set.position(field);
        return row -> row.get(position);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Field> fields() {
        return fields;
    }

    @Override
    public int[] keyIndexes() {
        return keyIndexes;
    }

    private Row project(Row row) {
        Object[] values = new Object[getters.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = getters.get(i).apply(row);
        }
        return new Row(values, row.version(), false);
    }

    @Override
    public Iterator<Row> rowsAfter(Object[] afterKey) {
        Iterator<Row> rows = base.rowsAfter(afterKey);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                return project(rows.next());
            }
        };
    }

    @Override
    public Optional<Row> find(Object[] key) {
        return base.find(key).map(this::project);
    }
}
