package io.erplink.simulator.bc.odata;

import java.util.Set;
import java.util.TreeSet;

import io.erplink.simulator.bc.model.Field;
import io.erplink.simulator.bc.model.Row;

/** A parsed {@code $filter}: a predicate over rows, and the fields it reads. */
public sealed interface Filter {

    boolean test(Row row);

    /** The fields the filter reads (an ignored {@code eq null} reads none). */
    Set<String> fields();

    /** Keeps every row: no $filter, or a comparison with null (ignored as BC does). */
    record All() implements Filter {
        @Override
        public boolean test(Row row) {
            return true;
        }

        @Override
        public Set<String> fields() {
            return Set.of();
        }
    }

    record And(Filter left, Filter right) implements Filter {
        @Override
        public boolean test(Row row) {
            return left.test(row) && right.test(row);
        }

        @Override
        public Set<String> fields() {
            Set<String> fields = new TreeSet<>(left.fields());
            fields.addAll(right.fields());
            return fields;
        }
    }

    record Or(Filter left, Filter right) implements Filter {
        @Override
        public boolean test(Row row) {
            return left.test(row) || right.test(row);
        }

        @Override
        public Set<String> fields() {
            Set<String> fields = new TreeSet<>(left.fields());
            fields.addAll(right.fields());
            return fields;
        }
    }

    /** The comparison operators. */
    enum Operator {
        EQ,
        NE,
        GT,
        GE,
        LT,
        LE;

        boolean holds(int comparison) {
            return switch (this) {
                case EQ -> comparison == 0;
                case NE -> comparison != 0;
                case GT -> comparison > 0;
                case GE -> comparison >= 0;
                case LT -> comparison < 0;
                case LE -> comparison <= 0;
            };
        }
    }

    record Comparison(Field field, int index, Operator operator, Object value) implements Filter {
        @Override
        public boolean test(Row row) {
            return operator.holds(field.compare(row.get(index), value));
        }

        @Override
        public Set<String> fields() {
            return Set.of(field.name());
        }
    }

    /** startswith, endswith, contains. */
    enum Function {
        STARTSWITH,
        ENDSWITH,
        CONTAINS
    }

    record Call(Field field, int index, Function function, String value) implements Filter {
        @Override
        public boolean test(Row row) {
            String text = (String) row.get(index);
            return switch (function) {
                case STARTSWITH -> text.startsWith(value);
                case ENDSWITH -> text.endsWith(value);
                case CONTAINS -> text.contains(value);
            };
        }

        @Override
        public Set<String> fields() {
            return Set.of(field.name());
        }
    }
}
