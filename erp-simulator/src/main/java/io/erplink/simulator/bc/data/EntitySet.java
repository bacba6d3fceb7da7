package io.erplink.simulator.bc.data;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import io.erplink.simulator.bc.model.Field;
import io.erplink.simulator.bc.model.Row;
import io.erplink.simulator.bc.model.Table;
import io.erplink.simulator.catalog.Hash;

/**
 * One BC page published as an OData entity set: its fields, generated rows and the changes made
 * to them. Generated rows are computed from their index (their keys ascend with the index, so a
 * key is found by binary search and millions of rows cost no memory); inserted, modified and
 * deleted rows live in an overlay sorted by key that wins over the generated row of the same key.
 * Reads walk both in key order without locks; writes of one set are serialised.
 *
 * <p>Every set ends with {@code SystemId} (Edm.Guid) and {@code SystemModifiedAt}
 * (Edm.DateTimeOffset): generated rows were modified at deterministic times in the first half of
 * 2025, changed rows at the server clock's time of the change.
 *
 * <p>One class on purpose: the generated rows, the overlay and the merged key-ordered walk over both
 * share one key order and one lock; split, each half would have to know the other's invariants.
 */
public final class EntitySet implements Table {
    static final Instant GENERATED_FROM = Instant.parse("2025-01-01T00:00:00Z");
    private static final long GENERATED_SPAN_MS = Duration.ofDays(180).toMillis();
    private static final AtomicLong VERSIONS = new AtomicLong(1_000_000);

    /** Fills the fields of generated row {@code index}; unset fields stay blank. */
    @FunctionalInterface
    public interface Generator {
        void fill(long index, Values row);
    }

    /** Numbers for POSTed rows that leave their single key blank ({@code C00101}, {@code SO100021}, ...). */
    public record NumberSeries(String prefix, int width, long first) {
        String format(long n) {
            return prefix + Catalogs.pad(n, width);
        }
    }

    private final String name;
    private final List<Field> fields;
    private final int[] keyIndexes;
    private final Map<String, Integer> positions = new HashMap<>();
    private final long generatedCount;
    private final Generator generator;
    private final NumberSeries numberSeries;
    private final long seed;
    private final long salt;
    private final Comparator<Object[]> keyComparator;
    private final ConcurrentSkipListMap<Object[], Row> overlay;
    private final AtomicLong nextNumber = new AtomicLong();
    private final int systemId;
    private final int systemModifiedAt;

