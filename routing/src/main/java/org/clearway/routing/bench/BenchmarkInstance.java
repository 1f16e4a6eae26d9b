package org.clearway.routing.bench;

import org.clearway.routing.model.Problem;

/** A benchmark problem with its best-known solution. */
public record BenchmarkInstance(String name, BenchmarkSet set, Problem problem, BestKnown bestKnown) {
}
