package io.erplink.kit.tracing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/** Finished spans, for the tests to read (the extension exports to every SpanExporter bean). */
class InMemoryExporterProducer {
    @Produces
    @ApplicationScoped
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }
}
