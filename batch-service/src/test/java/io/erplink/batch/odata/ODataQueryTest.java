package io.erplink.batch.odata;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ODataQueryTest {
    private static final URI ROOT = URI.create("https://bc/v2.0/t/prod/ODataV4");
    private static final Map<String, String> ITEM = Map.of(
            "No", "Edm.String",
            "Description", "Edm.String",
            "AssemblyBOM", "Edm.Boolean",
            "SystemModifiedAt", "Edm.DateTimeOffset",
            "Last_Date_Modified", "Edm.Date");

    private static ODataSource items(String deltaField, Integer overlap, Boolean pushdown) {
        return new ODataSource(
                "DynamicwebItemCard",
                null,
                null,
                deltaField,
                overlap,
                pushdown,
                List.of("No", "Description", "Not_A_Property"),
                List.of(List.of(new Condition("AssemblyBOM", "EqualTo", "True"))));
    }

    private static String decoded(ODataQuery q) {
        return URLDecoder.decode(q.url().toString(), StandardCharsets.UTF_8);
    }

    @Test
    void aFullImportSelectsTheMappedColumnsAndPushesTheConditionals() {
        ODataQuery q = ODataQuery.plan(ROOT, "Company('X')", items(null, null, null), ITEM, Map.of(), null, 2048);
        assertEquals(
                "https://bc/v2.0/t/prod/ODataV4/Company('X')/DynamicwebItemCard"
                        + "?$select=No,Description,AssemblyBOM,SystemModifiedAt&$filter=AssemblyBOM eq true",
                decoded(q));
        assertTrue(q.select());
    }

    @Test
    void aDeltaRunFiltersFromTheWatermarkMinusTheOverlap() {
        ODataQuery q = ODataQuery.plan(
                ROOT, "Company('X')", items(null, 300, false), ITEM, Map.of(), "2026-12-01T10:00:00.5Z", 2048);
        assertEquals("SystemModifiedAt ge 2026-12-01T09:55:00.500Z", q.delta());
        assertTrue(decoded(q).endsWith("&$filter=SystemModifiedAt ge 2026-12-01T09:55:00.500Z"), decoded(q));
        ODataQuery both = ODataQuery.plan(ROOT, "", items(null, 0, true), ITEM, Map.of(), "2026-12-01T10:00:00Z", 2048);
        assertTrue(
                decoded(both).endsWith("$filter=(AssemblyBOM eq true) and SystemModifiedAt ge 2026-12-01T10:00:00Z"),
                decoded(both));
    }

    @Test
    void anEdmDateDeltaFieldComparesWholeDays() {
        ODataQuery q =
                ODataQuery.plan(ROOT, "", items("Last_Date_Modified", 300, false), ITEM, Map.of(), "2026-12-01", 2048);
        assertEquals("Last_Date_Modified ge 2026-12-01", q.delta());
        ODataQuery twoDays = ODataQuery.plan(
                ROOT, "", items("Last_Date_Modified", 2 * 86_400, false), ITEM, Map.of(), "2026-12-01", 2048);
        assertEquals("Last_Date_Modified ge 2026-11-29", twoDays.delta());
    }

    @Test
    void aTooLongUrlDropsTheSelectThenThePushdownButNeverTheDelta() {
        ODataSource source = items(null, 0, true);
        int full = ODataQuery.plan(ROOT, "", source, ITEM, Map.of(), "2026-12-01T10:00:00Z", 4096)
                .url()
                .toString()
                .length();
        ODataQuery noSelect = ODataQuery.plan(ROOT, "", source, ITEM, Map.of(), "2026-12-01T10:00:00Z", full - 1);
        assertFalse(noSelect.select());
        assertEquals("AssemblyBOM eq true", noSelect.pushdown());
        ODataQuery bare = ODataQuery.plan(ROOT, "", source, ITEM, Map.of(), "2026-12-01T10:00:00Z", 100);
        assertEquals(null, bare.pushdown());
        assertEquals(
                "https://bc/v2.0/t/prod/ODataV4/DynamicwebItemCard?$filter=SystemModifiedAt ge 2026-12-01T10:00:00Z",
                decoded(bare));
    }

    @Test
    void withoutMetadataNothingIsSelectedOrPushed() {
        ODataQuery q = ODataQuery.plan(ROOT, "", items(null, null, null), null, Map.of(), null, 2048);
        assertEquals(
                "https://bc/v2.0/t/prod/ODataV4/DynamicwebItemCard", q.url().toString());
    }
}
