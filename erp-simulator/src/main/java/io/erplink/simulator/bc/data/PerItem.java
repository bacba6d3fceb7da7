package io.erplink.simulator.bc.data;

import java.util.function.LongToIntFunction;

/** Rows per item repeating with a period: maps a row index to (item, row within the item). */
record PerItem(int period, LongToIntFunction rowsOf) {
    private int perBlock() {
        int total = 0;
        for (int p = 0; p < period; p++) {
            total += rowsOf.applyAsInt(p);
        }
        return total;
    }

    long count(long items) {
        long count = items / period * perBlock();
        for (long j = items / period * period; j < items; j++) {
            count += rowsOf.applyAsInt(j);
        }
        return count;
    }

    long[] locate(long index) {
        int perBlock = perBlock();
        long j = index / perBlock * period;
        long rest = index % perBlock;
        while (rest >= rowsOf.applyAsInt(j)) {
            rest -= rowsOf.applyAsInt(j);
            j++;
        }
        return new long[] {j, rest};
    }
}
