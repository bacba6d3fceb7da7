package io.erplink.protocol.tables;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.erplink.protocol.ProtocolException;
import io.erplink.protocol.ReaderLimits;
import io.erplink.protocol.events.RecordChunkCodec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reader's and writer's handling of the tricky parts of the format. */
class TablesFormatTest {

    private static List<TableRow> read(String xml) {
        return Seeds.readAll(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> columns(String... nameValue) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            map.put(nameValue[i], nameValue[i + 1]);
        }
        return map;
    }

    private static List<TableRow> roundTrip(TablesHeader header, List<TableRow> rows) {
        return Seeds.readAll(Seeds.write(header, rows));
    }

    @Test
    void valuesThatBreakCdataOrNeedEscapingRoundTrip() {
        TableRow row = TableRow.of(
                "T",
                columns(
                        "cdataEnd", "a]]>b]]>]]>",
                        "brackets", "]]]]]>>",
                        "markup", "<x a=\"1\">&amp; & 'q'</x>",
                        "spaces", "  leading and trailing  ",
                        "onlySpaces", "   ",
                        "lines", "one\r\ntwo\rthree\n",
                        "crAtEdges", "\rmiddle\r",
                        "tabs", "\tx\t",
                        "unicode", "Ærø 😀 中文",
                        "empty", "",
                        "nothing", null));
        List<TableRow> back = roundTrip(TablesHeader.single(), List.of(row));
        assertEquals(List.of(row), back);
    }

