package org.clearway.api.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.clearway.testsupport.FakeClock;
import org.junit.jupiter.api.Test;

/** One computation per key at a time, reused within the maximum age, never across token zones, never a failure. */
class SharedAssessmentsTest {
    private static final Period Q3 = new Period(Instant.parse("2026-07-01T00:00:00Z"), Instant.parse("2026-10-01T00:00:00Z"),
            "2026-Q3");
    private static final SharedAssessments.Key CITY = new SharedAssessments.Key("*", "c1", Q3);

    private final FakeClock clock = FakeClock.at("2026-12-07T00:00:00Z");
    private final AtomicInteger computed = new AtomicInteger();

    @Test
    void identicalRequestsWhileOneRunsShareIt() {
        SharedAssessments shared = new SharedAssessments(clock, Duration.ZERO);
        Promise<Assessment> running = Promise.promise();
        Future<Assessment> first = shared.get(CITY, () -> count(running.future()));
        Future<Assessment> second = shared.get(CITY, () -> count(Future.succeededFuture(assessment("other"))));
        assertThat(computed).hasValue(1);
        assertThat(second.isComplete()).isFalse();
        running.complete(assessment("c1"));
        assertThat(first.result().zoneId()).isEqualTo("c1");
        assertThat(second.result()).isSameAs(first.result());
        // Maximum age zero: once finished, the next request computes again.
        assertThat(shared.get(CITY, () -> count(Future.succeededFuture(assessment("again")))).result().zoneId())
                .isEqualTo("again");
        assertThat(computed).hasValue(2);
        assertThat(shared.size()).isZero();
    }

    @Test
    void aFinishedAnswerIsReusedWithinTheMaximumAgeOnly() {
        SharedAssessments shared = new SharedAssessments(clock, Duration.ofSeconds(10));
        Assessment a = shared.get(CITY, () -> count(Future.succeededFuture(assessment("c1")))).result();
        clock.advance(Duration.ofMillis(9_999));
        assertThat(shared.get(CITY, () -> count(Future.succeededFuture(assessment("new")))).result()).isSameAs(a);
        assertThat(computed).hasValue(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(shared.get(CITY, () -> count(Future.succeededFuture(assessment("new")))).result().zoneId())
                .isEqualTo("new");
        assertThat(computed).hasValue(2);
    }

    @Test
    void theTokenZoneAndThePeriodArePartOfTheKey() {
        SharedAssessments shared = new SharedAssessments(clock, Duration.ofSeconds(10));
        shared.get(CITY, () -> count(Future.succeededFuture(assessment("city's"))));
        Future<Assessment> officer = shared.get(new SharedAssessments.Key("c2", "c1", Q3),
                () -> count(Future.failedFuture(new IllegalStateException("not visible"))));
        assertThat(officer.failed()).isTrue();
        Period other = new Period(Q3.from(), Q3.to().minusSeconds(1), null);
        assertThat(shared.get(new SharedAssessments.Key("*", "c1", other),
                () -> count(Future.succeededFuture(assessment("other period")))).result().zoneId()).isEqualTo("other period");
        assertThat(shared.get(new SharedAssessments.Key("*", null, Q3),
                () -> count(Future.succeededFuture(assessment("whole city")))).result().zoneId()).isEqualTo("whole city");
        assertThat(computed).hasValue(4);
    }

    @Test
    void aFailureIsNotKept() {
        SharedAssessments shared = new SharedAssessments(clock, Duration.ofSeconds(10));
        assertThat(shared.get(CITY, () -> count(Future.failedFuture(new IllegalStateException("overloaded")))).failed())
                .isTrue();
        assertThat(shared.get(CITY, () -> {
            throw new IllegalStateException("queue full");
        }).failed()).isTrue();
        assertThat(shared.get(CITY, () -> count(Future.succeededFuture(assessment("c1")))).succeeded()).isTrue();
        assertThat(computed).hasValue(2);
    }

    @Test
    void atMostMaxEntriesFinishedAnswersAreKept() {
        SharedAssessments shared = new SharedAssessments(clock, Duration.ofSeconds(10));
        for (int i = 0; i < SharedAssessments.MAX_ENTRIES * 2; i++) {
            shared.get(new SharedAssessments.Key("*", "c" + i, Q3), () -> count(Future.succeededFuture(assessment("x"))));
        }
        assertThat(shared.size()).isLessThanOrEqualTo(SharedAssessments.MAX_ENTRIES);
    }

    private Future<Assessment> count(Future<Assessment> f) {
        computed.incrementAndGet();
        return f;
    }

    private static Assessment assessment(String zone) {
        return new Assessment(Q3, Q3.to(), zone, zone, "community", null, java.util.List.of(), java.util.List.of(),
                Instant.now());
    }
}
