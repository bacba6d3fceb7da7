package io.erplink.mapping.execution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.erplink.protocol.events.ChunkFormatException;
import io.erplink.protocol.events.RecordChunk;
import io.erplink.protocol.events.RecordChunkCodec;
import io.erplink.protocol.events.RunSealed;

/**
 * Turns a batch.records value into a {@link RecordChunk} or {@link RunSealed}. A value that starts with
 * the binary chunk magic is a version-2 RecordChunk ({@link RecordChunkCodec}, what batch-service
 * writes); anything else is JSON, read by the {@code erplink-type} header the publishers set, else by
 * the JSON's shape: RunSealed, and RecordChunk of version 1 (the JSON chunks of batch-service before
 * version 2, still accepted so a backlog written by an older batch-service drains). Anything else is a
 * {@link MalformedEventException}.
 */
@ApplicationScoped
public class BatchRecordDecoder {
    /** Header carrying the event record's simple class name (set by service-kit's outbox relay). */
    public static final String TYPE_HEADER = "erplink-type";

    private static final int MAX_ID = 200;

    private final ObjectMapper mapper;

    BatchRecordDecoder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** @return a RecordChunk or a RunSealed, validated */
    public Object decode(Headers headers, byte[] value) {
        if (value == null || blank(value)) {
            throw new MalformedEventException("empty record");
        }
        String type = type(headers);
        if (RecordChunkCodec.isBinary(value)) {
            if (type != null && !"RecordChunk".equals(type)) {
                throw new MalformedEventException("a binary RecordChunk value with the type header '" + type + "'");
            }
            try {
                return valid(RecordChunkCodec.decode(value), RecordChunk.VERSION);
            } catch (ChunkFormatException e) {
                throw new MalformedEventException("RecordChunk: " + e.getMessage(), e);
            }
        }
        if (type != null) {
            // The usual case (the outbox relay sets the header): bind straight to the record, no JSON tree
            // in between (building one cost as much as binding a 5,000-row chunk itself).
            return switch (type) {
                case "RecordChunk" -> valid(bind(type, value, RecordChunk.class), RecordChunk.JSON_VERSION);
                case "RunSealed" -> valid(bind(type, value, RunSealed.class));
                default -> throw new MalformedEventException("unexpected event type '" + type + "' on batch.records");
            };
        }
        JsonNode node;
        try {
            node = mapper.readTree(value);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedEventException("not JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new MalformedEventException("not a JSON object");
        }
        try {
            if (node.has("chunkCount")) {
                return valid(mapper.treeToValue(node, RunSealed.class));
            }
            if (node.has("rows") && node.has("sequence")) {
                return valid(mapper.treeToValue(node, RecordChunk.class), RecordChunk.JSON_VERSION);
            }
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(
                    (node.has("chunkCount") ? "RunSealed" : "RecordChunk") + " does not match its contract: "
                            + e.getOriginalMessage(),
                    e);
        }
        throw new MalformedEventException(
                "no erplink-type header and neither a RecordChunk (rows, sequence) nor a" + " RunSealed (chunkCount)");
    }

    private <T> T bind(String type, byte[] value, Class<T> target) {
        try {
            T event = mapper.readValue(value, target);
            if (event == null) {
                throw new MalformedEventException("not a JSON object");
            }
            return event;
        } catch (JsonParseException e) {
            throw new MalformedEventException("not JSON: " + e.getOriginalMessage(), e);
        } catch (MismatchedInputException e) {
            throw new MalformedEventException(
                    e.getPath().isEmpty()
                            ? "not a JSON object"
                            : type + " does not match its contract: " + e.getOriginalMessage(),
                    e);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(type + " does not match its contract: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedEventException("not JSON: " + e.getMessage(), e);
        }
    }

    private static String type(Headers headers) {
        if (headers == null) {
            return null;
        }
        Header header = headers.lastHeader(TYPE_HEADER);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static RecordChunk valid(RecordChunk chunk, int version) {
        if (version == RecordChunk.JSON_VERSION && chunk.version() == RecordChunk.VERSION) {
            throw new MalformedEventException(
                    "event " + chunk.eventId() + ": a RecordChunk of version " + RecordChunk.VERSION
                            + " must be binary; JSON RecordChunks are version " + RecordChunk.JSON_VERSION);
        }
        common(chunk.eventId(), chunk.version(), version, chunk.runId(), chunk.job());
        if (chunk.sequence() < 0) {
            throw new MalformedEventException("RecordChunk " + chunk.eventId() + ": negative sequence");
        }
        if (chunk.rows() == null) {
            throw new MalformedEventException("RecordChunk " + chunk.eventId() + ": no rows");
        }
        return chunk;
    }

    private static RunSealed valid(RunSealed sealed) {
        common(sealed.eventId(), sealed.version(), RunSealed.VERSION, sealed.runId(), sealed.job());
        if (sealed.chunkCount() < 0 || sealed.rowCount() < 0) {
            throw new MalformedEventException("RunSealed " + sealed.eventId() + ": negative chunkCount or rowCount");
        }
        return sealed;
    }

    private static void common(String eventId, int version, int known, String runId, String job) {
        if (blank(eventId) || eventId.length() > MAX_ID) {
            throw new MalformedEventException("eventId missing or longer than " + MAX_ID);
        }
        if (version != known) {
            throw new MalformedEventException(
                    "event " + eventId + " has contract version " + version + ", this service reads " + known);
        }
        if (blank(runId) || runId.length() > MAX_ID) {
            throw new MalformedEventException("event " + eventId + ": runId missing or longer than " + MAX_ID);
        }
        if (blank(job) || job.length() > MAX_ID) {
            throw new MalformedEventException("event " + eventId + ": job missing or longer than " + MAX_ID);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static boolean blank(byte[] value) {
        for (byte b : value) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
