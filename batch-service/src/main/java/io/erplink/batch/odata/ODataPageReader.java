package io.erplink.batch.odata;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;

import io.erplink.protocol.events.RecordChunkCodec;

/**
 * Reads one page of an OData v4 collection ({@code {"value":[{...},...],"@odata.nextLink":"..."}}) as a
 * stream with Jackson's parser: one row is in memory at a time and goes straight to the sink. Values
 * are passed as the server wrote them (numbers in their JSON text, booleans {@code true}/{@code false},
 * strings unchanged, so Business Central's blanks {@code ''}, {@code 0001-01-01} and {@code 0} arrive
 * as such); annotations ({@code @odata.etag}, {@code Name@odata...}) are not row columns.
 *
 * <p>A row is no map: its values are copied from Jackson's character buffer into one reused {@link Row},
 * and its column names are the array of the row before as long as the server sends the same properties
 * in the same order (an OData server does, page after page), so a row costs no allocation per value.
 *
 * <p>Anything else fails the page with an {@link ODataFormatException} naming the row: a body that is
 * not JSON, an {@code error} object, no {@code value} array, a structured (nested) property value, a
 * property twice in a row, a body cut off before its end, text after it, and values or nesting over the
 * limits.
 */
public final class ODataPageReader {
    private static final char[] TRUE = "true".toCharArray();
    private static final char[] FALSE = "false".toCharArray();

    private final JsonFactory json;

    /** What a page held besides its rows. */
    public record Page(long rows, String nextLink, String maxDelta) {}

    /**
     * Receives each row (row number within the page from 1). The row is the reader's and is refilled
     * with the next one: a sink encodes it at once or keeps a copy ({@link Row#toMap()}).
     */
    @FunctionalInterface
    public interface RowSink {
        void row(long rowNumber, Row row);
    }

