package org.clearway.embedded;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MQTT 3.1.1/5 broker in this JVM: HiveMQ Community Edition embedded, with one TCP listener
 * on 127.0.0.1, the queueing limits of {@link HiveMqConfig} (a large queue per persistent session so
 * that QoS 1 messages wait for a slow or offline subscriber), and one embedded extension whose
 * authenticator lets in the {@link BrokerAccounts} given, each with its own client ids only (no
 * client can take over another's session).
 * <p>
 * HiveMQ's own logging bootstrap is turned off (it would detach the application's appenders and
 * install a JUL bridge), and its loggers are lowered to WARN unless the application configured them.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final String HOST = "127.0.0.1";
    private static final long START_TIMEOUT_SECONDS = 60;
    /** HiveMQ's own loggers and those its logback.xml lowers (its persistence, migrations, system info). */
    private static final String[] CHATTY_LOGGERS = {"com.hivemq", "migrations", "jetbrains.exodus", "oshi"};

    private final EmbeddedHiveMQ hiveMq;
    private final int port;
    /** The TLS listener's port, 0 without one. */
    private final int tlsPort;
    /** The WebSocket listeners' ports, 0 without them. */
    private final int wsPort;
    private final int wssPort;
    private final Path dataDirectory;
    private final List<Path> temporaryDirectories;
    private final Thread shutdownHook;
    private boolean closed;

    private EmbeddedBroker(EmbeddedHiveMQ hiveMq, int port, int tlsPort, int wsPort, int wssPort, Path dataDirectory,
                           List<Path> temporaryDirectories) {
        this.hiveMq = hiveMq;
        this.port = port;
        this.tlsPort = tlsPort;
        this.wsPort = wsPort;
        this.wssPort = wssPort;
        this.dataDirectory = dataDirectory;
        this.temporaryDirectories = List.copyOf(temporaryDirectories);
        this.shutdownHook = new Thread(this::close, "embedded-hivemq-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a broker and waits until it accepts connections.
     *
     * @param dataDir  where sessions, subscriptions and queued messages are kept between runs;
     *                 {@code null} for a temporary directory that {@link #close()} removes
     * @param port     the TCP port on 127.0.0.1, or 0 for a free one
     * @param accounts who may connect with which client ids ({@link BrokerAccounts#anonymous()} for tests only)
     */
    public static EmbeddedBroker start(Path dataDir, int port, BrokerAccounts accounts) throws IOException {
        return start(dataDir, port, accounts, null, 0);
    }

    /**
     * {@link #start(Path, int, BrokerAccounts)} with a second listener, MQTT over TLS on 127.0.0.1 and {@code tlsPort}
     * (0: a free one), whose certificate is the local CA's ({@link #tlsServerUri()}); none when {@code ca} is null.
     */
    public static EmbeddedBroker start(Path dataDir, int port, BrokerAccounts accounts, LocalCa ca, int tlsPort)
            throws IOException {
        return start(dataDir, port, accounts, ca, tlsPort, null);
    }

    /**
     * The ports of the MQTT-over-WebSockets listeners (issue 15's driver app, issue 17), on 127.0.0.1 like the others,
     * at the path {@code /mqtt}: {@code port} plain, {@code tlsPort} over TLS with the local CA's certificate (only
     * with a CA). 0 picks a free port.
     */
    public record WebSockets(int port, int tlsPort) {
        public WebSockets {
            if (port < 0 || port > 65535 || tlsPort < 0 || tlsPort > 65535) {
                throw new IllegalArgumentException("WebSocket ports must be 0 (any free port) or 1..65535");
            }
        }

        /** Both on free ports. */
        public static WebSockets anyPorts() {
            return new WebSockets(0, 0);
        }
    }

    /**
     * {@link #start(Path, int, BrokerAccounts, LocalCa, int)} with MQTT over WebSockets too when {@code webSockets} is
     * given ({@link #webSocketUri()}, and {@link #tlsWebSocketUri()} when {@code ca} is given): the same accounts, the
     * same client-id rule, so a browser signs in with a truck's own credentials.
     */
    public static EmbeddedBroker start(Path dataDir, int port, BrokerAccounts accounts, LocalCa ca, int tlsPort,
                                       WebSockets webSockets) throws IOException {
        return start(dataDir, port, accounts, ca, tlsPort, webSockets, null);
    }

    /**
     * {@link #start(Path, int, BrokerAccounts, LocalCa, int, WebSockets)} whose TLS listener also accepts a device
     * client certificate (issue 17) signed by the CA in the PEM file {@code deviceCaCertificate} (the one the API signs
     * device certificates with, {@code CLEARWAY_DEVICE_CA_CERT}): client authentication is optional, so password
     * devices still connect; a certificate of another CA fails the handshake, and {@link BrokerAccounts} decides on a
     * verified one by its common name. Null: no client certificates (and with no {@code ca}, no TLS at all).
     */
    public static EmbeddedBroker start(Path dataDir, int port, BrokerAccounts accounts, LocalCa ca, int tlsPort,
                                       WebSockets webSockets, Path deviceCaCertificate) throws IOException {
        if (port < 0 || port > 65535 || tlsPort < 0 || tlsPort > 65535) {
            throw new IllegalArgumentException("port must be 0 (any free port) or 1..65535, not " + port);
        }
        QuietLogging.warnUnlessConfigured(CHATTY_LOGGERS);
        int chosenPort = port == 0 ? FreePort.pick(HOST) : port;
        int chosenTlsPort = ca == null ? 0 : tlsPort == 0 ? FreePort.pick(HOST) : tlsPort;
        int wsPort = webSockets == null ? 0 : webSockets.port() == 0 ? FreePort.pick(HOST) : webSockets.port();
        int wssPort = webSockets == null || ca == null ? 0
                : webSockets.tlsPort() == 0 ? FreePort.pick(HOST) : webSockets.tlsPort();
        List<Path> temporary = new ArrayList<>();
        EmbeddedHiveMQ hiveMq = null;
        try {
            Path configFolder = track(temporary, Directories.createTemporary("clearway-hivemq-conf-"));
            Path extensionsFolder = track(temporary, Directories.createTemporary("clearway-hivemq-ext-"));
            Path dataFolder = dataDir == null
                    ? track(temporary, Directories.createTemporary("clearway-hivemq-data-"))
                    : Files.createDirectories(dataDir.toAbsolutePath());
            Path deviceTrust = ca == null || deviceCaCertificate == null ? null
                    : ca.writeTrustStore(deviceCaCertificate, configFolder.resolve("device-ca.p12"));
            HiveMqConfig.write(configFolder, HOST, chosenPort, chosenTlsPort, ca, wsPort, wssPort, deviceTrust);
            hiveMq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(configFolder)
                    .withDataFolder(dataFolder)
                    .withExtensionsFolder(extensionsFolder)
                    .withoutLoggingBootstrap()
                    .withEmbeddedExtension(authentication(accounts))
                    .build();
            hiveMq.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            LOG.info("Embedded HiveMQ listening on tcp://{}:{}, data in {}{}, {}", HOST, chosenPort, dataFolder,
                    dataDir == null ? " (temporary)" : "", accounts);
            return new EmbeddedBroker(hiveMq, chosenPort, chosenTlsPort, wsPort, wssPort, dataFolder, temporary);
        } catch (IOException | RuntimeException | ExecutionException | TimeoutException | InterruptedException e) {
            stopQuietly(hiveMq);
            temporary.forEach(Directories::deleteRecursively);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while starting embedded HiveMQ");
            }
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException("Could not start embedded HiveMQ on " + HOST + ":" + chosenPort, e);
        }
    }

    /** {@code tcp://127.0.0.1:PORT}. */
    public String serverUri() {
        return "tcp://" + HOST + ":" + port;
    }

    /** {@code ssl://localhost:TLSPORT} (the certificate's name), or null without a TLS listener. */
    public String tlsServerUri() {
        return tlsPort == 0 ? null : "ssl://localhost:" + tlsPort;
    }

    /** {@code ws://127.0.0.1:PORT/mqtt}, MQTT over WebSockets, or null without that listener. */
    public String webSocketUri() {
        return wsPort == 0 ? null : "ws://" + HOST + ":" + wsPort + HiveMqConfig.WEBSOCKET_PATH;
    }

    /** {@code wss://localhost:PORT/mqtt} (the certificate's name), MQTT over WebSockets over TLS, or null without it. */
    public String tlsWebSocketUri() {
        return wssPort == 0 ? null : "wss://localhost:" + wssPort + HiveMqConfig.WEBSOCKET_PATH;
    }

    public int port() {
        return port;
    }

    /**
     * Closes the client's connection, if it has one, and removes its session (issue 17: a revoked device), through
     * HiveMQ's extension services ({@code ClientService.invalidateSession}); its next connect meets the accounts anew.
     *
     * @return whether a session was there
     */
    public boolean closeSession(String clientId) {
        try {
            return Services.clientService().invalidateSession(clientId).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof com.hivemq.extension.sdk.api.services.exception.NoSuchClientIdException) {
                return false;
            }
            throw new IllegalStateException("Could not close the session of " + clientId, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Could not close the session of " + clientId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while closing the session of " + clientId, e);
        }
    }

    /** Where sessions and queued messages are kept. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the broker and removes its temporary directories. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        removeShutdownHook();
        try {
            hiveMq.close();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not stop embedded HiveMQ on " + serverUri(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            temporaryDirectories.forEach(Directories::deleteRecursively);
        }
    }

    /**
     * For an owner that stops this broker itself when the JVM exits, after the services that use it (the
     * launcher): drops the exit hook that would otherwise stop it at the same time as those services flush.
     */
    public synchronized void stopOnlyOnClose() {
        if (!closed) {
            removeShutdownHook();
        }
    }

    @Override
    public String toString() {
        return "EmbeddedBroker[" + serverUri() + ", " + dataDirectory + "]";
    }

    private static EmbeddedExtension authentication(BrokerAccounts accounts) {
        AccountsAuthenticator authenticator = new AccountsAuthenticator(accounts);
        return EmbeddedExtension.builder().withId("clearway-accounts").withName("Clearway broker accounts")
                .withVersion("1").withAuthor("Clearway").withPriority(1000).withStartPriority(1000)
                .withExtensionMain(new ExtensionMain() {
                    @Override
                    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
                        Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator);
                    }

                    @Override
                    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
                    }
                }).build();
    }

    private static Path track(List<Path> temporary, Path directory) {
        temporary.add(directory);
        return directory;
    }

    private static void stopQuietly(EmbeddedHiveMQ hiveMq) {
        if (hiveMq == null) {
            return;
        }
        try {
            hiveMq.close();
        } catch (ExecutionException | RuntimeException e) {
            LOG.warn("Could not stop embedded HiveMQ after a failed start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void removeShutdownHook() {
        if (Thread.currentThread() == shutdownHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // The hook runs anyway and finds the broker closed.
        }
    }
}
