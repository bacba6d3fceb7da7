package io.erplink.mapping.execution;

import java.util.UUID;

import io.erplink.mapping.jobs.JobCodec;
import io.erplink.mapping.jobs.JobRegistry;

/** Registers a test's job under a fresh name, so no two tests (or runs of one) share a job. */
public final class TestJobs {
    private TestJobs() {}

    /**
     * Saves a job from the YAML of its body (everything after {@code name:}).
     *
     * @return the job's name: {@code prefix} and a random suffix
     */
    public static String save(JobRegistry registry, String prefix, String body) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        registry.save(JobCodec.read("name: " + name + "\n" + body));
        return name;
    }
}
