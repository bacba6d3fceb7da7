package io.erplink.simulator.bc.data;

import java.util.ArrayList;
import java.util.List;

import io.erplink.simulator.bc.model.Field;

/** Declares a set's fields (keys first) and its generator. */
final class SetBuilder {
    private final String name;
    private final long seed;
    private final List<Field> fields = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();
    private EntitySet.NumberSeries numbers;

    SetBuilder(String name, long seed) {
        this.name = name;
        this.seed = seed;
    }

    SetBuilder key(Field... key) {
        for (Field field : key) {
            fields.add(field);
            keys.add(field.name());
        }
        return this;
    }

    SetBuilder fields(Field... more) {
        return fields(List.of(more));
    }

    SetBuilder fields(List<Field> more) {
        fields.addAll(more);
        return this;
    }

    SetBuilder numbers(EntitySet.NumberSeries series) {
        this.numbers = series;
        return this;
    }

    EntitySet rows(long count, EntitySet.Generator generator) {
        return new EntitySet(name, fields, keys, count, generator, numbers, seed);
    }
}
