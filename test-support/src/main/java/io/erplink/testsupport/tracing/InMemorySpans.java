package io.erplink.testsupport.tracing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * Finished spans, for the tests to read (the extension exports to every SpanExporter bean). An
 * alternative, so only the tests that select it keep spans: {@link TracingProfile}, or
 * {@code quarkus.arc.selected-alternatives} where tracing is on for every test.
 */
@Alternative
@Dependent
public class InMemorySpans {
    @Produces
    @ApplicationScoped
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }
}
