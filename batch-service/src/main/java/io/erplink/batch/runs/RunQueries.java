package io.erplink.batch.runs;

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

    @Transactional
    public List<RunPage> pages(UUID id) {
        return RunPage.ofRun(id);
    }
}