    @Test
    void writerSplitsCdataAroundTheTerminator() {
        byte[] xml = Seeds.write(TablesHeader.single(), List.of(TableRow.of("T", columns("c", "x]]>y"))));
        String text = new String(xml, StandardCharsets.UTF_8);
        assertTrue(text.contains("<![CDATA[x]]]]><![CDATA[>y]]>"), text);
        assertTrue(text.startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>"), text);
    }

    @Test
    void writerRejectsCharactersIllegalInXml() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TablesWriter writer = TablesWriter.open(out, TablesHeader.single())) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> writer.write(TableRow.of("EcomProducts", columns("ProductName", "bell\u0007"))));
            assertTrue(
                    e.getMessage().contains("column ProductName of table EcomProducts contains U+0007 at index 4"),
                    e.getMessage());
            assertThrows(
                    IllegalArgumentException.class,
                    () -> writer.write(TableRow.of("T", columns("c", "lone \uD800 surrogate"))));
            assertThrows(IllegalArgumentException.class, () -> writer.write(TableRow.of("T", columns("c", "\uFFFE"))));
        }
    }

    @Test
    void consecutiveRowsOfOneTableShareATableElement() {
        List<TableRow> rows = List.of(
                TableRow.of("A", columns("id", "1")),
                TableRow.of("A", columns("id", "2")),
                new TableRow("EcomVariantGroups", "EcomVariantsGroups", columns("id", "3")),
                TableRow.of("A", columns("id", "4")));
        String text = new String(Seeds.write(TablesHeader.single(), rows), StandardCharsets.UTF_8);
        assertEquals(3, text.split("<table ", -1).length - 1, text);
        assertTrue(text.contains("<table tableName=\"EcomVariantsGroups\">\n<item table=\"EcomVariantGroups\">"), text);
        assertEquals(rows, Seeds.readAll(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void pagedHeaderRoundTripsWithAllAttributes() {
        TablesHeader header = TablesHeader.page(false, "B-1", Map.of("pageNumber", "3"));
        TablesHeader withCount = new TablesHeader(null, null, new LinkedHashMap<>(Map.of("totalCount", "1234")));
        assertEquals(OptionalLong.of(1234), withCount.totalCount());
        assertEquals(OptionalInt.of(3), header.pageNumber());
        byte[] xml = Seeds.write(header, List.of());
        try (TablesReader reader = TablesReader.open(new java.io.ByteArrayInputStream(xml))) {
            assertEquals(header, reader.header());
            assertEquals(Boolean.FALSE, reader.header().exportIsDone());
            assertEquals("B-1", reader.header().batchId());
            assertEquals("3", reader.header().attributes().get("pageNumber"));
            assertNull(reader.next());
        }
        assertTrue(TablesHeader.single().lastPage());
        assertTrue(TablesHeader.page(true, null, null).lastPage());
    }

    @Test
    void headerReadsExportIsDoneIgnoringCaseAndRejectsNonsense() {
        try (TablesReader reader =
                TablesReader.open(Seeds.stream("<tables exportisdone=\"FALSE\" totalCount=\"7\"/>"))) {
            assertEquals(Boolean.FALSE, reader.header().exportIsDone());
            assertEquals(OptionalLong.of(7), reader.header().totalCount());
            assertNull(reader.next());
        }
        ProtocolException e = assertThrows(
                ProtocolException.class, () -> TablesReader.open(Seeds.stream("<tables ExportIsDone=\"maybe\"/>")));
        assertTrue(e.getMessage().contains("ExportIsDone must be true or false"), e.getMessage());
    }

    @Test
    void escapedTextCommentsAndMixedCdataFormOneValue() {
        List<TableRow> rows = read("""
                <tables><table tableName="T"><item>
                  <column columnName="escaped">  Fish &amp; Chips &lt;b&gt; &#233;  </column>
                  <column columnName="mixed"> <![CDATA[ a ]]><!-- note --><![CDATA[b ]]> </column>
                  <column columnName="textThenCdata">x <![CDATA[y]]></column>
                  <column columnName="emptyElement"/>
                  <column columnName="emptyPair"></column>
                  <column columnName="blank">   </column>
                  <column columnName="nullWithContent" isNull="true"><![CDATA[ignored]]></column>
                  <!-- a comment between columns -->
                  <?pi ignored?>
                </item></table></tables>""");
        TableRow row = rows.get(0);
        assertEquals("Fish & Chips <b> é", row.get("escaped"));
        assertEquals(" a b ", row.get("mixed"));
        assertEquals("x y", row.get("textThenCdata"));
        assertEquals("", row.get("emptyElement"));
        assertEquals("", row.get("emptyPair"));
        assertEquals("", row.get("blank"));
        assertNull(row.get("nullWithContent"));
        assertEquals("T", row.table());
    }

    @Test
    void structuralMistakesAreReportedWithPosition() {
        assertError("<tables><table><item/></table></tables>", "<table> has no tableName attribute");
        assertError("<tables><item table=\"T\"/></tables>", "unexpected <item> inside <tables>, expected <table>");
        assertError(
                "<tables><table tableName=\"T\"><row/></table></tables>",
                "unexpected <row> inside <table tableName=\"T\">");
        assertError(
                "<tables><table tableName=\"T\"><item><value/></item></table></tables>",
                "unexpected <value> inside <item>");
        assertError(
                "<tables><table tableName=\"T\"><item><column>1</column></item></table></tables>",
                "<column> has no columnName attribute (row 1)");
        assertError(
                "<tables><table tableName=\"T\"><item><column columnName=\"a\">1</column><column columnName=\"a\">2</column></item></table></tables>",
                "duplicate column a in row 1 of table T");
        assertError(
                "<tables><table tableName=\"T\"><item><column columnName=\"a\"><b/></column></item></table></tables>",
                "unexpected element <b> inside <column>");
        assertError(
                "<tables><table tableName=\"T\"><item>text</item></table></tables>",
                "unexpected text \"text\" inside <item>");
        assertError("<tables></tables><tables/>", "malformed XML");
        assertError("<tables><table tableName=\"T\"><item><column columnName=\"a\">1</column>", "malformed XML");
        assertError(
                "<tables><table tableName=\"T\"><item><column columnName=\"a\">1</colum></item></table></tables>",
                "malformed XML");
        ProtocolException e = assertThrows(
                ProtocolException.class,
                () -> read("<tables>\n<table tableName=\"T\">\n<item>\n<column columnName=\"a\">1</colum>"));
        assertEquals(4, e.line(), e.getMessage());
        assertTrue(e.column() > 0);
        assertTrue(e.getMessage().contains("(line 4, column"), e.getMessage());
    }

    @Test
    void limitsOnColumnsAndValuesApply() {
        ReaderLimits small = new ReaderLimits(16, 4096, 10, 2);
        String threeColumns =
                "<tables><table tableName=\"T\"><item><column columnName=\"a\"/><column columnName=\"b\"/>"
                        + "<column columnName=\"c\"/></item></table></tables>";
        ProtocolException e = assertThrows(
                ProtocolException.class, () -> Seeds.readAll(TablesReader.open(Seeds.stream(threeColumns), small)));
        assertTrue(e.getMessage().contains("row 1 has more than the limit of 2 columns"), e.getMessage());
        String longValue = "<tables><table tableName=\"T\"><item><column columnName=\"a\">12345<![CDATA[678901]]>"
                + "</column></item></table></tables>";
        e = assertThrows(
                ProtocolException.class, () -> Seeds.readAll(TablesReader.open(Seeds.stream(longValue), small)));
        assertTrue(
                e.getMessage().contains("value of <column> is longer than the limit of 10 characters"), e.getMessage());
        String fits =
                "<tables><table tableName=\"T\"><item><column columnName=\"a\">  1234567890  </column></item></table></tables>";
        assertEquals(
                "1234567890",
                Seeds.readAll(TablesReader.open(Seeds.stream(fits), small))
                        .get(0)
                        .get("a"));
    }

    @Test
    void rowsReadCountsRowsAndCloseLeavesTheStreamOpen() {
        StringBuilder xml = new StringBuilder("<tables><table tableName=\"T\">");
        for (int i = 0; i < 1000; i++) {
            xml.append("<item><column columnName=\"i\">").append(i).append("</column></item>");
        }
        xml.append("</table></tables>");
        boolean[] closed = {false};
        java.io.InputStream in = new java.io.ByteArrayInputStream(xml.toString().getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        try (TablesReader reader = TablesReader.open(in)) {
            List<TableRow> rows = Seeds.readAll(reader);
            assertEquals(1000, reader.rowsRead());
            assertEquals("999", rows.get(999).get("i"));
        }
        assertEquals(false, closed[0]);
    }

    @Test
    void textRowsCarryTheMapRowsAndEncodeToTheSameChunkAcrossChangingColumnLayouts() {
        // two tables interleaved, a row with a column less, one with another order, one with a column more,
        // nulls, CDATA whitespace and non-ASCII text: every layout change the reused row must follow
        String xml = "<tables><table tableName=\"P\">"
                + "<item><column columnName=\"id\">1</column><column columnName=\"name\"><![CDATA[ a ]]></column></item>"
                + "<item table=\"Q\"><column columnName=\"id\">2</column><column columnName=\"name\" isNull=\"true\"/></item>"
                + "</table><table tableName=\"F\">"
                + "<item><column columnName=\"field\">Ærø 😀</column><column columnName=\"value\"/></item>"
                + "</table><table tableName=\"P\">"
                + "<item><column columnName=\"id\">3</column></item>"
                + "<item><column columnName=\"name\">n</column><column columnName=\"id\">4</column></item>"
                + "<item><column columnName=\"id\">5</column><column columnName=\"name\">x</column>"
                + "<column columnName=\"extra\"> e </column></item>"
                + "<item><column columnName=\"id\">6</column><column columnName=\"name\">y</column></item>"
                + "</table></tables>";
        List<TableRow> maps = read(xml);
        assertEquals(7, maps.size());
        assertEquals(columns("id", "2", "name", null), maps.get(1).columns());
        assertEquals("Q", maps.get(1).table());
        assertEquals("P", maps.get(1).tableName());
        assertEquals(columns("name", "n", "id", "4"), maps.get(4).columns());
        assertEquals(columns("id", "5", "name", "x", "extra", "e"), maps.get(5).columns());

        RecordChunkCodec.Encoder fromMaps = new RecordChunkCodec.Encoder();
        RecordChunkCodec.Encoder fromText = new RecordChunkCodec.Encoder();
        fromMaps.begin("e", "r", "j", 0, 1);
        fromText.begin("e", "r", "j", 0, 1);
        for (int i = 0; i < maps.size(); i++) {
            fromMaps.add(maps.get(i).table(), i + 1, maps.get(i).columns());
        }
        String[] firstLayout = null;
        try (TablesReader reader = TablesReader.open(Seeds.stream(xml))) {
            TablesReader.Row row = new TablesReader.Row();
            int i = 0;
            while (reader.next(row)) {
                TableRow map = maps.get(i);
                assertEquals(map.table(), row.table());
                assertEquals(map.tableName(), row.tableName());
                assertEquals(List.copyOf(map.columns().keySet()), List.of(row.names()));
                if (i == 0) {
                    firstLayout = row.names();
                }
                if (i == 6) {
                    assertTrue(firstLayout == row.names(), "a layout met before is the same array again");
                }
                fromText.add(row.table(), ++i, row);
            }
            assertEquals(7, reader.rowsRead());
        }
        assertEquals(java.util.Arrays.toString(fromMaps.finish()), java.util.Arrays.toString(fromText.finish()));
    }

    @Test
    void aDuplicateColumnIsRefusedWhereverTheRowLeavesItsLayout() {
        String first = "<item><column columnName=\"a\">1</column><column columnName=\"b\">2</column></item>";
        // the second row follows the first row's layout for one column, then names it again
        assertError(
                "<tables><table tableName=\"T\">" + first
                        + "<item><column columnName=\"a\">1</column><column columnName=\"a\">2</column></item>"
                        + "</table></tables>",
                "duplicate column a in row 2 of table T");
        // it leaves the layout at once, then repeats a name it gave after leaving
        assertError(
                "<tables><table tableName=\"T\">" + first
                        + "<item><column columnName=\"c\">1</column><column columnName=\"b\">2</column>"
                        + "<column columnName=\"c\">3</column></item></table></tables>",
                "duplicate column c in row 2 of table T");
    }

    private static void assertError(String xml, String message) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> read(xml), xml);
        assertTrue(e.getMessage().contains(message), "expected \"" + message + "\" in: " + e.getMessage());
    }
}
