package io.erplink.batch.odata;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.erplink.protocol.events.RecordChunk;
import io.erplink.protocol.events.RecordChunkCodec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ODataPageReaderTest {
    private static final ODataPageReader READER = new ODataPageReader(1_000_000, 16);

    private static List<Map<String, String>> rows = new ArrayList<>();

    private static ODataPageReader.Page read(String json) throws IOException {
        rows = new ArrayList<>();
        return READER.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                "SystemModifiedAt",
                DeltaValues.ORDER,
                (n, row) -> rows.add(row.toMap()));
    }

    @Test
    void rowsArriveAsTheServerWroteThemAnnotationsLeftOut() throws IOException {
        ODataPageReader.Page page = read("""
                {"@odata.context":"https://bc/ODataV4/$metadata#Company('X')/DynamicwebItemCard",
                 "value":[
                  {"@odata.etag":"W/\\"JzQ0O1\\"","No":"1000","Description":"Bicycle","Unit_Price":4000.5,
                   "Inventory":0,"Blocked":false,"AssemblyBOM":true,"GTIN":"","Last_Date_Modified":"0001-01-01",
                   "SystemModifiedAt":"2026-12-01T10:00:00.5Z","Picture@odata.mediaReadLink":"x"},
                  {"No":"1001","Description":"Ünïcødé \\"quoted\\"","Unit_Price":1E+2,"Inventory":-3,"Blocked":true,
                   "AssemblyBOM":false,"GTIN":null,"Last_Date_Modified":"2026-01-31",
                   "SystemModifiedAt":"2026-12-01T10:00:00.25+01:00"}
                 ],
                 "@odata.nextLink":"https://bc/ODataV4/Company('X')/DynamicwebItemCard?$skiptoken=abc"}""");
        assertEquals(2, page.rows());
        assertEquals("https://bc/ODataV4/Company('X')/DynamicwebItemCard?$skiptoken=abc", page.nextLink());
        assertEquals("2026-12-01T10:00:00.5Z", page.maxDelta(), "09:00:00.25Z is earlier");
        Map<String, String> first = new LinkedHashMap<>();
        first.put("No", "1000");
        first.put("Description", "Bicycle");
        first.put("Unit_Price", "4000.5");
        first.put("Inventory", "0");
        first.put("Blocked", "false");
        first.put("AssemblyBOM", "true");
        first.put("GTIN", "");
        first.put("Last_Date_Modified", "0001-01-01");
        first.put("SystemModifiedAt", "2026-12-01T10:00:00.5Z");
        assertEquals(first, rows.get(0));
        assertEquals(List.copyOf(first.keySet()), List.copyOf(rows.get(0).keySet()), "column order as sent");
        assertEquals("Ünïcødé \"quoted\"", rows.get(1).get("Description"));
        assertEquals("1E+2", rows.get(1).get("Unit_Price"));
        assertTrue(rows.get(1).containsKey("GTIN"));
        assertEquals(null, rows.get(1).get("GTIN"));
    }

    @Test
    void optionFieldsArriveAsTheirCaptionsOtherTextAsSent() throws IOException {
        rows = new ArrayList<>();
        READER.read(
                new ByteArrayInputStream("""
                        {"value":[
                          {"Amount_Type":"Price_x0020__x0026__x0020_Discount","Source_Type":"_x0020_",
                           "Description":"Price_x0020_list"},
                          {"Amount_Type":"Price","Source_Type":"All_x0020_Customers","Description":""}]}""".getBytes(StandardCharsets.UTF_8)),
                "SystemModifiedAt",
                DeltaValues.ORDER,
                java.util.Set.of("Amount_Type", "Source_Type"),
                (n, row) -> rows.add(row.toMap()));
        assertEquals("Price & Discount", rows.get(0).get("Amount_Type"), "the caption seed 004's conditionals name");
        assertEquals("", rows.get(0).get("Source_Type"), "the blank option");
        assertEquals("Price_x0020_list", rows.get(0).get("Description"), "not an option field: as sent");
        assertEquals("Price", rows.get(1).get("Amount_Type"));
        assertEquals("All Customers", rows.get(1).get("Source_Type"));
    }

    @Test
    void theLastPageHasNoNextLinkAndAnEmptyPageIsAPage() throws IOException {
        ODataPageReader.Page page = read("{\"value\":[]}");
        assertEquals(0, page.rows());
        assertEquals(null, page.nextLink());
        assertEquals(null, page.maxDelta());
    }

    @Test
    void rowsThatLeaveTheFirstRowsPropertiesKeepTheirOwnColumnsAndOrder() throws IOException {
        ODataPageReader.Page page = read("""
                {"value":[
                  {"No":"1","Description":"a","SystemModifiedAt":"2026-12-01T10:00:00Z"},
                  {"No":"2","Description":"b","SystemModifiedAt":"2026-12-01T11:00:00Z","Extra":7},
                  {"No":"3","SystemModifiedAt":"2026-12-01T12:00:00Z"},
                  {"Description":"d","No":"4"},
                  {"No":"5","Description":"e","SystemModifiedAt":"2026-12-01T09:00:00Z"},
                  {"No":"6","@odata.etag":"W/\\"x\\"","Description":null,"SystemModifiedAt":"2026-12-01T08:00:00Z"},
                  {}
                ]}""");
        assertEquals(7, page.rows());
        assertEquals("2026-12-01T12:00:00Z", page.maxDelta(), "tracked whichever column the delta field is in");
        assertEquals(
                List.of("No", "Description", "SystemModifiedAt", "Extra"),
                List.copyOf(rows.get(1).keySet()));
        assertEquals("7", rows.get(1).get("Extra"));
        assertEquals(Map.of("No", "3", "SystemModifiedAt", "2026-12-01T12:00:00Z"), rows.get(2));
        assertEquals(List.of("Description", "No"), List.copyOf(rows.get(3).keySet()));
        assertEquals("4", rows.get(3).get("No"));
        assertEquals(
                List.of("No", "Description", "SystemModifiedAt"),
                List.copyOf(rows.get(4).keySet()));
        assertEquals("e", rows.get(4).get("Description"));
        Map<String, String> sixth = new LinkedHashMap<>();
        sixth.put("No", "6");
        sixth.put("Description", null);
        sixth.put("SystemModifiedAt", "2026-12-01T08:00:00Z");
        assertEquals(sixth, rows.get(5));
        assertEquals(Map.of(), rows.get(6));
    }

    @Test
    void rowsGoIntoAChunkAsTheSameBytesAsTheirColumnMaps() throws IOException {
        String json = """
                {"value":[
                  {"@odata.etag":"W/\\"1\\"","No":"1","Description":"Grüner Tee 🍵","Type":"Non_x002D_Inventory",
                   "Unit_Price":12.5,"Blocked":false,"GTIN":null,"Long":"%s"},
                  {"@odata.etag":"W/\\"2\\"","No":"2","Description":"\\u00e9\\ud83c\\udf75 \\"q\\"","Type":"Inventory",
                   "Unit_Price":-1E+3,"Blocked":true,"GTIN":"","Long":""},
                  {"No":"3","Description":"x"}
                ]}""".formatted("é".repeat(5000));
        RecordChunkCodec.Encoder asText = new RecordChunkCodec.Encoder();
        RecordChunkCodec.Encoder asMap = new RecordChunkCodec.Encoder();
        asText.begin("e", "r", "j", 0, 1);
        asMap.begin("e", "r", "j", 0, 1);
        READER.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                null,
                DeltaValues.ORDER,
                java.util.Set.of("Type"),
                (n, row) -> {
                    asText.add("Item", n, row);
                    asMap.add("Item", n, row.toMap());
                });
        byte[] chunk = asText.finish();
        assertArrayEquals(asMap.finish(), chunk);
        List<RecordChunk.Row> back = RecordChunkCodec.decode(chunk).rows();
        assertEquals("Non-Inventory", back.get(0).columns().get("Type"));
        assertEquals("é".repeat(5000), back.get(0).columns().get("Long"));
        assertEquals("é🍵 \"q\"", back.get(1).columns().get("Description"));
        assertEquals("-1E+3", back.get(1).columns().get("Unit_Price"));
        assertEquals(null, back.get(0).columns().get("GTIN"));
        assertEquals(Map.of("No", "3", "Description", "x"), back.get(2).columns());
    }

    @Test
    void aPropertyTwiceInARowIsNamed() {
        ODataFormatException twice = assertThrows(
                ODataFormatException.class,
                () -> read(
                        "{\"value\":[{\"No\":\"1\",\"Description\":\"a\"},{\"No\":\"2\",\"Description\":\"b\",\"No\":\"3\"}]}"));
        assertEquals("row 2: property No appears twice; a row names each property once", twice.getMessage());
    }

    @Test
    void errorsAreNeverData() {
        ODataServiceError error = assertThrows(
                ODataServiceError.class,
                () -> read("{\"error\":{\"code\":\"BadRequest_InvalidFilter\",\"message\":\"or across fields\"}}"));
        assertEquals("BadRequest_InvalidFilter", error.code());
        assertEquals("error BadRequest_InvalidFilter: or across fields", error.getMessage());
        assertThrows(ODataFormatException.class, () -> read("<html><title>502 Bad Gateway</title></html>"));
        assertThrows(ODataFormatException.class, () -> read("{\"@odata.context\":\"x\"}"));
        assertThrows(ODataFormatException.class, () -> read("{\"value\":{}}"));
        assertThrows(ODataFormatException.class, () -> read("{\"value\":[1]}"));
        assertThrows(ODataFormatException.class, () -> read("{\"value\":[]} trailing"));
        ODataFormatException nested =
                assertThrows(ODataFormatException.class, () -> read("{\"value\":[{\"No\":\"1\"},{\"No\":{\"a\":1}}]}"));
        assertEquals(
                "row 2: property No is a structured value (START_OBJECT); only flat entity sets are imported",
                nested.getMessage());
    }

    @Test
    void aTruncatedPageIsNamedAsSuchAfterTheRowsBeforeTheCut() {
        ODataFormatException cut = assertThrows(
                ODataFormatException.class, () -> read("{\"value\":[{\"No\":\"1\"},{\"No\":\"2\"},{\"No\":\"3"));
        assertInstanceOf(ODataFormatException.Truncated.class, cut);
        assertEquals("the page was cut off after row 2 (truncated JSON)", cut.getMessage());
        ODataFormatException betweenEntries =
                assertThrows(ODataFormatException.class, () -> read("{\"value\":[{\"No\":\"1\"},{\"No\":\"2\","));
        assertInstanceOf(ODataFormatException.Truncated.class, betweenEntries);
        assertEquals("the page was cut off after row 1 (truncated JSON)", betweenEntries.getMessage());
    }

    @Test
    void hostileInputHitsNamedLimits() {
        ODataPageReader small = new ODataPageReader(1024 * 1024, 16);
        String huge = "x".repeat(10 * 1024 * 1024);
        ODataFormatException tooLong = assertThrows(
                ODataFormatException.class,
                () -> small.read(
                        new ByteArrayInputStream(
                                ("{\"value\":[{\"No\":\"" + huge + "\"}]}").getBytes(StandardCharsets.UTF_8)),
                        null,
                        DeltaValues.ORDER,
                        (n, c) -> {}));
        assertTrue(
                tooLong.getMessage().startsWith("over a limit after row 0: String value length"), tooLong.getMessage());
        // nesting in a row is refused as a structured value; elsewhere the depth limit stops it
        String deep = "{\"@odata.context\":" + "[".repeat(100_000) + "]".repeat(100_000) + ",\"value\":[]}";
        ODataFormatException tooDeep = assertThrows(
                ODataFormatException.class,
                () -> small.read(
                        new ByteArrayInputStream(deep.getBytes(StandardCharsets.UTF_8)),
                        null,
                        DeltaValues.ORDER,
                        (n, c) -> {}));
        assertTrue(
                tooDeep.getMessage().startsWith("over a limit after row 0: Document nesting depth"),
                tooDeep.getMessage());
    }
}
