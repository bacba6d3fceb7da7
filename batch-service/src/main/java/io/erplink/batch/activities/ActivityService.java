package io.erplink.batch.activities;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.erplink.batch.erp.ErpEndpoints;
import io.erplink.batch.exports.odata.ODataExport;
import io.erplink.batch.odata.ODataSource;
import io.erplink.batch.odata.ODataSources;
import io.erplink.kit.api.InvalidInput;
import io.erplink.kit.api.ResourceNotFound;
import io.erplink.kit.api.StateConflict;
import io.erplink.protocol.ProtocolException;
import io.erplink.protocol.requests.ConnectorRequest;
import io.erplink.protocol.requests.GetEcomData;

/** Activities: validation, storage, "run now". */
@ApplicationScoped
public class ActivityService {
    private final ActivityRuns runs;
    private final ErpEndpoints endpoints;
    private final ActivityJobSync jobSync;

    ActivityService(ActivityRuns runs, ErpEndpoints endpoints, ActivityJobSync jobSync) {
        this.runs = runs;
        this.endpoints = endpoints;
        this.jobSync = jobSync;
    }

    @Transactional
    public List<ActivityView> list() {
        return Activity.allByName().stream()
                .map(a -> ActivityView.of(a, runs.lastFired(a.id), runs.lastRun(a.id)))
                .toList();
    }

    @Transactional
    public ActivityView get(String name) {
        Activity a = find(name);
        return ActivityView.of(a, runs.lastFired(a.id), runs.lastRun(a.id));
    }

    @Transactional
    public ActivityView create(ActivityInput input) {
        if (input.name() == null) {
            throw InvalidInput.field("name", "is required");
        }
        if (Activity.byName(input.name()).isPresent()) {
            throw new StateConflict("activity " + input.name() + " exists already");
        }
        Activity a = new Activity();
        a.name = input.name();
        apply(a, input);
        // the job's current version, not the columns the caller copied from somewhere, until the next save
        jobSync.adopt(a);
        a.persist();
        a.createdAt = Instant.now();
        return ActivityView.of(a, null);
    }

    @Transactional
    public ActivityView update(String name, ActivityInput input) {
        Activity a = find(name);
        if (input.name() != null && !input.name().equals(name)) {
            throw new InvalidActivity("the name of an activity cannot change (" + name + " -> " + input.name() + ")");
        }
        apply(a, input);
        jobSync.adopt(a);
        return ActivityView.of(a, runs.lastFired(a.id), runs.lastRun(a.id));
    }

    @Transactional
    public ActivityView setEnabled(String name, boolean enabled) {
        Activity a = find(name);
        if (enabled) {
            validate(a);
        }
        a.enabled = enabled;
        a.updatedAt = Instant.now();
        return ActivityView.of(a, runs.lastFired(a.id), runs.lastRun(a.id));
    }

    @Transactional
    public void delete(String name) {
        Activity a = find(name);
        a.delete();
    }

    /** "Run now": a run that does not wait for the schedule (disabled activities included). */
    @Transactional
    public UUID runNow(String name) {
        Activity a = find(name);
        validate(a);
        return runs.create(a, "MANUAL", null).orElseThrow();
    }

    @Transactional
    public Activity find(String name) {
        return Activity.byName(name).orElseThrow(() -> new ResourceNotFound("no activity " + name));
    }

    private void apply(Activity a, ActivityInput in) {
        a.description = in.description();
        a.type = in.type();
        a.requestXml = blankToNull(in.requestXml());
        a.endpoint = endpoint(blankToNull(in.endpoint()));
        String job = blankToNull(in.mappingJob());
        if (!Objects.equals(job, a.mappingJob)) {
            a.jobVersion = null; // the version of another job says nothing about this one
        }
        a.mappingJob = job;
        a.scheduleInterval = in.interval() == null ? ScheduleInterval.ONCE : in.interval();
        a.scheduleEvery = in.every() == null ? 1 : in.every();
        a.cron = blankToNull(in.cron());
        a.beginAt = in.beginAt();
        a.endAt = in.endAt();
        a.enabled = Boolean.TRUE.equals(in.enabled());
        a.reimport = Boolean.TRUE.equals(in.reimport());
        a.customModifier = blankToNull(in.customModifier());
        a.pageSize = in.pageSize();
        a.timeoutSeconds = in.timeoutSeconds() == null ? 3600 : in.timeoutSeconds();
        a.archiveResponses = in.archiveResponses();
        a.odataSource = ODataSources.write(in.odata());
        a.odataExport = ODataExport.write(in.odataExport());
        a.activityGroup = blankToNull(in.group());
        a.groupPosition = in.position();
        a.updatedAt = Instant.now();
        validate(a);
    }

