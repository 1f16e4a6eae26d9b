package org.clearway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.clearway.core.contract.DecodedMessage;
import org.clearway.core.contract.TelemetryDecoder;
import org.clearway.core.contract.TelemetryTopic;
import org.clearway.testsupport.ContractFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every contract example decodes with no rejection; every contract reject is rejected for its reason. */
class TelemetryDecoderContractTest {
    private final TelemetryDecoder decoder = new TelemetryDecoder(new TelemetryTopic(""),
            Clock.fixed(ContractCases.CONTRACT_NOW, ZoneOffset.UTC), Duration.ofDays(7));

    static List<Path> examples() {
        return ContractFiles.contractExamples();
    }

    static List<Path> rejects() {
        return ContractFiles.contractRejects();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void acceptsEveryExample(Path file) throws Exception {
        DecodedMessage decoded = decoder.decode("bins/bin-1/telemetry", Files.readAllBytes(file));
        assertThat(decoded.rejections()).isEmpty();
        assertThat(decoded.readings()).isNotEmpty().allSatisfy(r -> assertThat(r.binId()).isEqualTo("bin-1"));
    }

    @ParameterizedTest
    @MethodSource("rejects")
    void rejectsEveryRejectForItsReason(Path file) throws Exception {
        DecodedMessage decoded = decoder.decode("bins/bin-1/telemetry", Files.readAllBytes(file));
        assertThat(decoded.readings()).isEmpty();
        assertThat(decoded.rejections()).hasSize(1);
        assertThat(decoded.rejections().get(0).reason()).isEqualTo(ContractCases.expectedReason(file));
        assertThat(decoded.rejections().get(0).detail()).isNotBlank();
    }
}
