package io.erplink.batch.odata;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;

/**
 * Reads one page of an OData v4 collection ({@code {"value":[{...},...],"@odata.nextLink":"..."}}) as a
 * stream with Jackson's parser: one row is in memory at a time and goes straight to the sink. Values
 * are passed as the server wrote them (numbers in their JSON text, booleans {@code true}/{@code false},
 * strings unchanged, so Business Central's blanks {@code ''}, {@code 0001-01-01} and {@code 0} arrive
 * as such); annotations ({@code @odata.etag}, {@code Name@odata...}) are not row columns.
 *
 * <p>Anything else fails the page with an {@link ODataFormatException} naming the row: a body that is
 * not JSON, an {@code error} object, no {@code value} array, a structured (nested) property value, a
 * body cut off before its end, text after it, and values or nesting over the limits.
 */
public final class ODataPageReader {
    private final JsonFactory json;

    /** What a page held besides its rows. */
    public record Page(long rows, String nextLink, String maxDelta) {}

    /** Receives each row (row number within the page from 1; the map is the sink's to keep). */
    @FunctionalInterface
    public interface RowSink {
        void row(long rowNumber, Map<String, String> columns);
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
    public Page read(InputStream in, String deltaField, java.util.Comparator<String> compare, RowSink sink)
            throws IOException {
        return read(in, deltaField, compare, java.util.Set.of(), sink);
    }

    /**
     * Reads a page, turning the values of enum properties (BC option fields) from member names into
     * captions ({@link EnumMembers#decode}).
     */
    public Page read(
            InputStream in,
            String deltaField,
            java.util.Comparator<String> compare,
            java.util.Set<String> enumProperties,
            RowSink sink)
            throws IOException {
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
                            Map<String, String> columns = row(p, row + 1, enumProperties);
                            row++; // counts complete rows: the messages name the row being read as row + 1
                            if (deltaField != null) {
                                String v = columns.get(deltaField);
                                if (v != null && (maxDelta == null || compare.compare(v, maxDelta) > 0)) {
                                    maxDelta = v;
                                }
                            }
                            sink.row(row, columns);
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

    private static Map<String, String> row(JsonParser p, long row, java.util.Set<String> enumProperties)
            throws IOException {
        Map<String, String> columns = new LinkedHashMap<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.indexOf('@') >= 0) {
                p.skipChildren(); // @odata.etag, Picture@odata.mediaReadLink: annotations, not columns
                continue;
            }
            columns.put(
                    name,
                    switch (value) {
                        // an option field's member name (Price_x0020__x0026__x0020_Discount) as its caption
                        case VALUE_STRING ->
                            enumProperties.contains(name) ? EnumMembers.decode(p.getText()) : p.getText();
                        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getText();
                        case VALUE_TRUE -> "true";
                        case VALUE_FALSE -> "false";
                        case VALUE_NULL -> null;
                        default ->
                            throw new ODataFormatException("row " + row + ": property " + name
                                    + " is a structured value (" + value + "); only flat entity sets are imported");
                    });
        }
        return columns;
    }

    private static String firstLine(IOException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
