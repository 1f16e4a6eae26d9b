package org.clearway.testsupport;

/** Where a piece of test infrastructure comes from, in the order they are tried. */
enum Source {
    /** Addresses given in the environment: a server somebody else runs (CI, a developer). */
    ENVIRONMENT,
    /** A Testcontainers container, where Docker works. */
    CONTAINER,
    /** A real server started in or beside this JVM from Maven Central artifacts. */
    EMBEDDED
}