    /**
     * @param maxStringLength longest string value (characters) accepted
     * @param maxDepth        deepest nesting accepted (a page is 3 deep: body, value array, row)
     */
    public ODataPageReader(int maxStringLength, int maxDepth) {
        this.json = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(maxStringLength)
                        .maxNestingDepth(maxDepth)
                        .maxNumberLength(200)
                        .maxNameLength(1024)
                        .build())
                .build();
    }

    /**
     * Reads a page.
     *
     * @param deltaField the property whose largest value is reported ({@link Page#maxDelta()}), or null
     * @param compare    orders two values of the delta field
     */
    public Page read(InputStream in, String deltaField, Comparator<String> compare, RowSink sink) throws IOException {
        return read(in, deltaField, compare, Set.of(), sink);
    }

    /**
     * Reads a page, turning the values of enum properties (BC option fields) from member names into
     * captions ({@link EnumMembers#decode}).
     */
    public Page read(
            InputStream in, String deltaField, Comparator<String> compare, Set<String> enumProperties, RowSink sink)
            throws IOException {
        Row current = new Row(deltaField, enumProperties);
        long row = 0;
        String nextLink = null;
        String maxDelta = null;
        boolean sawValue = false;
        try (JsonParser p = json.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ODataFormatException("the answer is not a JSON object");
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "value" -> {
                        if (value != JsonToken.START_ARRAY) {
                            throw new ODataFormatException("\"value\" is not an array");
                        }
                        sawValue = true;
                        for (JsonToken r = p.nextToken(); r != JsonToken.END_ARRAY; r = p.nextToken()) {
                            if (r != JsonToken.START_OBJECT) {
                                throw new ODataFormatException("row " + (row + 1) + " is not an object");
                            }
                            current.read(p, row + 1);
                            row++; // counts complete rows: the messages name the row being read as row + 1
                            String v = current.delta();
                            if (v != null && (maxDelta == null || compare.compare(v, maxDelta) > 0)) {
                                maxDelta = v;
                            }
                            sink.row(row, current);
                        }
                    }
                    case "@odata.nextLink" -> {
                        if (value != JsonToken.VALUE_STRING) {
                            throw new ODataFormatException("@odata.nextLink is not a string");
                        }
                        nextLink = p.getText();
                    }
                    case "error" -> throw ODataServiceError.of(p, value);
                    default -> p.skipChildren(); // @odata.context, @odata.count, ...
                }
            }
            if (p.nextToken() != null) {
                throw new ODataFormatException("text after the end of the JSON body");
            }
        } catch (JsonEOFException e) {
            throw new ODataFormatException.Truncated("the page was cut off after row " + row + " (truncated JSON)", e);
        } catch (StreamConstraintsException e) {
            throw new ODataFormatException("over a limit after row " + row + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            if (firstLine(e).startsWith("Unexpected end-of-input")) {
                // Jackson names some cut bodies this way rather than with a JsonEOFException
                throw new ODataFormatException.Truncated(
                        "the page was cut off after row " + row + " (truncated JSON)", e);
            }
            throw new ODataFormatException("not valid JSON after row " + row + ": " + firstLine(e), e);
        }
        // any other IOException: the connection broke off, the transport's concern (retriable)
        if (!sawValue) {
            throw new ODataFormatException("the answer has no \"value\" array: not an OData collection");
        }
        return new Page(row, nextLink, maxDelta);
    }

    /**
     * One row of a page, refilled by each row: its column names (annotations left out) and values as
     * slices of one character array, which {@link RecordChunkCodec.Encoder} encodes without a string per
     * value. Rows with the same properties in the same order share one {@link #names()} array.
     */
    public static final class Row implements RecordChunkCodec.TextRow {
        /** Layouts remembered per page for reuse; a page whose rows keep changing gets new ones past these. */
        private static final int LAYOUTS = 16;

        private final String deltaField;
        private final Set<String> enumProperties;
        /** The column layouts met in this page, the current one first tried. */
        private final List<Layout> layouts = new ArrayList<>(2);

        private Layout layout = new Layout(new String[0], new boolean[0], -1);
        private char[] text = new char[4096];
        private int used;
        private int[] starts = new int[64];
        private int[] lengths = new int[64];
        /** The names of a row that left the current layout, while it is read. */
        private String[] pending = new String[64];

        Row(String deltaField, Set<String> enumProperties) {
            this.deltaField = deltaField;
            this.enumProperties = enumProperties;
        }

        /** The column names and what each needs: the same arrays for every row of this layout. */
        private record Layout(String[] names, boolean[] enums, int delta) {}

        /** Reads the row's properties (the parser is at its START_OBJECT). */
        void read(JsonParser p, long row) throws IOException {
            String[] expected = layout.names;
            boolean[] enums = layout.enums;
            boolean same = true; // the names so far are the layout's, in its order
            int c = 0;
            used = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                boolean decode;
                // Jackson hands out one canonical String per name, so == is the usual match
                if (same && c < expected.length && (expected[c] == name || expected[c].equals(name))) {
                    decode = enums[c];
                } else if (name.indexOf('@') >= 0) {
                    p.skipChildren(); // @odata.etag, Picture@odata.mediaReadLink: annotations, not columns
                    continue;
                } else {
                    if (same) {
                        same = false;
                        pending = grow(pending, c + 1);
                        System.arraycopy(expected, 0, pending, 0, c);
                    }
                    pending = grow(pending, c + 1);
                    pending[c] = name;
                    decode = enumProperties.contains(name);
                }
                if (c >= starts.length) {
                    starts = Arrays.copyOf(starts, 2 * starts.length);
                    lengths = Arrays.copyOf(lengths, 2 * lengths.length);
                }
                switch (value) {
                    case VALUE_STRING -> {
                        if (decode) {
                            // an option field's member name (Price_x0020__x0026__x0020_Discount) as its caption
                            String caption = EnumMembers.decode(p.getText());
                            put(c, caption.toCharArray(), 0, caption.length());
                        } else {
                            put(c, p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                        }
                    }
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
                        put(c, p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                    case VALUE_TRUE -> put(c, TRUE, 0, TRUE.length);
                    case VALUE_FALSE -> put(c, FALSE, 0, FALSE.length);
                    case VALUE_NULL -> lengths[c] = -1;
                    default ->
                        throw new ODataFormatException("row " + row + ": property " + name + " is a structured value ("
                                + value + "); only flat entity sets are imported");
                }
                c++;
            }
            if (!same) {
                layout = layout(Arrays.copyOf(pending, c), row);
            } else if (c != expected.length) {
                layout = layout(Arrays.copyOf(expected, c), row); // the layout's first c properties
            }
        }

        private void put(int column, char[] chars, int offset, int length) {
            if (used + length > text.length) {
                text = Arrays.copyOf(text, Math.max(2 * text.length, used + length));
            }
            System.arraycopy(chars, offset, text, used, length);
            starts[column] = used;
            lengths[column] = length;
            used += length;
        }

        /** The layout of these names: one met before in the page, or a new one (checked once). */
        private Layout layout(String[] names, long row) {
            for (Layout known : layouts) {
                if (Arrays.equals(known.names, names)) {
                    return known;
                }
            }
            Set<String> seen = new HashSet<>();
            boolean[] enums = new boolean[names.length];
            int delta = -1;
            for (int i = 0; i < names.length; i++) {
                if (!seen.add(names[i])) {
                    throw new ODataFormatException(
                            "row " + row + ": property " + names[i] + " appears twice; a row names each property once");
                }
                enums[i] = enumProperties.contains(names[i]);
                if (names[i].equals(deltaField)) {
                    delta = i;
                }
            }
            Layout layout = new Layout(names, enums, delta);
            if (layouts.size() < LAYOUTS) {
                layouts.add(layout);
            }
            return layout;
        }

        private static String[] grow(String[] array, int size) {
            return size <= array.length ? array : Arrays.copyOf(array, Math.max(2 * array.length, size));
        }

        /** The delta field's value in this row, or null (absent or null). */
        String delta() {
            int d = layout.delta;
            return d < 0 || lengths[d] < 0 ? null : new String(text, starts[d], lengths[d]);
        }

        /** Columns in the row. */
        public int size() {
            return layout.names.length;
        }

        /** The name of a column. */
        public String name(int column) {
            return layout.names[column];
        }

        /** The value of a column as text, or null. */
        public String value(int column) {
            int length = length(column);
            return length < 0 ? null : new String(text, starts[column], length);
        }

        /** A copy of the row: name to value (null kept), in the order sent. */
        public Map<String, String> toMap() {
            Map<String, String> columns = new LinkedHashMap<>();
            for (int i = 0; i < size(); i++) {
                columns.put(name(i), value(i));
            }
            return columns;
        }

        @Override
        public String[] names() {
            return layout.names;
        }

        @Override
        public char[] text() {
            return text;
        }

        @Override
        public int start(int column) {
            return starts[column];
        }

        @Override
        public int length(int column) {
            if (column < 0 || column >= layout.names.length) {
                throw new IndexOutOfBoundsException("column " + column + " of " + layout.names.length);
            }
            return lengths[column];
        }

        @Override
        public String toString() {
            return toMap().toString();
        }
    }

    private static String firstLine(IOException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
