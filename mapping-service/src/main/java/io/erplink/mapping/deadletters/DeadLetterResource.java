package io.erplink.mapping.deadletters;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.erplink.kit.api.PageParams;
import io.erplink.protocol.api.PageOf;

/**
 * The records mapping-service could not process ({@code batch.records.dlq}), decoded, and their
 * re-drive onto {@code batch.records} once the cause is fixed (admin role).
 */
@Path("/api/v1/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dead letters", description = "batch.records records mapping-service could not process, and their re-drive")
public class DeadLetterResource {
    private final DeadLetterTopic topic;

    DeadLetterResource(DeadLetterTopic topic) {
        this.topic = topic;
    }

    @GET
    @Operation(summary = "Dead letters, decoded: the chunk's job, sequence, page and first rows, and why it failed")
    public PageOf<DeadLetter> list(
            @Parameter(description = "only the records of this batch run") @QueryParam("run") String run,
            @Valid @BeanParam PageParams paging) {
        List<DeadLetter> all = topic.read(run == null || run.isBlank() ? null : run.strip());
        int from = (int) Math.min(all.size(), paging.offset());
        int to = Math.min(all.size(), from + paging.size());
        return paging.of(all.subList(from, to), all.size());
    }

    @POST
    @Path("/redrive")
    @Operation(
            summary = "Send a run's dead letters to batch.records again",
            description = "After the cause is fixed: the records go back unchanged (same key and bytes); they stay on"
                    + " the dead-letter topic, which Kafka does not delete from.")
    public Redriven redrive(@Parameter(description = "the batch run") @QueryParam("run") @NotBlank String run) {
        return new Redriven(run.strip(), topic.redrive(run.strip()));
    }

    /** What a re-drive sent. */
    public record Redriven(String runId, int records) {}
}
