package io.erplink.batch.runs;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

/** Read side of runs for the API. */
@ApplicationScoped
public class RunQueries {

    @Transactional
    public RunView get(UUID id, int maxErrors) {
        Run run = Run.findById(id);
        if (run == null) {
            throw new NotFoundException("no run " + id);
        }
        return RunView.of(run, RunError.ofRun(id, maxErrors));
    }

    @Transactional
    public List<RunView> ofActivity(long activityId, int limit) {
        return Run.ofActivity(activityId, limit).stream()
                .map(r -> RunView.of(r, List.of()))
                .toList();
    }

    /** Runs across activities, newest first, one page (without their errors). */
    @Transactional
    public RunList search(RunStatus status, String activity, Instant from, Instant to, int page, int size) {
        var query = Run.search(status, activity, from, to);
        List<RunView> items = query.page(page, size).list().stream()
                .map(r -> RunView.of(r, List.of()))
                .toList();
        return new RunList(items, page, size, query.count());
    }

    /** One page of runs: {@code total} matches in all. */
    public record RunList(List<RunView> items, int page, int size, long total) {}

    @Transactional
    public List<RunPage> pages(UUID id) {
        return RunPage.ofRun(id);
    }
}
