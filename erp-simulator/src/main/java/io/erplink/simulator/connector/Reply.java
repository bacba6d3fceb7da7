package io.erplink.simulator.connector;

import java.util.function.Consumer;

import io.erplink.protocol.tables.TableRow;
import io.erplink.protocol.tables.TablesHeader;

/**
 * A planned {@code <tables>} response: its header and a source that produces its rows lazily while
 * the response is written, so a page of any size never sits in memory.
 */
public record Reply(TablesHeader header, RowSource rows) {

    /** Produces the rows of a reply, in order. */
    @FunctionalInterface
    public interface RowSource {
        void produce(Consumer<TableRow> out);
    }

    /** A reply with a header and no rows ({@code <tables/>}). */
    public static Reply empty(TablesHeader header) {
        return new Reply(header, out -> {});
    }
}
