package io.erplink.console.mapping;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

import io.erplink.console.Query;
import io.erplink.console.security.Roles;
import io.erplink.console.services.Fetched;
import io.erplink.console.services.Service;
import io.erplink.console.services.ServiceClient;

/** Mapping jobs (their YAML and version), mapping runs with counts and errors, and a preview on sample rows. */
@Path("/mapping")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.OPERATOR)
public class MappingResource {
    private final ServiceClient services;
    private final ObjectMapper json;
    private final Template page;
    private final Template job;
    private final Template preview;

    MappingResource(
            ServiceClient services,
            ObjectMapper json,
            @Location("mapping/list.html") Template page,
            @Location("mapping/job.html") Template job,
            @Location("mapping/preview.html") Template preview) {
        this.services = services;
        this.json = json;
        this.page = page;
        this.job = job;
        this.preview = preview;
    }

    @GET
    public TemplateInstance list(@QueryParam("job") String jobName, @QueryParam("status") String status) {
        Query runs = Query.of().with("job", jobName).with("status", status).with("size", 50);
        return page.data("jobs", Fetched.of(() -> services.get(Service.MAPPING, "/api/v1/jobs")))
                .data("runs", Fetched.of(() -> services.get(Service.MAPPING, "/api/v1/mapping-runs" + runs)))
                .data("job", jobName);
    }

    @GET
    @Path("/jobs/{name}")
    public TemplateInstance job(@PathParam("name") String name) {
        String path = "/api/v1/jobs/" + Query.segment(name);
        return job.data("name", name)
                .data("view", Fetched.of(() -> services.get(Service.MAPPING, path)))
                .data("yaml", Fetched.of(() -> services.getText(Service.MAPPING, path, "application/yaml")));
    }

    /** A dry run of the job on a pasted {@code <tables>} sample; touches no database, so operators may run it. */
    @POST
    @Path("/jobs/{name}/preview")
    public TemplateInstance preview(@PathParam("name") String name, @FormParam("sample") String sample) {
        Fetched result = Fetched.of(() -> services.postText(
                Service.MAPPING,
                "/api/v1/preview" + Query.of().with("job", name),
                "application/xml",
                sample == null ? "" : sample));
        return preview.data("result", result).data("pretty", pretty(result));
    }

    private String pretty(Fetched result) {
        if (!result.ok()) {
            return "";
        }
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(result.value());
        } catch (JsonProcessingException e) {
            return String.valueOf(result.value());
        }
    }
}
