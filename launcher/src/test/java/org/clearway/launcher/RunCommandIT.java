package org.clearway.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command, started as a child process the way a user starts it, then stopped with one
 * SIGINT to that process alone (what Ctrl+C does, and what a process manager does): it must exit, print
 * its shutdown lines (the services' too) with no warning between them, and leave nothing running (no descendant process,
 * no embedded PostgreSQL, no port held). It runs the build this test runs in ({@code CLEARWAY_NO_BUILD=1}),
 * with the embedded servers, no simulator and free ports.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class RunCommandIT {
    private static final Duration START = Duration.ofSeconds(150);
    private static final Duration STOP = Duration.ofSeconds(60);
    private static final String RUNNING = "Clearway is running.";
    private static final String STOPPING = "Stopping Clearway ...";
    private static final String STOPPED = "Clearway stopped.";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dataDir;

    @Test
    void sigintToTheRunCommandStopsEverythingAndSaysSo() throws Exception {
        Path checkout = checkoutRoot();
        List<Integer> ports = freePorts(6);
        ProcessBuilder builder = new ProcessBuilder(runCommand(checkout, ports)).directory(checkout.toFile())
                .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.put("CLEARWAY_NO_BUILD", "1");
        // The embedded servers, whatever the test environment points at.
        environment.keySet().removeIf(name -> name.equals("CLEARWAY_DB_URL") || name.equals("CLEARWAY_MQTT_URL"));
        Process run = builder.start();
        Output output = Output.of(run);
        List<ProcessHandle> descendants = List.of();
        Optional<ProcessHandle> postgres = Optional.empty();
        try {
            await("the run to print '" + RUNNING + "'", START, () -> output.contains(RUNNING) || !run.isAlive());
            assertThat(run.isAlive()).as("still running after start; output:%n%s", output).isTrue();
            // Up: ingest healthy, dispatch leading and subscribed, and its publishing session connected too. A
            // broker session closed while its first connect is still in flight comes back after the close (core's
            // PahoMqttSession), which would make a stop in the first second noisy: that is not what this tests.
            await("ingest and dispatch healthy", START, () -> healthy(ports.get(2), "\"UP\"")
                    && healthy(ports.get(4), "\"leader\"") && output.contains("clearway-dispatch-out connected"));
            // Issue 17: the services reach the embedded broker over its TLS listener, verifying it with the local CA.
            assertThat(output.toString()).as("the services' broker").contains("MQTT broker     ssl://localhost:" + ports.get(5))
                    .contains("MQTT over TLS (the services use it").contains("tls/ca.crt")
                    // and device certificates by default, with a device CA of the run's own, and the driver app over wss
                    .contains("device CA " + dataDir.toAbsolutePath().resolve("tls/device-ca.crt"))
                    .contains("broker wss://localhost:");
            descendants = run.descendants().toList();
            postgres = postmaster(dataDir.resolve("postgres"));
            assertThat(postgres).as("the embedded PostgreSQL's postmaster.pid; output:%n%s", output).isPresent();

            new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).inheritIO().start().waitFor();

            SoftAssertions softly = new SoftAssertions();
            softly.assertThat(run.waitFor(STOP.toSeconds(), TimeUnit.SECONDS))
                    .as("the run exits within %s of one SIGINT", STOP).isTrue();
            output.awaitEnd();
            String text = output.toString();
            softly.assertThat(text).as("the shutdown lines reach the terminal")
                    .contains(STOPPING, STOPPED).containsPattern("Dispatch \\S+ stopped").containsPattern("Ingest \\S+ stopped");
            if (text.contains(STOPPING) && text.contains(STOPPED)) {
                softly.assertThat(text.substring(text.indexOf(STOPPING), text.indexOf(STOPPED)))
                        .as("a clean stop: services stop before the broker and the database they use; output:%n%s", text)
                        .doesNotContain(" WARN ", " ERROR ", "Exception");
            }
            ProcessHandle server = postgres.get();
            softly.assertThat(waitUntil(Duration.ofSeconds(15), () -> !server.isAlive()))
                    .as("the embedded PostgreSQL (pid %d) stopped", server.pid()).isTrue();
            for (ProcessHandle child : descendants) {
                softly.assertThat(waitUntil(Duration.ofSeconds(15), () -> !child.isAlive()))
                        .as("process %d (%s) of the run ended", child.pid(), child.info().command().orElse("?")).isTrue();
            }
            for (int port : ports) {
                softly.assertThat(canBind(port)).as("port %d is free again", port).isTrue();
            }
            softly.assertAll();
        } finally {
            // Whatever the outcome, nothing of the run outlives the test.
            descendants.forEach(ProcessHandle::destroyForcibly);
            postgres.ifPresent(ProcessHandle::destroyForcibly);
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
        }
    }

    /** README, "Two commands": {@code ./clearway}, here on the test's own data directory and free ports. */
    private List<String> runCommand(Path checkout, List<Integer> ports) {
        return List.of(checkout.resolve("clearway").toString(), "--no-simulator",
                "--data-dir", dataDir.toString(),
                "--db-port", ports.get(0).toString(), "--mqtt-port", ports.get(1).toString(),
                "--http-port", ports.get(2).toString(), "--api-port", ports.get(3).toString(),
                "--dispatch-port", ports.get(4).toString(), "--mqtt-tls-port", ports.get(5).toString());
    }

    private static Path checkoutRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isRegularFile(dir.resolve("clearway"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No checkout (mvnw and clearway) above " + Path.of("").toAbsolutePath());
    }

    /** The postmaster's pid, first line of postmaster.pid (pg_ctl detaches it: it is no descendant of the run). */
    private static Optional<ProcessHandle> postmaster(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).strip()));
    }

    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static boolean healthy(int port, String mustContain) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains(mustContain);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        if (!waitUntil(limit, condition)) {
            throw new AssertionError("Timed out after " + limit + " waiting for " + what);
        }
    }

    private static boolean waitUntil(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }

    /** Everything the run prints, collected by a reader thread. */
    private static final class Output {
        private final StringBuilder text = new StringBuilder();
        private final Thread reader;

        private Output(Thread reader) {
            this.reader = reader;
        }

        static Output of(Process process) {
            Output[] holder = new Output[1];
            Thread thread = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        holder[0].append(line);
                    }
                } catch (IOException e) {
                    holder[0].append("(output ended: " + e + ")");
                }
            }, "run-output");
            holder[0] = new Output(thread);
            thread.setDaemon(true);
            thread.start();
            return holder[0];
        }

        private synchronized void append(String line) {
            text.append(line).append('\n');
        }

        synchronized boolean contains(String part) {
            return text.indexOf(part) >= 0;
        }

        void awaitEnd() throws InterruptedException {
            reader.join(Duration.ofSeconds(10));
        }

        @Override
        public synchronized String toString() {
            return text.toString();
        }
    }
}
