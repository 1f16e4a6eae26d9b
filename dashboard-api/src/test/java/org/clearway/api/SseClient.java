package org.clearway.api;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test client of {@code GET /events}: reads the stream on its own thread and hands out events and comments. */
final class SseClient implements AutoCloseable {
    private static final String END = "\u0000end";

    record Event(String id, String type, JsonObject data) {
    }

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> comments = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Lines read while waiting for a comment, given out first. */
    private final java.util.ArrayDeque<String> held = new java.util.ArrayDeque<>();

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        if (response.statusCode() != 200) {
            return;
        }
        Thread reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens a stream; a refused one is read whole and returned as a plain response. */
    static SseClient open(ApiHarness api, String token, String lastEventId, String query) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri("/events" + (query == null ? "" : query)))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + token);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofInputStream());
        return new SseClient(response);
    }

    int status() {
        return response.statusCode();
    }

    String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    private void read() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // closed by the test or the server
        } finally {
            lines.add(END);
        }
    }

    /** The next event (comments and retry lines are kept aside), or null when none came within the wait. */
    Event next(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        String id = null;
        String type = null;
        StringBuilder data = new StringBuilder();
        while (true) {
            String line = held.isEmpty() ? lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                    : held.poll();
            if (line == null || line.equals(END)) {
                if (line != null) {
                    lines.add(END);
                }
                return null;
            }
            if (line.startsWith(":")) {
                comments.add(line);
            } else if (line.startsWith("id: ")) {
                id = line.substring(4);
            } else if (line.startsWith("event: ")) {
                type = line.substring(7);
            } else if (line.startsWith("data: ")) {
                data.append(line.substring(6));
            } else if (line.isEmpty() && type != null) {
                return new Event(id, type, new JsonObject(data.toString()));
            }
        }
    }

    /** Events until none comes within the wait. */
    List<Event> drain(Duration wait) throws InterruptedException {
        List<Event> events = new ArrayList<>();
        Event e;
        while ((e = next(wait)) != null) {
            events.add(e);
        }
        return events;
    }

    /** Waits for a comment starting with the text (e.g. the stream's opening line) and returns it, or null. */
    String awaitComment(String prefix, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            for (String c : comments) {
                if (c.startsWith(prefix)) {
                    return c;
                }
            }
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(":")) {
                comments.add(line);
            } else if (line != null && line.equals(END)) {
                lines.add(END);
                return null;
            } else if (line != null) {
                held.add(line);
            }
        }
        return null;
    }

    /** Whether the body ended (the server closed the stream) within the wait; events before the end are dropped. */
    boolean ended(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        String line;
        while ((line = held.isEmpty() ? lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                : held.poll()) != null) {
            if (line.equals(END)) {
                lines.add(END);
                return true;
            }
        }
        return false;
    }

    String body() throws IOException {
        return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