    EntitySet(
            String name,
            List<Field> declared,
            List<String> keys,
            long generatedCount,
            Generator generator,
            NumberSeries numberSeries,
            long seed) {
        List<Field> all = new ArrayList<>(declared);
        all.add(Field.guid("SystemId"));
        all.add(Field.dateTime("SystemModifiedAt"));
        this.name = name;
        this.fields = Collections.unmodifiableList(all);
        for (int i = 0; i < all.size(); i++) {
            if (positions.put(all.get(i).name(), i) != null) {
                throw new IllegalArgumentException(
                        name + ": field " + all.get(i).name() + " twice");
            }
        }
        this.keyIndexes = keys.stream().mapToInt(this::position).toArray();
        this.generatedCount = generatedCount;
        this.generator = generator;
        this.numberSeries = numberSeries;
        this.seed = seed;
        this.salt = Hash.of(name);
        this.keyComparator = Table.super.keyComparator();
        this.overlay = new ConcurrentSkipListMap<>(keyComparator);
        this.systemId = position("SystemId");
        this.systemModifiedAt = position("SystemModifiedAt");
        resetNumbers();
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

    @Override
    public Comparator<Object[]> keyComparator() {
        return keyComparator;
    }

    @Override
    public Optional<Integer> indexOf(String field) {
        return Optional.ofNullable(positions.get(field));
    }

    public int position(String field) {
        Integer position = positions.get(field);
        if (position == null) {
            throw new IllegalArgumentException(name + " has no field " + field);
        }
        return position;
    }

    public Optional<NumberSeries> numberSeries() {
        return Optional.ofNullable(numberSeries);
    }

    public long generatedCount() {
        return generatedCount;
    }

    /** Generated row {@code index}, as it was before any change. */
    public Row generated(long index) {
        Values values = new Values(this);
        generator.fill(index, values);
        long h = Hash.of(seed, index, salt);
        values.set(
                "SystemId",
                new UUID(Hash.mix(h) & 0xffffffffffff0fffL | 0x4000L, h & 0x3fffffffffffffffL | 0x8000000000000000L));
        Instant modified = GENERATED_FROM.plusMillis(Long.remainderUnsigned(h, GENERATED_SPAN_MS));
        values.set("SystemModifiedAt", modified);
        if (positions.containsKey("Last_Date_Modified")) {
            values.set("Last_Date_Modified", LocalDate.ofInstant(modified, ZoneOffset.UTC));
        }
        return new Row(values.done(), 1000 + Long.remainderUnsigned(h >>> 16, 9000), false);
    }

    @Override
    public Iterator<Row> rowsAfter(Object[] afterKey) {
        long start = afterKey == null ? 0 : firstGeneratedAfter(afterKey);
        Iterator<Map.Entry<Object[], Row>> changes = afterKey == null
                ? overlay.entrySet().iterator()
                : overlay.tailMap(afterKey, false).entrySet().iterator();
        return new Merged(start, changes);
    }

    @Override
    public Optional<Row> find(Object[] key) {
        Row changed = overlay.get(key);
        if (changed != null) {
            return changed.deleted() ? Optional.empty() : Optional.of(changed);
        }
        long index = firstGeneratedAfter(key) - 1;
        if (index >= 0) {
            Row row = generated(index);
            if (keyComparator.compare(key(row), key) == 0) {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }

    /** Index of the first generated row whose key is greater than {@code key}. */
    private long firstGeneratedAfter(Object[] key) {
        long lo = 0;
        long hi = generatedCount;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (keyComparator.compare(key(generated(mid)), key) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** A new row with these values, stamped now; refuses a key that exists. */
    public synchronized Row insert(Object[] values, Clock clock) {
        Object[] key = keyOf(values);
        if (find(key).isPresent()) {
            throw new KeyExists(key);
        }
        Row row = stamp(values, clock, UUID.randomUUID());
        overlay.put(key, row);
        return row;
    }

    /**
     * Replaces the row of {@code key} with the values {@code change} makes of it (same key), stamped
     * now, if {@code precondition} holds for the current row (the caller's ETag still matches).
     */
    public synchronized Row update(
            Object[] key, Predicate<Row> precondition, UnaryOperator<Object[]> change, Clock clock) {
        Row current = find(key).orElseThrow(() -> new NoSuchRow(key));
        if (!precondition.test(current)) {
            throw new VersionConflict(current);
        }
        Object[] values = change.apply(Arrays.copyOf(current.values(), current.values().length));
        if (keyComparator.compare(keyOf(values), key) != 0) {
            throw new IllegalArgumentException("the key of a row cannot change");
        }
        Row row = stamp(values, clock, (UUID) current.get(systemId));
        overlay.put(key, row);
        return row;
    }

    /** Deletes the row of {@code key} if {@code precondition} holds for it. */
    public synchronized void delete(Object[] key, Predicate<Row> precondition) {
        Row current = find(key).orElseThrow(() -> new NoSuchRow(key));
        if (!precondition.test(current)) {
            throw new VersionConflict(current);
        }
        overlay.put(key, new Row(current.values(), VERSIONS.incrementAndGet(), true));
    }

    /**
     * The next number of the set's series (for its {@code No} key field) that no row with the other
     * key values of {@code values} has.
     */
    public synchronized String nextNumber(Object[] values) {
        int no = position("No");
        while (true) {
            String candidate = numberSeries.format(nextNumber.getAndIncrement());
            Object[] probe = Arrays.copyOf(values, values.length);
            probe[no] = candidate;
            if (find(keyOf(probe)).isEmpty()) {
                return candidate;
            }
        }
    }

    /** Forgets every change: back to the generated rows. */
    public synchronized void reset() {
        overlay.clear();
        resetNumbers();
    }

    /** Rows inserted, modified or deleted since the start or the last reset. */
    public int changes() {
        return overlay.size();
    }

    private void resetNumbers() {
        if (numberSeries != null) {
            nextNumber.set(numberSeries.first() + generatedCount);
        }
    }

    private Row stamp(Object[] values, Clock clock, UUID id) {
        Object[] copy = Arrays.copyOf(values, values.length);
        copy[systemId] = id;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        copy[systemModifiedAt] = now;
        Integer lastDate = positions.get("Last_Date_Modified");
        if (lastDate != null) {
            copy[lastDate] = LocalDate.ofInstant(now, ZoneOffset.UTC);
        }
        return new Row(copy, VERSIONS.incrementAndGet(), false);
    }

    private Object[] keyOf(Object[] values) {
        Object[] key = new Object[keyIndexes.length];
        for (int i = 0; i < keyIndexes.length; i++) {
            key[i] = values[keyIndexes[i]];
        }
        return key;
    }

    /** Walks the generated rows from an index and the overlay together, in key order. */
    private final class Merged implements Iterator<Row> {
        private long index;
        private final Iterator<Map.Entry<Object[], Row>> changes;
        private Row generatedRow;
        private Map.Entry<Object[], Row> change;
        private Row next;

        Merged(long index, Iterator<Map.Entry<Object[], Row>> changes) {
            this.index = index;
            this.changes = changes;
            this.generatedRow = index < generatedCount ? generated(index) : null;
            this.change = changes.hasNext() ? changes.next() : null;
        }

        @Override
        public boolean hasNext() {
            while (next == null && (generatedRow != null || change != null)) {
                int c;
                if (generatedRow == null) {
                    c = 1;
                } else if (change == null) {
                    c = -1;
                } else {
                    c = keyComparator.compare(key(generatedRow), change.getKey());
                }
                Row candidate;
                if (c < 0) {
                    candidate = generatedRow;
                    advanceGenerated();
                } else {
                    candidate = change.getValue();
                    if (c == 0) {
                        advanceGenerated();
                    }
                    change = changes.hasNext() ? changes.next() : null;
                }
                if (!candidate.deleted()) {
                    next = candidate;
                }
            }
            return next != null;
        }

        private void advanceGenerated() {
            index++;
            generatedRow = index < generatedCount ? generated(index) : null;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Row row = next;
            next = null;
            return row;
        }
    }

    /** A generated row's values under construction. */
    public static final class Values {
        private final EntitySet set;
        private final Object[] values;

        Values(EntitySet set) {
            this.set = set;
            this.values = new Object[set.fields.size()];
        }

        public Values set(String field, Object value) {
            values[set.position(field)] = value;
            return this;
        }

        Object[] done() {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    values[i] = set.fields.get(i).blank();
                }
            }
            return values;
        }
    }

    /** Blank values of every field (the start of a POSTed row). */
    public Object[] blankValues() {
        return new Values(this).done();
    }

    /** A row with that key exists already. */
    public static final class KeyExists extends RuntimeException {
        KeyExists(Object[] key) {
            super(Arrays.toString(key));
        }
    }

    /** No row with that key. */
    public static final class NoSuchRow extends RuntimeException {
        NoSuchRow(Object[] key) {
            super(Arrays.toString(key));
        }
    }

    /** The row changed since the version the caller had. */
    public static final class VersionConflict extends RuntimeException {
        private final transient Row current;

        VersionConflict(Row current) {
            super("version " + current.version());
            this.current = current;
        }

        public Row current() {
            return current;
        }
    }
}
