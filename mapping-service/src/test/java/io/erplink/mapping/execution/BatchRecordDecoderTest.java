package io.erplink.mapping.execution;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.erplink.protocol.events.RecordChunk;
import io.erplink.protocol.events.RecordChunkCodec;
import io.erplink.protocol.events.RunSealed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Decoding batch.records values: binary RecordChunks (version 2), JSON RecordChunks of version 1 and
 * RunSealed with the erplink-type header (bound directly) and without (by shape).
 */
class BatchRecordDecoderTest {
    private final ObjectMapper mapper = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final BatchRecordDecoder decoder = new BatchRecordDecoder(mapper);

    private static RecordHeaders typed(String type) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(BatchRecordDecoder.TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private static RecordChunk chunk(int version) {
        RecordChunk chunk =
                Events.chunk("run-1", "job", 3, List.of(Events.row("Products", 1, "Id", "P1", "Name", null)));
        return new RecordChunk(
                "event-1", version, chunk.runId(), chunk.job(), chunk.sequence(), chunk.page(), chunk.rows());
    }

    private String chunkJson() throws Exception {
        return mapper.writeValueAsString(chunk(RecordChunk.JSON_VERSION));
    }

    private Object decode(RecordHeaders headers, String value) {
        return decoder.decode(headers, value.getBytes(StandardCharsets.UTF_8));
    }

    private String message(RecordHeaders headers, String value) {
        return message(headers, value.getBytes(StandardCharsets.UTF_8));
    }

    private String message(RecordHeaders headers, byte[] value) {
        return assertThrows(MalformedEventException.class, () -> decoder.decode(headers, value))
                .getMessage();
    }

    @Test
    void binaryChunksDecodeToTheSameRowsAsTheirJsonVersionOne() throws Exception {
        RecordChunk binary = assertInstanceOf(
                RecordChunk.class,
                decoder.decode(typed("RecordChunk"), RecordChunkCodec.encode(chunk(RecordChunk.VERSION))));
        RecordChunk json = assertInstanceOf(RecordChunk.class, decode(typed("RecordChunk"), chunkJson()));
        assertEquals(RecordChunk.VERSION, binary.version());
        assertEquals(RecordChunk.JSON_VERSION, json.version());
        assertEquals(json.rows(), binary.rows());
        assertEquals(
                List.of(json.eventId(), json.runId(), json.job(), json.sequence(), json.page()),
                List.of(binary.eventId(), binary.runId(), binary.job(), binary.sequence(), binary.page()));
        assertEquals(
                binary,
                decoder.decode(new RecordHeaders(), RecordChunkCodec.encode(chunk(RecordChunk.VERSION))),
                "the first byte tells a binary chunk without the header");
    }

    @Test
    void malformedBinaryChunksAndMismatchedVersionsAreMalformedWithTheReason() throws Exception {
        byte[] binary = RecordChunkCodec.encode(chunk(RecordChunk.VERSION));
        String truncated = message(typed("RecordChunk"), Arrays.copyOf(binary, binary.length - 3));
        assertEquals(
                true,
                truncated.startsWith("RecordChunk: the value of column ") && truncated.endsWith(" are left"),
                truncated);
        byte[] future = binary.clone();
        future[4] = 9;
        assertEquals(
                "RecordChunk: binary RecordChunk of contract version 9, this reader knows 2",
                message(typed("RecordChunk"), future));
        assertEquals(
                "a binary RecordChunk value with the type header 'RunSealed'", message(typed("RunSealed"), binary));
        String jsonTwo = mapper.writeValueAsString(chunk(RecordChunk.VERSION));
        assertEquals(
                true,
                message(typed("RecordChunk"), jsonTwo)
                        .endsWith("a RecordChunk of version 2 must be binary; JSON RecordChunks" + " are version 1"),
                message(typed("RecordChunk"), jsonTwo));
    }

    @Test
    void typedAndUntypedRecordsDecodeToTheSameEvents() throws Exception {
        String json = chunkJson();
        RecordChunk typed = assertInstanceOf(RecordChunk.class, decode(typed("RecordChunk"), json));
        RecordChunk byShape = assertInstanceOf(RecordChunk.class, decode(new RecordHeaders(), json));
        assertEquals(byShape, typed);
        assertEquals(3, typed.sequence());
        assertEquals("P1", typed.rows().get(0).columns().get("Id"));
        assertEquals(true, typed.rows().get(0).columns().containsKey("Name"), "a null value stays a present column");

        String sealed = mapper.writeValueAsString(Events.sealed("run-1", "job", 2, 10, true));
        assertEquals(decode(new RecordHeaders(), sealed), decode(typed("RunSealed"), sealed));
        assertEquals(10, ((RunSealed) decode(typed("RunSealed"), sealed)).rowCount());
    }

    @Test
    void typedRecordsThatAreNotTheirContractAreMalformedWithTheReason() throws Exception {
        assertEquals("empty record", message(typed("RecordChunk"), " "));
        assertEquals(
                "not JSON: Unexpected character ('n' (code 110)): was expecting double-quote to start field name",
                message(typed("RecordChunk"), "{not json"));
        assertEquals("not a JSON object", message(typed("RecordChunk"), "[1, 2]"));
        assertEquals("not a JSON object", message(typed("RunSealed"), "null"));
        assertEquals("unexpected event type 'RunResult' on batch.records", message(typed("RunResult"), chunkJson()));
        String wrongRows = chunkJson().replaceFirst("\"rows\":\\[.*\\]", "\"rows\":\"many\"");
        assertEquals(
                true,
                message(typed("RecordChunk"), wrongRows).startsWith("RecordChunk does not match its contract: "),
                message(typed("RecordChunk"), wrongRows));
        String noRows = chunkJson().replaceFirst(",\"rows\":\\[.*\\]", "");
        assertEquals(
                true,
                message(typed("RecordChunk"), noRows).endsWith(": no rows"),
                message(typed("RecordChunk"), noRows));
        String future = chunkJson().replace("\"version\":" + RecordChunk.JSON_VERSION, "\"version\":99");
        assertEquals(true, message(typed("RecordChunk"), future).contains("has contract version 99"));
    }

    @Test
    void untypedRecordsOfNeitherShapeAreMalformed() {
        assertEquals(
                "no erplink-type header and neither a RecordChunk (rows, sequence) nor a RunSealed (chunkCount)",
                message(new RecordHeaders(), "{\"eventId\":\"e\"}"));
        assertEquals("not a JSON object", message(new RecordHeaders(), "42"));
    }
}
