package org.clearway.testsupport;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value made on first use, once per JVM. A failure is kept too, so that the tests after the
 * first one fail at once with the same cause instead of each trying to start a server again.
 */
final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> factory;
    private T value;
    private RuntimeException failure;

    Lazy(Supplier<T> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public synchronized T get() {
        if (value != null) {
            return value;
        }
        if (failure != null) {
            throw new IllegalStateException("Failed on first use: " + failure.getMessage(), failure);
        }
        try {
            value = Objects.requireNonNull(factory.get(), "factory returned null");
            return value;
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
    }
}
