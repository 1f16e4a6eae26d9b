package org.clearway.simulator.publish;

import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.clearway.core.mqtt.MqttSession;
import org.clearway.simulator.Ledger;
import org.clearway.simulator.Publication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends publications through an {@link MqttSession}: as fast as the session's publish window
 * allows or paced at a target rate, for as long as the stream lasts or the duration allows. Each
 * publication the broker acknowledges is recorded in the ledger; at the end it waits for the
 * last acknowledgements. While the session is disconnected it waits for the reconnect rather than
 * failing messages. One run at a time.
 */
public final class Publisher {
    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);
    private static final int LOGGED_ERRORS = 5;

    private final MqttSession session;
    private final PublishOptions options;
    private final LongSupplier nanoTime;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final Object inFlightLock = new Object();
    private long inFlight;
    private volatile boolean stopRequested;
    private volatile boolean waitingForSource;
    private volatile Thread runner;
    private volatile String lastError;

    public Publisher(MqttSession session, PublishOptions options) {
        this(session, options, System::nanoTime);
    }

    Publisher(MqttSession session, PublishOptions options, LongSupplier nanoTime) {
        this.session = Objects.requireNonNull(session, "session");
        this.options = Objects.requireNonNull(options, "options");
        this.nanoTime = nanoTime;
    }

    /** Publishes with a ledger of its own, returned in the summary. */
    public PublishSummary publish(Stream<Publication> publications, ProgressListener listener) {
        return publish(publications, new Ledger(), listener);
    }

    /**
     * Publishes until the stream ends, the duration is over or {@link #stop()} is called.
     *
     * @param ledger records every acknowledged publication; null to keep none (long load runs)
     * @throws IllegalStateException when the broker cannot be reached within the connect timeout
     */
    public PublishSummary publish(Stream<Publication> publications, Ledger ledger, ProgressListener listener) {
        runner = Thread.currentThread();
        long start = nanoTime.getAsLong();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "simulator-progress");
            t.setDaemon(true);
            return t;
        });
        ProgressMeter meter = new ProgressMeter(start);
        long every = options.progressInterval().toMillis();
        timer.scheduleAtFixedRate(() -> report(listener, meter, false), every, every, TimeUnit.MILLISECONDS);
        if (options.duration() != null) {
            timer.schedule(this::stop, options.duration().toMillis(), TimeUnit.MILLISECONDS);
        }
        boolean stopped = false;
        try {
            awaitConnected();
            stopped = send(publications.iterator(), ledger);
        } finally {
            if (stopRequested) {
                Thread.interrupted();  // our own stop() may have interrupted us
            }
            awaitAcks();
            timer.shutdownNow();
            runner = null;
        }
        report(listener, meter, true);
        long elapsed = nanoTime.getAsLong() - start;
        return new PublishSummary(sent.get(), acked.get(), errors.get(), Duration.ofNanos(elapsed),
                stopped || stopRequested, lastError, ledger);
    }

    /** Ends the run: no new publications are taken; the last acknowledgements are still awaited. */
    public void stop() {
        stopRequested = true;
        Thread t = runner;
        if (t != null && waitingForSource) {
            t.interrupt();  // it waits for simulated time: wake it
        }
    }

    private boolean send(Iterator<Publication> it, Ledger ledger) {
        Pacer pacer = Pacer.system(options.ratePerSecond());
        try {
            while (!stopRequested) {
                Publication p;
                waitingForSource = true;
                try {
                    if (!it.hasNext()) {
                        return false;
                    }
                    p = it.next();
                } finally {
                    waitingForSource = false;
                }
                pacer.await();
                if (!session.isConnected()) {
                    awaitConnected();
                }
                publishOne(p, ledger);
            }
            return true;
        } catch (CancellationException | InterruptedException e) {
            return true;
        }
    }

    /** Sends one publication; the session waits while the broker's Receive Maximum is full. */
    private void publishOne(Publication p, Ledger ledger) {
        CompletableFuture<Void> done;
        try {
            done = session.publish(p.topic(), p.payload(), options.qos(), false);
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        synchronized (inFlightLock) {
            inFlight++;
        }
        sent.incrementAndGet();
        done.whenComplete((ok, failure) -> {
            if (failure == null) {
                acked.incrementAndGet();
                if (ledger != null) {
                    ledger.record(p);
                }
            } else {
                failed(p, failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            }
            synchronized (inFlightLock) {
                inFlight--;
                inFlightLock.notifyAll();
            }
        });
    }

    private void failed(Publication p, Throwable failure) {
        long n = errors.incrementAndGet();
        lastError = "publication " + p.sequence() + " to " + p.topic() + ": " + failure;
        if (n <= LOGGED_ERRORS) {
            LOG.warn("Could not publish {}{}", lastError,
                    n == LOGGED_ERRORS ? " (further errors are only counted)" : "");
        }
    }

    private void awaitConnected() {
        long deadline = System.nanoTime() + options.connectTimeout().toNanos();
        while (!session.isConnected()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The MQTT broker could not be reached within "
                        + options.connectTimeout().toSeconds() + " s: start it, or point the simulator at it"
                        + " (--mqtt-url or CLEARWAY_MQTT_URL)");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for the broker");
            }
        }
    }

    private void awaitAcks() {
        long deadline = System.nanoTime() + options.ackTimeout().toNanos();
        synchronized (inFlightLock) {
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    errors.addAndGet(inFlight);
                    lastError = inFlight + " publications were not acknowledged within "
                            + options.ackTimeout().toSeconds() + " s";
                    LOG.warn("{}", lastError);
                    inFlight = 0;
                    return;
                }
                try {
                    inFlightLock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void report(ProgressListener listener, ProgressMeter meter, boolean finished) {
        long inFlightNow;
        synchronized (inFlightLock) {
            inFlightNow = inFlight;
        }
        try {
            listener.onProgress(meter.next(nanoTime.getAsLong(), sent.get(), acked.get(), errors.get(), inFlightNow,
                    finished));
        } catch (RuntimeException e) {
            LOG.warn("The progress listener failed", e);
        }
    }

    /** Turns counters into rates between snapshots. */
    private static final class ProgressMeter {
        private final long start;
        private long previousAt;
        private long previousSent;

        ProgressMeter(long start) {
            this.start = start;
            this.previousAt = start;
        }

        synchronized Progress next(long now, long sent, long acked, long errors, long inFlight, boolean finished) {
            double recent = now > previousAt ? (sent - previousSent) * 1e9 / (now - previousAt) : 0;
            double average = now > start ? sent * 1e9 / (now - start) : 0;
            previousAt = now;
            previousSent = sent;
            return new Progress(sent, acked, errors, inFlight, Duration.ofNanos(now - start), recent, average,
                    finished);
        }
    }
}
