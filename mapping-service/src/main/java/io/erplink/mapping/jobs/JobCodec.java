package io.erplink.mapping.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import io.erplink.mapping.engine.JobDefinition;

/**
 * Reads and writes job files. YAML is the file format; JSON is accepted too (it is valid YAML).
 * Unknown properties are errors, so a misspelt option never silently does nothing.
 */
public final class JobCodec {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private JobCodec() {}

    /** Parses a job; the message of the exception points at the line and property at fault. */
    public static JobDefinition read(String text) {
        try {
            JobDefinition job = YAML.readValue(text, JobDefinition.class);
            if (job == null) {
                throw new InvalidJobFileException("the job file is empty");
            }
            return job;
        } catch (JsonProcessingException e) {
            throw new InvalidJobFileException(e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
        }
    }

    public static JobDefinition read(InputStream in) throws IOException {
        return read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    public static String write(JobDefinition job) {
        try {
            return YAML.writeValueAsString(job);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("job " + job.name() + " cannot be written", e);
        }
    }

    /** A job file that is not a job (syntax, unknown property, wrong type). */
    public static class InvalidJobFileException extends RuntimeException {
        public InvalidJobFileException(String message) {
            super(message);
        }
    }
}
