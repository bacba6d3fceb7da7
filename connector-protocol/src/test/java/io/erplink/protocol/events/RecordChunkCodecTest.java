package io.erplink.protocol.events;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The binary RecordChunk (version 2): what goes in comes out, and malformed values say why. */
class RecordChunkCodecTest {

    private static Map<String, String> columns(String... namesAndValues) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            columns.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return columns;
    }

    private static RecordChunk sample() {
        List<RecordChunk.Row> rows = new ArrayList<>();
        rows.add(new RecordChunk.Row(
                "EcomProducts", 1, columns("ProductId", "P1", "Name", "Grüner Tee 🍵", "Empty", "", "Gone", null)));
        rows.add(new RecordChunk.Row(
                "EcomProductCategoryFieldValue", 2, columns("ProductId", "P1", "FieldId", "Color")));
        rows.add(new RecordChunk.Row(
                "EcomProducts", 3, columns("ProductId", "P2", "Name", "x".repeat(300), "Empty", "", "Gone", null)));
        // same table, other columns (and order): a second shape of the table
        rows.add(new RecordChunk.Row("EcomProducts", 4, columns("Name", "only a name", "ProductId", "P3")));
        rows.add(new RecordChunk.Row("EcomProducts", 5, columns()));
        rows.add(new RecordChunk.Row(
                "EcomProducts", Long.MAX_VALUE, columns("ProductId", "P4", "Name", null, "Empty", " ", "Gone", "")));
        return new RecordChunk("e-1", RecordChunk.VERSION, "run-1", "ifv2-import-products", 1234567890123L, 7, rows);
    }

    @Test
    void chunkComesBackEqualWithNullsEmptiesOrderAndShapes() {
        RecordChunk chunk = sample();
        byte[] value = RecordChunkCodec.encode(chunk);
        assertTrue(RecordChunkCodec.isBinary(value));
        RecordChunk back = RecordChunkCodec.decode(value);
        assertEquals(chunk, back);
        assertEquals(2, back.version());
        Map<String, String> first = back.rows().get(0).columns();
        assertEquals(List.of("ProductId", "Name", "Empty", "Gone"), List.copyOf(first.keySet()), "source order kept");
        assertTrue(first.containsKey("Gone"), "a null value stays a present column");
        assertEquals(null, first.get("Gone"));
        assertEquals("", first.get("Empty"));
        assertFalse(
                first.containsKey("productid"), "names are exact; case-insensitive lookup is the reader's business");
        assertEquals(
                List.of("Name", "ProductId"),
                List.copyOf(back.rows().get(3).columns().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> first.put("x", "y"));
    }

    @Test
    void encoderIsReusableAndChunksAreByteForByteRepeatable() {
        RecordChunk chunk = sample();
        RecordChunkCodec.Encoder encoder = new RecordChunkCodec.Encoder();
        encoder.begin("other", "run-0", "job", 0, 1);
        encoder.add("T", 1, columns("A", "1"));
        encoder.finish();
        encoder.begin(chunk.eventId(), chunk.runId(), chunk.job(), chunk.sequence(), chunk.page());
        for (RecordChunk.Row row : chunk.rows()) {
            encoder.add(row.table(), row.row(), row.columns());
        }
        assertEquals(6, encoder.rowCount());
        assertArrayEquals(RecordChunkCodec.encode(chunk), encoder.finish(), "a re-sent chunk is the same bytes");
    }

    @Test
    void columnNamesAreWrittenOncePerShape() {
        RecordChunkCodec.Encoder encoder = new RecordChunkCodec.Encoder();
        encoder.begin("e", "r", "j", 0, 1);
        for (int i = 0; i < 1000; i++) {
            encoder.add("EcomProducts", i + 1, columns("ProductId", "P" + i, "ProductName", "N"));
        }
        byte[] value = encoder.finish();
        String text = new String(value, StandardCharsets.ISO_8859_1);
        assertEquals(text.indexOf("ProductName"), text.lastIndexOf("ProductName"));
        assertTrue(value.length < 1000 * 12, value.length + " bytes");
    }

    /** A {@link RecordChunkCodec.TextRow} over the given names and values, the values in one padded array. */
    private static RecordChunkCodec.TextRow textRow(String[] names, String... values) {
        StringBuilder text = new StringBuilder("pad:");
        int[] starts = new int[values.length];
        int[] lengths = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            starts[i] = text.length();
            lengths[i] = values[i] == null ? -1 : values[i].length();
            text.append(values[i] == null ? "" : values[i]).append('|');
        }
        char[] chars = text.toString().toCharArray();
        return new RecordChunkCodec.TextRow() {
            @Override
            public String[] names() {
                return names;
            }

            @Override
            public char[] text() {
                return chars;
            }

            @Override
            public int start(int column) {
                return starts[column];
            }

            @Override
            public int length(int column) {
                return lengths[column];
            }
        };
    }

    @Test
    void aRowGivenAsTextIsEncodedToTheSameBytesAsTheSameRowGivenAsAMap() {
        String[] item = {"No", "Description", "GTIN", "Blocked"};
        String[] other = {"No", "Description"};
        String[][] rows = {
            {"1000", "Bicycle", "", "false"},
            {"1001", "Grüner Tee 🍵 €", null, "true"},
            {"1002", "x".repeat(42), "y".repeat(43), "é".repeat(100)},
            // lone surrogates become '?' as String.getBytes(UTF_8) makes them
            {"1003", "end \uD83C", "\uDF75 start", "a\uD83Cb"},
            {"1004", "€".repeat(42), "😀".repeat(30), "\u0000\u007F\u0080\u07FF\u0800\uFFFF"},
        };
        RecordChunkCodec.Encoder asText = new RecordChunkCodec.Encoder();
        RecordChunkCodec.Encoder asMap = new RecordChunkCodec.Encoder();
        asText.begin("e", "r", "j", 3, 2);
        asMap.begin("e", "r", "j", 3, 2);
        long n = 0;
        for (String[] values : rows) {
            n++;
            asText.add("Item", n, textRow(item, values));
            asMap.add(
                    "Item", n, columns(item[0], values[0], item[1], values[1], item[2], values[2], item[3], values[3]));
            // a second table and a second shape between the rows, once as a map, once as text (a new but equal array)
            if (n % 2 == 0) {
                asText.add("Item", n + 100, columns("No", values[0], "Description", values[1]));
            } else {
                asText.add("Item", n + 100, textRow(other.clone(), values[0], values[1]));
            }
            asMap.add("Item", n + 100, columns("No", values[0], "Description", values[1]));
            asText.add("Other", n + 200, textRow(other, "o", null));
            asMap.add("Other", n + 200, columns("No", "o", "Description", null));
        }
        byte[] text = asText.finish();
        assertArrayEquals(asMap.finish(), text);
        RecordChunk back = RecordChunkCodec.decode(text);
        assertEquals(15, back.rows().size());
        assertEquals("end ?", back.rows().get(9).columns().get("Description"));
        assertEquals("? start", back.rows().get(9).columns().get("GTIN"));
        assertEquals("a?b", back.rows().get(9).columns().get("Blocked"));
        assertEquals("😀".repeat(30), back.rows().get(12).columns().get("GTIN"));
        String decoded = new String(text, StandardCharsets.ISO_8859_1);
        assertEquals(decoded.indexOf("Blocked"), decoded.lastIndexOf("Blocked"), "one definition of the item shape");
    }

    private static String malformed(byte[] value) {
        return assertThrows(ChunkFormatException.class, () -> RecordChunkCodec.decode(value))
                .getMessage();
    }

    @Test
    void malformedValuesAreRefusedWithTheReasonAndTheOffset() {
        byte[] good = RecordChunkCodec.encode(sample());
        assertEquals(
                "not a binary RecordChunk (the value does not start with 0x00 'ERC')",
                malformed("{\"rows\":[]}".getBytes(StandardCharsets.UTF_8)));
        byte[] future = good.clone();
        future[4] = 3;
        assertEquals("binary RecordChunk of contract version 3, this reader knows 2", malformed(future));
        for (int cut = 5; cut < good.length; cut += 7) {
            String message = malformed(Arrays.copyOf(good, cut));
            assertTrue(
                    message.startsWith("truncated: ")
                            || message.contains(" are left")
                            || message.contains("bytes left can hold"),
                    "cut at " + cut + ": " + message);
        }
        byte[] trailing = Arrays.copyOf(good, good.length + 2);
        assertEquals("2 bytes after the last of 6 rows (at byte " + good.length + ")", malformed(trailing));
    }

    @Test
    void badShapeReferencesCountsDuplicateColumnsAndInvalidUtf8AreRefused() {
        RecordChunkCodec.Encoder encoder = new RecordChunkCodec.Encoder();
        encoder.begin("e", "r", "j", 0, 1);
        encoder.add("T", 1, columns("A", "é"));
        byte[] one = encoder.finish();
        // header: magic(4) version(1) "e"(2) "r"(2) "j"(2) sequence(1) page(1) rowCount(1) = byte 14: shapeRef
        assertEquals(0, one[14]);
        byte[] badRef = one.clone();
        badRef[14] = 5;
        assertTrue(malformed(badRef).contains("refers to shape 5 but 0 are defined"), malformed(badRef));

        byte[] hugeCount = one.clone();
        hugeCount[13] = 120; // 120 rows cannot fit in what is left
        assertTrue(malformed(hugeCount).contains("row count 120 at byte 13 is more than"), malformed(hugeCount));

        // shape: "T"(2) count(1) "A"(2) -> a second column "A" needs a re-encoding by hand
        byte[] dup = {0, 'E', 'R', 'C', 2, 1, 'e', 1, 'r', 1, 'j', 0, 1, 1, 0, 1, 'T', 2, 1, 'A', 1, 'A', 1, 0, 0};
        assertTrue(malformed(dup).contains("has column A twice"), malformed(dup));

        byte[] badUtf8 = one.clone();
        badUtf8[badUtf8.length - 1] = (byte) 0xFF; // second byte of "é"
        assertTrue(malformed(badUtf8).endsWith("is not valid UTF-8"), malformed(badUtf8));
        byte[] genuine = RecordChunkCodec.encode(new RecordChunk(
                "e", 2, "r", "j", 0, 1, List.of(new RecordChunk.Row("T", 1, columns("A", "\uFFFD kept")))));
        assertEquals(
                "\uFFFD kept",
                RecordChunkCodec.decode(genuine).rows().get(0).columns().get("A"));

        byte[] overlong = {
            0,
            'E',
            'R',
            'C',
            2,
            1,
            'e',
            1,
            'r',
            1,
            'j',
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            1
        };
        assertTrue(malformed(overlong).contains("sequence at byte 11 is not a valid varlong"), malformed(overlong));
    }
}
