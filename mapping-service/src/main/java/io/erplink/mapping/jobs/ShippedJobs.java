package io.erplink.mapping.jobs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.erplink.mapping.engine.JobDefinition;

/** Loads the job files shipped on the classpath ({@code <location>/index.txt} lists them) and from a folder. */
public final class ShippedJobs {

    private ShippedJobs() {}

    /** Job name to definition, in index order; a file whose {@code name} repeats another's is an error. */
    public static Map<String, JobDefinition> load(String location, String directory) throws IOException {
        Map<String, JobDefinition> jobs = new LinkedHashMap<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        List<String> files = new ArrayList<>();
        try (InputStream index = loader.getResourceAsStream(location + "/index.txt")) {
            if (index != null) {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8))) {
                    reader.lines()
                            .map(String::trim)
                            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                            .forEach(files::add);
                }
            }
        }
        for (String file : files) {
            try (InputStream in = loader.getResourceAsStream(location + "/" + file)) {
                if (in == null) {
                    throw new IOException("job file " + location + "/" + file + " is listed in index.txt but missing");
                }
                put(jobs, file, JobCodec.read(in), false);
            } catch (JobCodec.InvalidJobFileException e) {
                throw new JobCodec.InvalidJobFileException(file + ": " + e.getMessage());
            }
        }
        if (directory != null) {
            try (Stream<Path> paths = Files.list(Path.of(directory))) {
                for (Path path : paths.filter(p -> p.toString().endsWith(".yaml")
                                || p.toString().endsWith(".yml")
                                || p.toString().endsWith(".json"))
                        .sorted()
                        .toList()) {
                    try {
                        put(jobs, path.toString(), JobCodec.read(Files.readString(path)), true);
                    } catch (JobCodec.InvalidJobFileException e) {
                        throw new JobCodec.InvalidJobFileException(path + ": " + e.getMessage());
                    }
                }
            }
        }
        return jobs;
    }

    private static void put(Map<String, JobDefinition> jobs, String file, JobDefinition job, boolean override) {
        if (job.name() == null) {
            throw new JobCodec.InvalidJobFileException(file + ": the job has no name");
        }
        if (!override && jobs.containsKey(job.name())) {
            throw new JobCodec.InvalidJobFileException(file + ": job name " + job.name() + " is used twice");
        }
        jobs.put(job.name(), job);
    }
}
