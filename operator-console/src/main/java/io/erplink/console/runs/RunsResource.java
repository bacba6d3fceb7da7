package io.erplink.console.runs;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

import io.erplink.console.Query;
import io.erplink.console.security.Roles;
import io.erplink.console.services.Fetched;
import io.erplink.console.services.Service;
import io.erplink.console.services.ServiceClient;

/**
 * Runs across activities (filtered by status, activity and time), and one run with a progress bar that follows it
 * live (htmx polls the progress fragment every second until the run is final), its pages and row errors, stop and
 * "replay last response".
 */
@Path("/runs")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.OPERATOR)
public class RunsResource {
    static final List<String> STATUSES = List.of("STARTING", "STARTED", "COMPLETED", "FAILED", "STOPPED", "ABANDONED");
    private static final Set<String> FINAL = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");

    private final ServiceClient services;
    private final Template list;
    private final Template table;
    private final Template detail;
    private final Template progress;

    RunsResource(
            ServiceClient services,
            @Location("runs/list.html") Template list,
            @Location("runs/table.html") Template table,
            @Location("runs/detail.html") Template detail,
            @Location("runs/progress.html") Template progress) {
        this.services = services;
        this.list = list;
        this.table = table;
        this.detail = detail;
        this.progress = progress;
    }

    @GET
    public TemplateInstance list(
            @QueryParam("status") String status,
            @QueryParam("activity") String activity,
            @QueryParam("from") String from,
            @QueryParam("to") String to) {
        Query filter = filter(status, activity, from, to);
        return list.data("statuses", STATUSES)
                .data("status", status)
                .data("activity", activity)
                .data("from", from)
                .data("to", to)
                .data("filter", filter.toString())
                .data("runs", runs(filter));
    }

    /** The table alone, for the list's periodic refresh. */
    @GET
    @Path("/table")
    public TemplateInstance table(
            @QueryParam("status") String status,
            @QueryParam("activity") String activity,
            @QueryParam("from") String from,
            @QueryParam("to") String to) {
        Query filter = filter(status, activity, from, to);
        return table.data("runs", runs(filter)).data("filter", filter.toString());
    }

    @GET
    @Path("/{id}")
    public TemplateInstance detail(@PathParam("id") String id) {
        Fetched run =
                Fetched.of(() -> services.get(Service.BATCH, "/api/v1/runs/" + Query.segment(id) + "?maxErrors=200"));
        Fetched pages = Fetched.of(() -> services.get(Service.BATCH, "/api/v1/runs/" + Query.segment(id) + "/pages"));
        return detail.data("id", id).data("run", run).data("pages", pages).data("view", view(run));
    }

    /** The progress fragment; it keeps polling itself while the run is not final. */
    @GET
    @Path("/{id}/progress")
    public TemplateInstance progress(@PathParam("id") String id) {
        Fetched run =
                Fetched.of(() -> services.get(Service.BATCH, "/api/v1/runs/" + Query.segment(id) + "?maxErrors=0"));
        return progress.data("id", id).data("run", run).data("view", view(run));
    }

    @POST
    @Path("/{id}/stop")
    @RolesAllowed(Roles.ADMIN)
    public Response stop(@PathParam("id") String id) {
        services.post(Service.BATCH, "/api/v1/runs/" + Query.segment(id) + "/stop", null);
        return Response.ok("<p class=\"ok\" role=\"status\">Run " + escape(id) + " is stopping.</p>")
                .header("HX-Refresh", "true")
                .build();
    }

    @POST
    @Path("/{id}/replay")
    @RolesAllowed(Roles.ADMIN)
    public Response replay(@PathParam("id") String id) {
        Object answer = services.post(Service.BATCH, "/api/v1/runs/" + Query.segment(id) + "/replay", null);
        String replay = String.valueOf(((Map<?, ?>) answer).get("runId"));
        return Response.ok("<p class=\"ok\" role=\"status\">Replay run " + escape(replay) + " queued.</p>")
                .header("HX-Redirect", "/runs/" + Query.segment(replay))
                .build();
    }

    private Fetched runs(Query filter) {
        return Fetched.of(() -> services.get(Service.BATCH, "/api/v1/runs" + filter));
    }

    /** What the page shows of a run's progress: the bar's percent (100 once completed), final or not. */
    static Map<String, Object> view(Fetched run) {
        if (!run.ok() || !(run.value() instanceof Map<?, ?> r)) {
            return Map.of("final", true, "hasPercent", false, "percent", 0, "percentText", "", "rateText", "");
        }
        String status = String.valueOf(r.get("status"));
        Map<?, ?> progress = r.get("progress") instanceof Map<?, ?> p ? p : Map.of();
        Object percent = progress.get("percent");
        Object rate = progress.get("rowsPerSecond");
        boolean completed = "COMPLETED".equals(status);
        double shown = completed ? 100.0 : percent instanceof Number n ? n.doubleValue() : 0.0;
        return Map.of(
                "final",
                FINAL.contains(status),
                "hasPercent",
                completed || percent != null,
                "percent",
                shown,
                "percentText",
                String.format(java.util.Locale.ROOT, "%.1f %%", shown),
                "rateText",
                rate instanceof Number n ? String.format(java.util.Locale.ROOT, "%,.0f rows/s", n.doubleValue()) : "");
    }

    private static Query filter(String status, String activity, String from, String to) {
        if (status != null && !status.isBlank() && !STATUSES.contains(status)) {
            throw new BadRequestException("unknown status " + status);
        }
        return Query.of()
                .with("status", status)
                .with("activity", activity)
                .with("from", instant(from))
                .with("to", instant(to));
    }

    /** A time from the filter form ({@code datetime-local}, read as UTC) or an ISO instant. */
    static String instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip()).toString();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value.strip())
                        .toInstant(ZoneOffset.UTC)
                        .toString();
            } catch (DateTimeParseException again) {
                throw new BadRequestException("not a time: " + value + " (e.g. 2026-12-07T09:30)");
            }
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
