package org.clearway.simulator.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.clearway.simulator.Ledger;
import org.clearway.simulator.Publication;
import org.clearway.simulator.Simulation;
import org.clearway.simulator.TestClock;
import org.junit.jupiter.api.Test;

class PublisherTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T09:00:00Z"), ZoneOffset.UTC);

    private static Simulation sim() {
        return Simulation.builder().seed(4).bins(20).maxSpeed().clock(CLOCK).sleeper(TestClock.NO_WAIT)
                .badShare(0.2).duplicateShare(0.1).build();
    }

    @Test
    void publishesEverythingAndRecordsWhatWasAcknowledged() {
        FakeSession session = new FakeSession();
        List<Publication> publications = sim().stream(500).toList();
        List<Progress> progress = new CopyOnWriteArrayList<>();
        PublishSummary summary = new Publisher(session, PublishOptions.defaults().withQos(0)
                .withProgressInterval(Duration.ofMillis(10))).publish(publications.stream(), progress::add);

        assertThat(summary.sent()).isEqualTo(500);
        assertThat(summary.acked()).isEqualTo(500);
        assertThat(summary.errors()).isZero();
        assertThat(summary.stopped()).isFalse();
        assertThat(session.sent).hasSize(500).allSatisfy(s -> assertThat(s.qos()).isZero());
        assertThat(session.sent.get(7).payload()).isEqualTo(publications.get(7).payload());
        Ledger expected = new Ledger();
        publications.forEach(expected::record);
        assertThat(summary.ledger().validReadingKeys()).isEqualTo(expected.validReadingKeys());
        assertThat(summary.ledger().expectedRejections()).isEqualTo(expected.expectedRejections());
        assertThat(summary.ledger().duplicates()).isEqualTo(expected.duplicates()).isPositive();
        assertThat(progress).last().satisfies(p -> {
            assertThat(p.finished()).isTrue();
            assertThat(p.sent()).isEqualTo(500);
            assertThat(p.line()).startsWith("done: sent 500 acked 500 in flight 0 errors 0");
        });
    }

    @Test
    void countsFailuresAndLeavesThemOutOfTheLedger() {
        FakeSession session = new FakeSession();
        session.fails = topic -> topic.contains("sim-00003");
        List<Publication> publications = sim().stream(300).toList();
        long failing = publications.stream().filter(p -> p.topic().contains("sim-00003")).count();
        PublishSummary summary = new Publisher(session, PublishOptions.defaults())
                .publish(publications.stream(), ProgressListener.NONE);
        assertThat(failing).isPositive();
        assertThat(summary.errors()).isEqualTo(failing);
        assertThat(summary.acked()).isEqualTo(300 - failing);
        assertThat(summary.ledger().publications()).isEqualTo(300 - failing);
        assertThat(summary.lastError()).contains("sim-00003").contains("refused by the fake broker");
    }

    @Test
    void countsMissingAcknowledgementsAsErrorsAfterTheTimeout() {
        FakeSession session = new FakeSession();
        session.neverAcked = topic -> topic.contains("sim-00001/");
        List<Publication> publications = sim().stream(100).toList();
        long lost = publications.stream().filter(p -> p.topic().contains("sim-00001/")).count();
        PublishSummary summary = new Publisher(session,
                PublishOptions.defaults().withAckTimeout(Duration.ofMillis(200)))
                .publish(publications.stream(), ProgressListener.NONE);
        assertThat(summary.errors()).isEqualTo(lost).isPositive();
        assertThat(summary.lastError()).contains("not acknowledged");
    }

    @Test
    void pacesAtTheTargetRate() {
        FakeSession session = new FakeSession();
        long start = System.nanoTime();
        PublishSummary summary = new Publisher(session, PublishOptions.defaults().withRate(200))
                .publish(sim().stream(60), ProgressListener.NONE);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(summary.sent()).isEqualTo(60);
        // 60 messages at 200/s: the last one is due after 295 ms.
        assertThat(seconds).isGreaterThan(0.28).isLessThan(3.0);
    }

    @Test
    void stopsAfterTheDuration() {
        FakeSession session = new FakeSession();
        Stream<Publication> endless = sim().stream();
        PublishSummary summary = new Publisher(session, PublishOptions.defaults().withRate(100)
                .withDuration(Duration.ofMillis(300))).publish(endless, ProgressListener.NONE);
        assertThat(summary.stopped()).isTrue();
        assertThat(summary.sent()).isBetween(5L, 60L);
        assertThat(summary.acked()).isEqualTo(summary.sent());
    }

    @Test
    void stopWakesARunWaitingForSimulatedTime() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-11-28T09:00:00Z"));
        // Real speed, starting now: the first report is minutes away, and the sleeper really sleeps.
        Simulation slow = Simulation.builder().bins(1).speed(1).clock(clock).build();
        Publisher publisher = new Publisher(new FakeSession(), PublishOptions.defaults());
        Thread stopper = new Thread(() -> {
            sleep(200);
            publisher.stop();
        });
        stopper.start();
        long start = System.nanoTime();
        PublishSummary summary = publisher.publish(slow.stream(), ProgressListener.NONE);
        stopper.join();
        assertThat(summary.stopped()).isTrue();
        assertThat(summary.sent()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void saysWhatToDoWhenTheBrokerIsAway() {
        FakeSession session = new FakeSession();
        session.connected = false;
        Publisher publisher = new Publisher(session,
                PublishOptions.defaults().withConnectTimeout(Duration.ofMillis(100)));
        assertThatThrownBy(() -> publisher.publish(sim().stream(10), ProgressListener.NONE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("--mqtt-url or CLEARWAY_MQTT_URL");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
