package org.clearway.simulator;

import org.clearway.simulator.expect.Expectation;
import org.clearway.simulator.expect.ExpectedReading;
import org.clearway.simulator.expect.ExpectedRejection;
import org.clearway.simulator.expect.ReadingKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.clearway.core.contract.DecodedMessage;
import org.clearway.core.contract.FillLevel;
import org.clearway.core.contract.Reading;
import org.clearway.core.contract.RejectReason;
import org.clearway.core.contract.TelemetryDecoder;
import org.clearway.core.contract.TelemetryTopic;
import org.clearway.simulator.city.SimBin;

/** Checks publications against the ingest's own decoder, as the ingest would see them with no bins registered. */
final class Decoding {
    private final TelemetryDecoder decoder;
    private final Map<String, SimBin> bins;

    Decoding(String topicPrefix, Clock clock, List<SimBin> bins) {
        this.decoder = new TelemetryDecoder(new TelemetryTopic(topicPrefix), clock, Duration.ofDays(7));
        this.bins = bins.stream().collect(Collectors.toMap(SimBin::id, Function.identity()));
    }

    /** Asserts that the decoder agrees with the publication's expectation, exactly. */
    DecodedMessage check(Publication p) {
        DecodedMessage d = decoder.decode(p.topic(), p.payload());
        Expectation e = p.expectation();
        if (e.rejections().equals(List.of(ExpectedRejection.wholeMessage(RejectReason.UNKNOWN_BIN)))) {
            // The store decides unknown_bin; the decoder must find the message otherwise valid.
            assertThat(d.rejections()).as("%s", p).isEmpty();
            assertThat(d.readings()).as("%s", p).isNotEmpty();
            assertThat(bins).as("%s", p).doesNotContainKey(d.binId());
            return d;
        }
        assertThat(d.rejections().stream().map(r -> new ExpectedRejection(r.reason(), r.itemIndex())).toList())
                .as("rejections of %s (decoder said %s)", p, d.rejections().stream().map(r -> r.detail()).toList())
                .isEqualTo(e.rejections());
        assertThat(d.readings().stream().map(r -> new ReadingKey(r.binId(), r.measuredAt())).toList())
                .as("readings of %s", p).isEqualTo(e.valid().stream().map(ExpectedReading::key).toList());
        for (int i = 0; i < d.readings().size(); i++) {
            Reading r = d.readings().get(i);
            SimBin bin = bins.get(r.binId());
            assertThat(bin).as("bin of %s", p).isNotNull();
            assertThat(FillLevel.of(r, bin.depthMm(), bin.sensorOffsetMm())).as("fill of %s", p)
                    .isEqualTo(e.valid().get(i).fillPct());
            assertThat(r.distanceMm() != null).as("%s: distance sensor", p).isEqualTo(bin.distanceSensor());
        }
        return d;
    }
}
