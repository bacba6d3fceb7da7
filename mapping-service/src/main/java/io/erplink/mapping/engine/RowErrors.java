package io.erplink.mapping.engine;

import java.util.ArrayList;
import java.util.List;

/** A row's conversion errors, allocated only when there is one. */
final class RowErrors {
    private List<String> messages;

    void add(String message) {
        if (messages == null) {
            messages = new ArrayList<>(2);
        }
        messages.add(message);
    }

    boolean any() {
        return messages != null;
    }

    String joined() {
        return String.join("; ", messages);
    }
}
