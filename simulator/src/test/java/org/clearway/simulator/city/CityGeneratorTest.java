package org.clearway.simulator.city;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.clearway.core.contract.TelemetryTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CityGeneratorTest {
    private static final double LAT = 31.2304;
    private static final double LON = 121.4737;

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 100, 1_000, 20_000})
    void buildsAValidZoneTreeWithEveryBinInACommunity(int bins) {
        LiveCity city = CityGenerator.generate(new CitySpec(5, bins, LAT, LON, 0.3, "sim"));
        assertThat(city.bins()).hasSize(bins);
        Map<String, SimZone> zones = city.zones().stream().collect(Collectors.toMap(SimZone::id, Function.identity()));
        assertThat(zones).hasSize(city.zones().size());
        for (SimZone z : city.zones()) {
            assertThat(z.id()).matches("[A-Za-z0-9_.-]{1,64}");
            switch (z.level()) {
                case DISTRICT -> assertThat(z.parent()).isNull();
                case STREET -> assertThat(z.parent().level()).isEqualTo(ZoneLevel.DISTRICT);
                case COMMUNITY -> assertThat(z.parent().level()).isEqualTo(ZoneLevel.STREET);
            }
            if (z.parent() != null) {
                assertThat(zones).containsEntry(z.parentId(), z.parent());
            }
        }
        // Every zone holds something: each community a bin, each street a community, each district a street.
        Set<String> used = city.bins().stream().map(b -> b.zone().id()).collect(Collectors.toSet());
        city.zones().stream().filter(z -> z.parent() != null).forEach(z -> used.add(z.parentId()));
        assertThat(used).isEqualTo(zones.keySet());
        assertThat(city.bins().stream().map(SimBin::id).distinct().count()).isEqualTo(bins);
        // The model's rectangle (37.5 bins per km², 5:4), centred on the centre.
        double halfHeightDeg = city.model().height() / 2 / 111_320.0 + 1e-6;
        double halfWidthDeg = city.model().width() / 2 / (111_320.0 * Math.cos(Math.toRadians(LAT))) + 1e-6;
        for (SimBin b : city.bins()) {
            assertThat(TelemetryTopic.isValidBinId(b.id())).isTrue();
            assertThat(b.zone().level()).isEqualTo(ZoneLevel.COMMUNITY);
            assertThat(b.depthMm()).isBetween(400, 2_100);
            assertThat(b.sensorOffsetMm()).isBetween(20, 120);
            assertThat(b.depthMm() + b.sensorOffsetMm()).isLessThanOrEqualTo(10_000);
            assertThat(Math.abs(b.lat() - LAT)).isLessThanOrEqualTo(halfHeightDeg);
            assertThat(Math.abs(b.lon() - LON)).isLessThanOrEqualTo(halfWidthDeg);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {500})
    void mixesStreamsAndSensorKinds(int bins) {
        LiveCity city = CityGenerator.generate(new CitySpec(1, bins, LAT, LON, 0.3, "sim"));
        assertThat(city.bins().stream().map(SimBin::stream).collect(Collectors.toSet()))
                .isEqualTo(EnumSet.allOf(WasteStream.class));
        assertThat(city.bins().stream().filter(SimBin::distanceSensor).count()).isBetween(110L, 190L);
        assertThat(city.zones().stream().filter(z -> z.level() == ZoneLevel.DISTRICT).count()).isGreaterThan(1);
        assertThat(city.bins().get(0).id()).isEqualTo("sim-00001");
        assertThat(city.bins().stream().filter(b -> b.thresholdPct() != null).count()).isPositive();
    }

    @Test
    void theLiveCityIsTheModelCityWithTheRegistryStreams() {
        LiveCity live = CityGenerator.generate(new CitySpec(4, 300, LAT, LON, 0.3, "sim"));
        City model = City.generate(new CityConfig(4, 300, StreamSpec.registered(), 1));
        assertThat(live.model().bins()).isEqualTo(model.bins());
        Map<String, String> communityOf = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            SimBin bin = live.bins().get(i);
            CityBin m = model.bins().get(i);
            assertThat(bin.index()).isEqualTo(m.index());
            assertThat(bin.stream().code()).isEqualTo(m.stream().code());
            assertThat(bin.volumeL()).isEqualTo((double) m.stream().binVolumeL());
            // 1 m east or north of the centre is 1/111,320 degree of latitude (rounded to 6 decimals).
            double north = (bin.lat() - LAT) * 111_320.0;
            double east = (bin.lon() - LON) * 111_320.0 * Math.cos(Math.toRadians(LAT));
            assertThat(north).isCloseTo(m.y() - model.height() / 2, within(0.2));
            assertThat(east).isCloseTo(m.x() - model.width() / 2, within(0.2));
            assertThat(bin.zone().parent().parent().id()).isEqualTo(String.format("sim-d%02d", m.district() + 1));
            // A community zone holds the bins of one model community in one district.
            assertThat(communityOf.putIfAbsent(bin.zone().id(), m.district() + "/" + m.community()))
                    .isIn(null, m.district() + "/" + m.community());
        }
        assertThat(new HashSet<>(communityOf.values())).hasSize(communityOf.size());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0})
    void theDistanceShareDecidesOnlyTheSensorKind(double share) {
        LiveCity a = CityGenerator.generate(new CitySpec(3, 50, LAT, LON, share, "sim"));
        LiveCity b = CityGenerator.generate(new CitySpec(3, 50, LAT, LON, 0.5, "sim"));
        assertThat(a.bins()).allSatisfy(bin -> assertThat(bin.distanceSensor()).isEqualTo(share == 1.0));
        for (int i = 0; i < 50; i++) {
            SimBin x = a.bins().get(i);
            SimBin y = b.bins().get(i);
            assertThat(new SimBin(x.id(), x.index(), x.zone(), x.stream(), x.volumeL(), x.depthMm(), x.sensorOffsetMm(),
                    x.lat(), x.lon(), x.thresholdPct(), y.distanceSensor())).isEqualTo(y);
        }
    }
}
