package io.erplink.protocol.events;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunResultTest {
    /** seed 004's customers: 60 rows read, one failed, the others into three tables. */
    private static RunResult customers(RunResult.Status status, long written, List<SourceTableCounts> sources) {
        return new RunResult(
                "e",
                RunResult.VERSION,
                "r",
                status,
                60,
                175,
                0,
                0,
                1,
                0,
                null,
                List.of(),
                0,
                null,
                List.of(),
                written,
                sources,
                List.of(
                        new TargetTableCounts("AccessUser", 59, 59, 0, 0, 0, 1, 0),
                        new TargetTableCounts("AccessUserGroup", 59, 6, 0, 0, 53, 0, 0)));
    }

    @Test
    void aMergedRunAccountsEachRowReadOnceAndEachDestinationTableApart() {
        RunResult result = customers(
                RunResult.Status.MERGED, 59, List.of(new SourceTableCounts("DynamicwebCustomerCard", 60, 59, 0, 1)));
        assertTrue(result.balanced());
        assertTrue(result.sources().get(0).balanced());
        assertTrue(result.targets().stream().allMatch(TargetTableCounts::balanced));
        assertEquals(
                "read 60 = 59 written + 0 skipped + 1 failed; from DynamicwebCustomerCard: read 60 = 59 written"
                        + " + 0 skipped + 1 failed; into AccessUser: 59 received = 59 inserted + 0 updated + 0"
                        + " unchanged + 0 skipped, 1 failed, 0 removed; into AccessUserGroup: 59 received = 6"
                        + " inserted + 0 updated + 0 unchanged + 53 skipped, 0 failed, 0 removed",
                result.accounting());
    }

    @Test
    void aFailedRunShowsTheRowsItHadStagedAsRolledBack() {
        RunResult result = customers(
                RunResult.Status.FAILED, 0, List.of(new SourceTableCounts("DynamicwebCustomerCard", 60, 0, 0, 1)));
        assertFalse(result.balanced(), "nothing written");
        assertTrue(
                result.accounting()
                        .startsWith(
                                "read 60 = 0 written + 59 rolled back + 0 skipped + 1 failed; from DynamicwebCustomerCard:"
                                        + " read 60 = 0 written + 59 rolled back + 0 skipped + 1 failed;"),
                result.accounting());
    }

    @Test
    void aVersionTwoResultKeepsItsOwnAccount() {
        RunResult result = new RunResult(
                "e",
                2,
                "r",
                RunResult.Status.MERGED,
                7,
                0,
                0,
                0,
                0,
                0,
                null,
                List.of(),
                7,
                List.of(new TableCounts("Products", 7, 0, 0, 7, 0, 0)),
                List.of(),
                0,
                null,
                null);
        assertEquals(
                "read 7 = 0 inserted + 0 updated + 7 unchanged + 0 skipped + 0 failed, 0 removed; Products: read 7 = 0"
                        + " inserted + 0 updated + 7 unchanged + 0 skipped + 0 failed",
                result.accounting());
        assertEquals(List.of(), result.sourcesOrEmpty());
    }
}
