package io.erplink.protocol.events;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The binary encoding of a {@link RecordChunk}, contract version 2 (version 1 is the JSON form). Column
 * names are written once per chunk and row shape instead of once per value, and values are
 * length-prefixed UTF-8, so a chunk is about a third of its JSON size and is written and read without a
 * JSON parser.
 *
 * <pre>
 * value  := 0x00 'E' 'R' 'C'  version:u8 (= 2)  eventId:str  runId:str  job:str  sequence:varlong
 *           page:varint  rowCount:varint  row{rowCount}
 * row    := shapeRef:varint  [shape, when shapeRef = 0]  rowNumber:varlong  value{columnCount of the shape}
 * shape  := table:str  columnCount:varint  columnName:str{columnCount}
 * str    := length:varint  UTF-8 bytes{length}
 * value  := 0 (null, isNull="true")  |  length + 1:varint  UTF-8 bytes{length}
 * </pre>
 *
 * A shape is a source table with its column names in order; shapeRef 0 defines a new shape in place
 * (it gets the next number, from 1), shapeRef n reuses shape n. Rows keep their source order across
 * tables. varint/varlong: unsigned LEB128, 7 bits a byte, low group first (a negative number takes 5 or
 * 10 bytes). The leading 0x00 byte can never start a JSON document, so a reader tells both encodings
 * apart by the first byte ({@link #isBinary(byte[])}).
 *
 * <p>Decoding never trusts a count or a length: each is checked against the bytes left before anything
 * is allocated, so a value of n bytes allocates O(n) at most; anything malformed (wrong magic, unknown
 * version, truncation, a bad shape reference, a duplicate column in a shape, invalid UTF-8, bytes after
 * the last row) is a {@link ChunkFormatException} naming the byte offset.
 *
 * <p>Kept in one class on purpose: the encoder and the decoder are two halves of one format, and
 * reading them next to the grammar above is how a change to one is checked against the other.
 */
public final class RecordChunkCodec {
    /** The contract version of this encoding. */
    public static final int VERSION = 2;

    private static final byte[] MAGIC = {0, 'E', 'R', 'C'};

    private RecordChunkCodec() {}

    /** Whether a {@code batch.records} value is in this encoding (else it is JSON). */
    public static boolean isBinary(byte[] value) {
        return value != null
                && value.length >= MAGIC.length
                && value[0] == MAGIC[0]
                && value[1] == MAGIC[1]
                && value[2] == MAGIC[2]
                && value[3] == MAGIC[3];
    }

    /** Encodes a whole chunk (its {@code version} field is not written: the encoding is version 2). */
    public static byte[] encode(RecordChunk chunk) {
        Encoder encoder = new Encoder();
        encoder.begin(chunk.eventId(), chunk.runId(), chunk.job(), chunk.sequence(), chunk.page());
        for (RecordChunk.Row row : chunk.rows()) {
            encoder.add(row.table(), row.row(), row.columns());
        }
        return encoder.finish();
    }

    /**
     * Decodes a version-2 value into a {@link RecordChunk} with {@code version} 2. The rows' column maps
     * are immutable, keep the source order and share the column names of their shape.
     *
     * @throws ChunkFormatException when the value is not a well-formed version-2 chunk
     */
    public static RecordChunk decode(byte[] value) {
        if (!isBinary(value)) {
            throw new ChunkFormatException("not a binary RecordChunk (the value does not start with 0x00 'ERC')");
        }
        Input in = new Input(value, MAGIC.length);
        int version = in.u8("version");
        if (version != VERSION) {
            throw new ChunkFormatException(
                    "binary RecordChunk of contract version " + version + ", this reader knows " + VERSION);
        }
        String eventId = in.string("eventId");
        String runId = in.string("runId");
        String job = in.string("job");
        long sequence = in.varlong("sequence");
        int page = in.varint("page");
        int rowCount = in.count("row count", 2);
        List<RecordChunk.Row> rows = new ArrayList<>(rowCount);
        List<Shape> shapes = new ArrayList<>();
        for (int i = 0; i < rowCount; i++) {
            int at = in.pos;
            int ref = in.varint("shape reference of row " + (i + 1));
            Shape shape;
            if (ref == 0) {
                shape = in.shape(shapes.size() + 1);
                shapes.add(shape);
            } else if (ref < 0 || ref > shapes.size()) {
                throw new ChunkFormatException("row " + (i + 1) + " at byte " + at + " refers to shape "
                        + Integer.toUnsignedLong(ref) + " but " + shapes.size() + " are defined");
            } else {
                shape = shapes.get(ref - 1);
            }
            long rowNumber = in.varlong("row number of row " + (i + 1));
            String[] values = new String[shape.names.length];
            for (int c = 0; c < values.length; c++) {
                values[c] = in.value(shape, c);
            }
            rows.add(new RecordChunk.Row(shape.table, rowNumber, new ColumnMap(shape, values)));
        }
        if (in.pos != value.length) {
            throw new ChunkFormatException((value.length - in.pos) + " bytes after the last of " + rowCount
                    + " rows (at byte " + in.pos + ")");
        }
        return new RecordChunk(eventId, VERSION, runId, job, sequence, page, Collections.unmodifiableList(rows));
    }

    /**
     * Builds one chunk row by row, so a writer needs no row objects of its own; reusable after
     * {@link #finish()} ({@link #begin} starts the next chunk). Not thread-safe.
     */
    public static final class Encoder {
        private final Sink body = new Sink(64 * 1024);
        private final Map<String, List<EncoderShape>> shapesByTable = new HashMap<>();
        private int shapeCount;
        private int rowCount;
        private String eventId;
        private String runId;
        private String job;
        private long sequence;
        private int page;
        /** The shape of the last row added as text, tried first for the next one. */
        private EncoderShape last;

        /** Starts a chunk: forgets the rows and shapes of the previous one. */
        public void begin(String eventId, String runId, String job, long sequence, int page) {
            this.eventId = requireText(eventId, "eventId");
            this.runId = requireText(runId, "runId");
            this.job = requireText(job, "job");
            this.sequence = sequence;
            this.page = page;
            body.len = 0;
            shapesByTable.clear();
            shapeCount = 0;
            rowCount = 0;
            last = null;
        }

        /**
         * Adds a row.
         *
         * @param table   source table, not null
         * @param row     row number within its page
         * @param columns column name (not null) to value (null = isNull), in source order
         */
        public void add(String table, long row, Map<String, String> columns) {
            List<EncoderShape> known = shapes(table);
            EncoderShape shape = null;
            for (int i = known.size() - 1; i >= 0 && shape == null; i--) {
                if (known.get(i).matches(columns)) {
                    shape = known.get(i);
                }
            }
            if (shape == null) {
                define(table, known, columns.keySet().toArray(new String[0]));
            } else {
                body.varint(shape.id);
            }
            body.varlong(row);
            for (String value : columns.values()) {
                if (value == null) {
                    body.varint(0);
                } else {
                    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                    body.varint(bytes.length + 1);
                    body.bytes(bytes);
                }
            }
            rowCount++;
        }

        /**
         * Adds a row given as text slices, encoding each value straight from its characters (no map, no
         * string per value). The bytes are the same as {@link #add(String, long, Map)} writes for the
         * same names and values.
         *
         * @param table   source table, not null
         * @param row     row number within its page
         * @param columns the names and values, in source order
         */
        public void add(String table, long row, TextRow columns) {
            String[] names = columns.names();
            EncoderShape shape = last;
            if (shape != null && shape.names == names && shape.table.equals(table)) {
                body.varint(shape.id); // the usual case: the same shape as the row before
            } else {
                List<EncoderShape> known = shapes(table);
                shape = null;
                for (int i = known.size() - 1; i >= 0 && shape == null; i--) {
                    if (Arrays.equals(known.get(i).names, names)) {
                        shape = known.get(i);
                    }
                }
                if (shape == null) {
                    shape = define(table, known, names);
                } else {
                    body.varint(shape.id);
                }
                last = shape;
            }
            body.varlong(row);
            char[] text = columns.text();
            for (int c = 0; c < names.length; c++) {
                int length = columns.length(c);
                if (length < 0) {
                    body.varint(0);
                } else {
                    body.textValue(text, columns.start(c), length);
                }
            }
            rowCount++;
        }

        private List<EncoderShape> shapes(String table) {
            if (eventId == null) {
                throw new IllegalStateException("begin() a chunk first");
            }
            if (table == null) {
                throw new IllegalArgumentException("a row needs a table");
            }
            return shapesByTable.computeIfAbsent(table, t -> new ArrayList<>(2));
        }

        /** A new shape of the table, written in place (shape reference 0, then its definition). */
        private EncoderShape define(String table, List<EncoderShape> known, String[] names) {
            EncoderShape shape = new EncoderShape(++shapeCount, table, names);
            known.add(shape);
            body.varint(0);
            body.string(table);
            body.varint(names.length);
            for (String name : names) {
                if (name == null) {
                    throw new IllegalArgumentException("a column of table " + table + " has no name");
                }
                body.string(name);
            }
            return shape;
        }

        /** Rows added since {@link #begin}. */
        public int rowCount() {
            return rowCount;
        }

        /** Bytes of row data so far (the finished value adds a header of about a hundred bytes). */
        public int size() {
            return body.len;
        }

        /** The encoded chunk. */
        public byte[] finish() {
            if (eventId == null) {
                throw new IllegalStateException("begin() a chunk first");
            }
            Sink head = new Sink(128);
            head.bytes(MAGIC);
            head.u8(VERSION);
            head.string(eventId);
            head.string(runId);
            head.string(job);
            head.varlong(sequence);
            head.varint(page);
            head.varint(rowCount);
            byte[] out = Arrays.copyOf(head.buf, head.len + body.len);
            System.arraycopy(body.buf, 0, out, head.len, body.len);
            eventId = null;
            last = null;
            if (body.buf.length > 4 << 20) {
                body.buf = new byte[64 * 1024]; // do not keep an outsized buffer for the next chunk
            }
            return out;
        }

        private static String requireText(String value, String what) {
            if (value == null) {
                throw new IllegalArgumentException(what + " is required");
            }
            return value;
        }
    }

    /**
     * A row as column names and slices of one character array, for writers that keep no map per row
     * (batch-service's streaming OData reader): the encoder turns the characters into UTF-8 in place.
     */
    public interface TextRow {
        /**
         * The column names in source order. Rows of one shape should return the same array, which must
         * not change afterwards: the encoder recognises the shape of the row before by identity.
         */
        String[] names();

        /** The characters the values are slices of. */
        char[] text();

        /** Where the value of a column starts in {@link #text()}. */
        int start(int column);

        /** The length in characters of a column's value, or -1 for null (isNull). */
        int length(int column);
    }

    private record EncoderShape(int id, String table, String[] names) {
        boolean matches(Map<String, String> columns) {
            if (columns.size() != names.length) {
                return false;
            }
            int i = 0;
            for (String name : columns.keySet()) {
                if (!names[i++].equals(name)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A growable byte buffer with the primitives of the format. */
    private static final class Sink {
        byte[] buf;
        int len;

        Sink(int capacity) {
            buf = new byte[capacity];
        }

        private void ensure(int more) {
            if (len + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
            }
        }

        void u8(int value) {
            ensure(1);
            buf[len++] = (byte) value;
        }

        void varint(int value) {
            ensure(5);
            int v = value;
            while ((v & ~0x7F) != 0) {
                buf[len++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[len++] = (byte) v;
        }

        void varlong(long value) {
            ensure(10);
            long v = value;
            while ((v & ~0x7FL) != 0) {
                buf[len++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[len++] = (byte) v;
        }

        void bytes(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buf, len, bytes.length);
            len += bytes.length;
        }

        void string(String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            varint(bytes.length);
            bytes(bytes);
        }

        /**
         * A non-null value from characters: its UTF-8 length + 1, then the bytes, exactly as
         * {@code String.getBytes(UTF_8)} encodes them (a lone surrogate becomes {@code '?'}).
         */
        void textValue(char[] text, int from, int count) {
            if (3 * count + 1 < 0x80) {
                // at most 3 bytes a character: the length fits the one byte reserved for it
                ensure(1 + 3 * count);
                int at = len++;
                buf[at] = (byte) (utf8(text, from, count) + 1);
            } else {
                varint(utf8Length(text, from, count) + 1);
                ensure(3 * count);
                utf8(text, from, count);
            }
        }

        /** Writes the characters as UTF-8 (room ensured by the caller); returns the bytes written. */
        private int utf8(char[] text, int from, int count) {
            byte[] b = buf;
            int p = len;
            int end = from + count;
            int i = from;
            // ASCII first, one byte a character: nearly every value an ERP sends, in a loop with one test
            for (char c; i < end && (c = text[i]) < 0x80; i++) {
                b[p++] = (byte) c;
            }
            for (; i < end; i++) {
                char c = text[i];
                if (c < 0x80) {
                    b[p++] = (byte) c;
                } else if (c < 0x800) {
                    b[p++] = (byte) (0xC0 | (c >> 6));
                    b[p++] = (byte) (0x80 | (c & 0x3F));
                } else if (!Character.isSurrogate(c)) {
                    b[p++] = (byte) (0xE0 | (c >> 12));
                    b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    b[p++] = (byte) (0x80 | (c & 0x3F));
                } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text[i + 1])) {
                    int cp = Character.toCodePoint(c, text[++i]);
                    b[p++] = (byte) (0xF0 | (cp >> 18));
                    b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    b[p++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    b[p++] = '?';
                }
            }
            int written = p - len;
            len = p;
            return written;
        }

        private static int utf8Length(char[] text, int from, int count) {
            int end = from + count;
            int i = from;
            while (i < end && text[i] < 0x80) {
                i++;
            }
            int n = i - from;
            for (; i < end; i++) {
                char c = text[i];
                if (c < 0x80) {
                    n++;
                } else if (c < 0x800) {
                    n += 2;
                } else if (!Character.isSurrogate(c)) {
                    n += 3;
                } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text[i + 1])) {
                    n += 4;
                    i++;
                } else {
                    n++;
                }
            }
            return n;
        }
    }

    /** Reading side: every length and count checked against what is left. */
    private static final class Input {
        final byte[] buf;
        int pos;

        Input(byte[] buf, int pos) {
            this.buf = buf;
            this.pos = pos;
        }

        private ChunkFormatException truncated(String what, int at) {
            return new ChunkFormatException(
                    "truncated: the value ends inside the " + what + " (at byte " + at + " of " + buf.length + ")");
        }

        int u8(String what) {
            if (pos >= buf.length) {
                throw truncated(what, pos);
            }
            return buf[pos++] & 0xFF;
        }

        int varint(String what) {
            return (int) variable(what, "varint", 5);
        }

        long varlong(String what) {
            return variable(what, "varlong", 10);
        }

        /** A little-endian base-128 number of at most {@code maxBytes} bytes (the low bits, as the types hold them). */
        private long variable(String what, String kind, int maxBytes) {
            int at = pos;
            long result = 0;
            for (int shift = 0; shift < 7 * maxBytes; shift += 7) {
                if (pos >= buf.length) {
                    throw truncated(what, at);
                }
                byte b = buf[pos++];
                result |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return result;
                }
            }
            throw new ChunkFormatException("the " + what + " at byte " + at + " is not a valid " + kind + " (more than "
                    + maxBytes + " bytes)");
        }

        /** A count of items that take at least {@code minBytes} each, so it cannot exceed what is left. */
        int count(String what, int minBytes) {
            int at = pos;
            int n = varint(what);
            if (n < 0 || (long) n * minBytes > buf.length - pos) {
                throw new ChunkFormatException("the " + what + " " + Integer.toUnsignedLong(n) + " at byte " + at
                        + " is more than the " + (buf.length - pos) + " bytes left can hold");
            }
            return n;
        }

        String string(String what) {
            int at = pos;
            int length = varint(what + " length");
            return text(what, at, length);
        }

        String value(Shape shape, int column) {
            int at = pos;
            byte b = pos < buf.length ? buf[pos] : -1;
            int lengthPlusOne;
            if (b >= 0) { // one-byte length: the usual case
                pos++;
                lengthPlusOne = b;
            } else {
                lengthPlusOne = varint("length of column " + shape.names[column] + " of table " + shape.table);
            }
            if (lengthPlusOne == 0) {
                return null;
            }
            return text("value of column " + shape.names[column] + " of table " + shape.table, at, lengthPlusOne - 1);
        }

        private String text(String what, int at, int length) {
            if (length < 0 || length > buf.length - pos) {
                throw new ChunkFormatException("the " + what + " at byte " + at + " claims "
                        + Integer.toUnsignedLong(length) + " bytes but " + (buf.length - pos) + " are left");
            }
            String text = new String(buf, pos, length, StandardCharsets.UTF_8);
            // The lenient decoder turns invalid UTF-8 into U+FFFD; only then is the strict check needed
            // (a string of ASCII or Latin-1 characters cannot contain U+FFFD, and indexOf knows it at once).
            if (text.indexOf('\uFFFD') >= 0) {
                try {
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(buf, pos, length));
                } catch (CharacterCodingException e) {
                    throw new ChunkFormatException("the " + what + " at byte " + at + " is not valid UTF-8");
                }
            }
            pos += length;
            return text;
        }

        Shape shape(int id) {
            int at = pos;
            String table = string("table of shape " + id);
            int columns = count("column count of shape " + id, 1);
            String[] names = new String[columns];
            Map<String, Integer> index = new HashMap<>(Math.max(4, columns * 2));
            for (int c = 0; c < columns; c++) {
                names[c] = string("name of column " + (c + 1) + " of shape " + id);
                if (index.putIfAbsent(names[c], c) != null) {
                    throw new ChunkFormatException("shape " + id + " (table " + table + ", at byte " + at
                            + ") has column " + names[c] + " twice");
                }
            }
            return new Shape(table, names, index);
        }
    }

    /** A table with its column names in order, shared by every row of that shape in a chunk. */
    private record Shape(String table, String[] names, Map<String, Integer> index) {}

    /** An immutable column map over a shape's names and one row's values: no per-row hash table. */
    private static final class ColumnMap extends AbstractMap<String, String> {
        private final Shape shape;
        private final String[] values;

        ColumnMap(Shape shape, String[] values) {
            this.shape = shape;
            this.values = values;
        }

        @Override
        public int size() {
            return values.length;
        }

        @Override
        public boolean containsKey(Object key) {
            return shape.index.containsKey(key);
        }

        @Override
        public String get(Object key) {
            Integer i = shape.index.get(key);
            return i == null ? null : values[i];
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public int size() {
                    return values.length;
                }

                @Override
                public Iterator<Entry<String, String>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < values.length;
                        }

                        @Override
                        public Entry<String, String> next() {
                            if (next >= values.length) {
                                throw new NoSuchElementException();
                            }
                            int i = next++;
                            return new SimpleImmutableEntry<>(shape.names[i], values[i]);
                        }
                    };
                }
            };
        }
    }
}