    /**
     * The endpoint name to store: null for none (the default), {@code default} for the URL of
     * {@code erplink.erp.url} (as clients sent before endpoints had names), else a configured name.
     */
    private String endpoint(String value) {
        if (value == null) {
            return null;
        }
        return endpoints.resolve(value).orElseThrow(() -> new InvalidActivity(endpoints.unknown(value)));
    }

    /**
     * Checks what a run needs: a known ERP endpoint, a parsable GetEcomData for imports, a valid
     * schedule, sane options.
     */
    void validate(Activity a) {
        if (endpoints.resolve(a.endpoint).isEmpty()) {
            throw new InvalidActivity(endpoints.unknown(a.endpoint));
        }
        boolean odata = endpoints.resolve(a.endpoint).flatMap(endpoints::odata).isPresent();
        if (odata) {
            validateOData(a);
        } else if (a.odataSource != null || a.odataExport != null) {
            throw new InvalidActivity("odata is for activities on an odata-v4 endpoint; endpoint "
                    + endpoints.resolve(a.endpoint).orElseThrow() + " speaks the connector protocol (requestXml)");
        } else if (a.type.isImport()) {
            if (a.requestXml == null) {
                throw new InvalidActivity(
                        "an import needs requestXml, e.g. <GetEcomData><tables><Products type=\"all\"/></tables></GetEcomData>");
            }
            ConnectorRequest request;
            try {
                request = ConnectorRequest.parse(a.requestXml);
            } catch (ProtocolException | IllegalArgumentException e) {
                throw new InvalidActivity("requestXml is not a valid connector request: " + e.getMessage());
            }
            if (!(request instanceof GetEcomData)) {
                throw new InvalidActivity("an import sends a GetEcomData request, not " + request.describe());
            }
        }
        if (a.type.isImport() && a.mappingJob == null) {
            throw new InvalidActivity("an import needs the mapping job its rows feed (mappingJob)");
        }
        if (a.scheduleEvery < 1) {
            throw new InvalidActivity("every must be at least 1");
        }
        if (a.scheduleInterval == ScheduleInterval.CRON) {
            try {
                Schedules.parseCron(a.cron);
            } catch (IllegalArgumentException e) {
                throw new InvalidActivity(e.getMessage());
            }
        } else if (a.cron != null) {
            throw new InvalidActivity("cron is only used with interval CRON");
        }
        if (a.beginAt != null && a.endAt != null && a.endAt.isBefore(a.beginAt)) {
            throw new InvalidActivity("endAt " + a.endAt + " is before beginAt " + a.beginAt);
        }
        if (a.timeoutSeconds < 1) {
            throw new InvalidActivity("timeoutSeconds must be positive");
        }
        if (a.groupPosition != null && a.groupPosition < 1) {
            throw new InvalidActivity("position must be at least 1");
        }
        if (a.pageSize != null && a.pageSize < 1) {
            throw new InvalidActivity("pageSize must be positive");
        }
    }

    /** An activity on an OData endpoint imports an entity set, or exports commerce tables to entity sets. */
    private static void validateOData(Activity a) {
        if (!a.type.isImport()) {
            ODataExport export = ODataExport.read(a.odataExport);
            if (export == null || a.odataSource != null || a.requestXml != null) {
                throw new InvalidActivity("an export to an odata-v4 endpoint names its table mappings, entity sets,"
                        + " key fields and response mappings in odataExport (not odata or requestXml)");
            }
            String problem = export.problem();
            if (problem != null) {
                throw new InvalidActivity(problem);
            }
            return;
        }
        if (a.odataExport != null) {
            throw new InvalidActivity("odataExport is for EXPORT activities");
        }
        if (a.requestXml != null) {
            throw new InvalidActivity(
                    "an activity on an odata-v4 endpoint names its entity set in odata, not requestXml");
        }
        ODataSource source = ODataSources.read(a.odataSource);
        if (source == null) {
            throw new InvalidActivity(
                    "an import from an odata-v4 endpoint needs odata.entitySet (e.g. DynamicwebItemCard)");
        }
        String problem = source.problem();
        if (problem != null) {
            throw new InvalidActivity(problem);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    Optional<Activity> byName(String name) {
        return Activity.byName(name);
    }
}
