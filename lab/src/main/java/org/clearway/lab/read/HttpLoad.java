package org.clearway.lab.read;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Closed-loop HTTP load: {@code clients} threads each send a request, wait for the whole answer, and send the next,
 * until {@code requests} answers or the time budget; latencies of every request, answers by status; bytes are those
 * on the wire (a gzip answer is not decoded: the client asks for it with its own Accept-Encoding header).
 */
final class HttpLoad {
    /** What one endpoint at one concurrency gave. */
    record Result(String endpoint, int clients, int requests, double p50Ms, double p95Ms, double p99Ms, double perSecond,
                  int failures, long bytes) {
        String line() {
            return String.format(Locale.ROOT, "%-44s %7d %8d %9.1f %9.1f %9.1f %9.1f %8d %10d", endpoint, clients, requests,
                    p50Ms, p95Ms, p99Ms, perSecond, failures, bytes);
        }

        static String header() {
            return String.format(Locale.ROOT, "%-44s %7s %8s %9s %9s %9s %9s %8s %10s", "endpoint", "clients", "requests",
                    "p50 ms", "p95 ms", "p99 ms", "req/s", "failed", "bytes");
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    HttpLoad(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** @param path the i-th request's path (varied so that no answer is served from one warm row) */
    Result run(String name, IntFunction<String> path, int clients, int requests, Duration budget) throws Exception {
        return run(name, path, Map.of(), clients, requests, budget);
    }

    /**
     * @param headers sent with every request (Accept-Encoding, If-None-Match); a 304 counts as an answer, not a
     *                failure
     */
    Result run(String name, IntFunction<String> path, Map<String, String> headers, int clients, int requests,
               Duration budget) throws Exception {
        for (int i = 0; i < Math.min(2, requests); i++) {
            send(path.apply(i), headers);
        }
        long[] latencies = new long[requests];
        long[] bytes = new long[clients];
        AtomicInteger failed = new AtomicInteger();
        long t0 = System.nanoTime();
        int n = loop(path, headers, clients, requests, budget, latencies, bytes, failed);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long[] sorted = Arrays.stream(latencies).filter(l -> l > 0).sorted().toArray();
        return new Result(name, clients, n, pct(sorted, 0.50), pct(sorted, 0.95), pct(sorted, 0.99), n / seconds,
                failed.get(), n == 0 ? 0 : Arrays.stream(bytes).sum() / n);
    }

    /**
     * Sends {@code requests} requests in the same closed loop and forgets them (a warm-up: the JIT compiles the code
     * of the request as in a long-running API); how many were answered within the budget.
     */
    int warm(IntFunction<String> path, Map<String, String> headers, int clients, int requests, Duration budget)
            throws Exception {
        return loop(path, headers, clients, requests, budget, new long[requests], new long[clients], new AtomicInteger());
    }

    /** Closed loop: {@code clients} threads send requests 0 to {@code requests - 1} in turn; how many were answered. */
    private int loop(IntFunction<String> path, Map<String, String> headers, int clients, int requests, Duration budget,
                     long[] latencies, long[] bytes, AtomicInteger failed) throws Exception {
        if (requests == 0) {
            return 0;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        long deadline = System.nanoTime() + budget.toNanos();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int me = c;
                futures.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < requests && System.nanoTime() < deadline) {
                        long start = System.nanoTime();
                        HttpResponse<byte[]> response = send(path.apply(i), headers);
                        latencies[i] = System.nanoTime() - start;
                        bytes[me] += response.body().length;
                        if (response.statusCode() >= 300 && response.statusCode() != 304) {
                            failed.incrementAndGet();
                        }
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        return done.get();
    }

    /** The ETag of the answer to this request (to measure the 304s of a client that holds the layer). */
    String etag(String path, Map<String, String> headers) {
        return send(path, headers).headers().firstValue("ETag").orElseThrow();
    }

    private HttpResponse<byte[]> send(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token);
        headers.forEach(request::header);
        try {
            return client.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException("GET " + path + " failed: " + e, e);
        }
    }

    private static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
