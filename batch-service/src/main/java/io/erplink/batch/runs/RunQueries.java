package io.erplink.batch.runs;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.erplink.kit.api.PageParams;
import io.erplink.kit.api.ResourceNotFound;
import io.erplink.protocol.api.PageOf;

/** Read side of runs for the API. */
@ApplicationScoped
public class RunQueries {

    @Transactional
    public RunView get(UUID id, int maxErrors) {
        Run run = Run.findById(id);
        if (run == null) {
            throw new ResourceNotFound("no run " + id);
        }
        return RunView.of(run, RunError.ofRun(id, maxErrors));
    }

    /** Runs across activities, newest first, one page (without their errors). */
    @Transactional
    public PageOf<RunView> search(RunStatus status, String activity, Instant from, Instant to, PageParams paging) {
        var query = Run.search(status, activity, from, to);
        List<RunView> items = query.page(paging.page(), paging.size()).list().stream()
                .map(r -> RunView.of(r, List.of()))
                .toList();
        return paging.of(items, query.count());
    }

    @Transactional
    public List<RunPage> pages(UUID id) {
        return RunPage.ofRun(id);
    }
}
