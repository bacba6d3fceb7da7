package io.erplink.e2e;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the {@link Suite} once per test JVM, on the first test class that needs it, and stops it when
 * the whole test plan has run (a closeable value of the root store).
 */
public final class SuiteExtension implements BeforeAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SuiteExtension.class);
    private static volatile Suite current;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        Holder.class,
                        k -> {
                            Suite suite = Suite.forTests().start();
                            current = suite;
                            return new Holder(suite);
                        },
                        Holder.class);
    }

    /** The running suite (inside a test of a class extended with this extension). */
    public static Suite suite() {
        Suite suite = current;
        if (suite == null) {
            throw new IllegalStateException("the suite is not started: extend the test class with SuiteExtension");
        }
        return suite;
    }

    private record Holder(Suite suite) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            suite.close();
            current = null;
        }
    }
}
