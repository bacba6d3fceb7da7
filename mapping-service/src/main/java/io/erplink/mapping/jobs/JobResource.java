package io.erplink.mapping.jobs;

import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.erplink.kit.api.InvalidInput;
import io.erplink.kit.api.ResourceNotFound;
import io.erplink.mapping.engine.JobDefinition;
import io.erplink.mapping.engine.JobValidationException;

/** Mapping jobs: list, read, validate and save (each save is a new version). Bodies are YAML or JSON. */
@Path("/api/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    /** One job in a listing. */
    public record JobSummary(
            String name, String description, String direction, int version, String origin, int tableMappings) {}

    /** A job with its version. */
    public record JobView(int version, String origin, JobDefinition job) {}

    /** The outcome of a validation: valid, or every problem found. */
    public record Validation(boolean valid, List<String> problems) {}

    private final JobRegistry registry;

    JobResource(JobRegistry registry) {
        this.registry = registry;
    }

    @GET
    public List<JobSummary> list() {
        return registry.list().stream()
                .map(e -> new JobSummary(
                        e.definition().name(),
                        e.definition().description(),
                        e.definition().direction().name().toLowerCase(Locale.ROOT),
                        e.version(),
                        e.origin(),
                        e.definition().tableMappings().size()))
                .toList();
    }

    @GET
    @Path("{name}")
    public JobView get(@PathParam("name") String name) {
        JobRegistry.Entry entry = registry.find(name).orElseThrow(() -> new ResourceNotFound("no job " + name));
        return new JobView(entry.version(), entry.origin(), entry.definition());
    }

    @GET
    @Path("{name}")
    @Produces("application/yaml")
    public String getYaml(@PathParam("name") String name) {
        return JobCodec.write(registry.find(name)
                .orElseThrow(() -> new ResourceNotFound("no job " + name))
                .definition());
    }

    @POST
    @Path("validate")
    @Consumes({"application/yaml", "text/yaml", MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public Validation validate(String body) {
        try {
            registry.compile(JobCodec.read(body));
            return new Validation(true, List.of());
        } catch (JobCodec.InvalidJobFileException e) {
            return new Validation(false, List.of(e.getMessage()));
        } catch (JobValidationException e) {
            return new Validation(false, e.problems());
        }
    }

    @PUT
    @Path("{name}")
    @Consumes({"application/yaml", "text/yaml", MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public Response save(@PathParam("name") String name, String body) {
        JobDefinition job;
        try {
            job = JobCodec.read(body);
        } catch (JobCodec.InvalidJobFileException e) {
            throw new InvalidInput(e.getMessage());
        }
        if (!name.equals(job.name())) {
            throw InvalidInput.field(
                    "name", "the path names job '" + name + "' but the body names '" + job.name() + "'");
        }
        // A job that does not compile: 422 with each problem (JobProblems).
        JobRegistry.Entry entry = registry.save(job);
        return Response.ok(new JobView(entry.version(), entry.origin(), entry.definition()))
                .build();
    }
}
