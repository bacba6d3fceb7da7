package io.erplink.mapping.deadletters;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.erplink.protocol.events.RecordChunk;

/**
 * A record on {@code batch.records.dlq}, made readable: where it sits, why it got there, and what it
 * carries (a RecordChunk's rows decoded from the binary encoding, else the start of its text).
 *
 * @param partition the DLQ partition
 * @param offset    its offset there
 * @param runId     the record key: the batch run it belongs to
 * @param at        when it was dead-lettered
 * @param reason    the failure (SmallRye's {@code dead-letter-reason} header)
 * @param cause     the failure's cause, if any ({@code dead-letter-cause})
 * @param kind      {@code chunk}, {@code json} (a RunSealed or version-1 chunk) or {@code unreadable}
 * @param job       the chunk's mapping job
 * @param sequence  the chunk's sequence in its run
 * @param page      the ERP page the rows came from
 * @param rowCount  how many rows the chunk carries
 * @param rows      the first rows (at most {@link DeadLetterTopic#MAX_ROWS})
 * @param text      the start of a record that is not a binary chunk, as UTF-8 text
 * @param bytes     the record's size
 */
@Schema(description = "A dead-lettered batch.records record, decoded")
public record DeadLetter(
        int partition,
        long offset,
        String runId,
        Instant at,
        String reason,
        String cause,
        String kind,
        String job,
        Long sequence,
        Integer page,
        int rowCount,
        List<RecordChunk.Row> rows,
        String text,
        int bytes) {}
