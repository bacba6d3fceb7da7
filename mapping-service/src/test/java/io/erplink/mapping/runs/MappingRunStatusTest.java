package io.erplink.mapping.runs;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MappingRunStatusTest {

    @Test
    void storedNamesMapToSpringBatchStatusesInAnyCase() {
        assertEquals(Optional.of(MappingRunStatus.STARTED), MappingRunStatus.ofStored("STAGING"));
        assertEquals(Optional.of(MappingRunStatus.COMPLETED), MappingRunStatus.ofStored(" merged "));
        assertEquals(Optional.of(MappingRunStatus.FAILED), MappingRunStatus.ofStored("Failed"));
        assertEquals(Optional.empty(), MappingRunStatus.ofStored("COMPLETED"), "the API takes the stored names");
        assertEquals(Optional.empty(), MappingRunStatus.ofStored(null));
    }

    @Test
    void onlyAStartedRunIsNotFinal() {
        assertFalse(MappingRunStatus.STARTED.isFinal());
        assertTrue(MappingRunStatus.COMPLETED.isFinal());
        assertTrue(MappingRunStatus.FAILED.isFinal());
        assertEquals("MERGED", MappingRunStatus.COMPLETED.stored());
    }
}
