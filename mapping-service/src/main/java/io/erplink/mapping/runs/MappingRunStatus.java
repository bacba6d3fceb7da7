package io.erplink.mapping.runs;

import java.util.Locale;
import java.util.Optional;

/**
 * A mapping run's status, in Spring Batch's vocabulary: STARTED (chunks being staged, or waiting for
 * RunSealed or the last chunk), COMPLETED (merged into the commerce tables) and FAILED (nothing
 * written). {@link #stored()} is the name in {@code mapping_run.status} and in the API (STAGING,
 * MERGED, FAILED): those predate the vocabulary, and renaming them would change the API and every
 * stored run.
 */
public enum MappingRunStatus {
    STARTED("STAGING"),
    COMPLETED("MERGED"),
    FAILED("FAILED");

    private final String stored;

    MappingRunStatus(String stored) {
        this.stored = stored;
    }

    /** The name in {@code mapping_run.status} and in the API. */
    public String stored() {
        return stored;
    }

    public boolean isFinal() {
        return this != STARTED;
    }

    /** The status stored as {@code name} (any case), if there is one. */
    public static Optional<MappingRunStatus> ofStored(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String upper = name.trim().toUpperCase(Locale.ROOT);
        for (MappingRunStatus status : values()) {
            if (status.stored.equals(upper)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
