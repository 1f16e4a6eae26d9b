package org.clearway.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The machine's own {@code mosquitto} binary, started on free loopback ports with a given
 * configuration (its {@code listener} lines set here: each of the configuration's listeners on a
 * port of its own, found by {@link #uri(int)} under the port the file names), stopped on
 * {@link #close()} (SIGTERM, so that a broker with persistence saves its state) and started again on
 * the same ports by {@link #restart()}.
 */
final class LocalMosquitto implements AutoCloseable {
    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/sbin/mosquitto"), Path.of("/usr/bin/mosquitto"),
            Path.of("/usr/local/sbin/mosquitto"), Path.of("/usr/local/bin/mosquitto"));

    private final Process process;
    private final int port;
    private final Map<Integer, Integer> ports;
    private final Path conf;
    private final Path log;

    private LocalMosquitto(Process process, int port, Map<Integer, Integer> ports, Path conf, Path log) {
        this.process = process;
        this.port = port;
        this.ports = Map.copyOf(ports);
        this.conf = conf;
        this.log = log;
    }

    /** The mosquitto binary, if this machine has one. */
    static Optional<Path> binary() {
        return CANDIDATES.stream().filter(Files::isExecutable).findFirst();
    }

    /**
     * Starts mosquitto with {@code settings} written to {@code directory/mosquitto.conf}; returns once
     * it accepts connections. Each {@code listener} line of the settings gets 127.0.0.1 and a free
     * port; without one, a listener on 127.0.0.1 and a free port is added first.
     */
    static LocalMosquitto start(Path directory, List<String> settings) throws IOException, InterruptedException {
        List<String> config = new ArrayList<>();
        // Started as root, mosquitto would switch to the user "mosquitto", who cannot read our files.
        if ("root".equals(System.getProperty("user.name"))) {
            config.add("user root");
        }
        Map<Integer, Integer> ports = new LinkedHashMap<>();
        for (String line : settings) {
            String[] words = line.strip().split("\\s+");
            if (words[0].equals("listener")) {
                int chosen = freePort();
                ports.put(Integer.parseInt(words[1]), chosen);
                config.add("listener " + chosen + " 127.0.0.1");
            } else {
                config.add(line);
            }
        }
        int port;
        if (ports.isEmpty()) {
            port = freePort();
            config.add(0, "listener " + port + " 127.0.0.1");
        } else {
            port = ports.values().iterator().next();
        }
        Path conf = directory.resolve("mosquitto.conf");
        Files.write(conf, config);
        return launch(port, ports, conf, directory.resolve("mosquitto.log"));
    }

    private static LocalMosquitto launch(int port, Map<Integer, Integer> ports, Path conf, Path log)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(binary().orElseThrow().toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        LocalMosquitto broker = new LocalMosquitto(process, port, ports, conf, log);
        broker.awaitListening();
        return broker;
    }

    /** Stops this broker gracefully (SIGTERM) and starts it again with the same configuration and ports. */
    LocalMosquitto restart() throws IOException, InterruptedException {
        close();
        return launch(port, ports, conf, log);
    }

    /**
     * A configuration file's settings with the persistence lines left out (no state is kept) and the
     * file paths of {@code password_file}, {@code acl_file} and the TLS files ({@code certfile}, {@code keyfile},
     * {@code cafile}, {@code crlfile}) replaced by the files of the same name in {@code authDirectory}; {@code listener} lines stay (with their port, which {@link #start}
     * replaces), and so does each listener's own settings after it.
     */
    static List<String> adapt(List<String> lines, Path authDirectory) {
        List<String> settings = new ArrayList<>();
        for (String line : lines) {
            String[] words = line.strip().split("\\s+", 2);
            switch (words[0]) {
                case "persistence", "persistence_location", "autosave_interval", "user" -> {
                }
                case "password_file", "acl_file", "certfile", "keyfile", "cafile", "crlfile" ->
                        settings.add(words[0] + " " + authDirectory.resolve(Path.of(words[1]).getFileName().toString()));
                case "listener" -> settings.add("listener " + words[1].split("\\s+")[0]);
                default -> settings.add(line);
            }
        }
        settings.add("persistence false");
        return settings;
    }

    /** {@link #adapt} settings with persistence on, in {@code dataDirectory}, as the Compose broker has it. */
    static List<String> persistent(List<String> adapted, Path dataDirectory) {
        List<String> settings = new ArrayList<>(adapted);
        settings.remove("persistence false");
        settings.add("persistence true");
        settings.add("persistence_location " + dataDirectory + "/");
        return settings;
    }

    /** The first listener's URI. */
    String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The URI of the listener that the configuration file put on {@code configuredPort}. */
    String uri(int configuredPort) {
        Integer chosen = ports.get(configuredPort);
        if (chosen == null) {
            throw new IllegalArgumentException("The configuration has no listener on port " + configuredPort + ": " + ports.keySet());
        }
        return "tcp://127.0.0.1:" + chosen;
    }

    /**
     * The URI of the listener on {@code configuredPort} with another scheme: {@code ssl} for MQTT over TLS,
     * {@code wss} for MQTT over WebSockets over TLS.
     */
    String uri(String scheme, int configuredPort) {
        return scheme + uri(configuredPort).substring("tcp".length());
    }

    /** Sends SIGHUP: Mosquitto reloads its password files, ACLs, certificates and CRLs without a restart. */
    void reload() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -HUP " + process.pid() + " failed");
        }
    }

    /** The broker's process id (for a reload command that sends it SIGHUP). */
    long pid() {
        return process.pid();
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto exited with " + process.exitValue() + ":\n" + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        close();
        throw new IllegalStateException("mosquitto did not listen on port " + port + " within 10 s:\n" + log());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
