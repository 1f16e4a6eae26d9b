package org.clearway.simulator.devices;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.clearway.simulator.city.SimBin;
import org.clearway.simulator.model.Seeds;

/**
 * Which sensor each bin carries: the hook where bins are given a {@link DeviceKind}. {@link #CONTRACT} puts the
 * contract's sensor on every bin; {@link #MIXED} a {@value #MIXED_CONTRACT_PCT} % share of them, the rest LoRaWAN
 * devices spread evenly over the kinds of both network servers; {@link #LORAWAN} LoRaWAN devices only. A bin's kind
 * depends on the seed and the bin's index alone.
 */
public enum Fleet {
    CONTRACT, MIXED, LORAWAN;

    static final int MIXED_CONTRACT_PCT = 40;
    private static final List<DeviceKind> LORAWAN_KINDS = List.of(DeviceKind.CHIRPSTACK_EM310, DeviceKind.CHIRPSTACK_EM400,
            DeviceKind.CHIRPSTACK_DL_MBX, DeviceKind.TTS_LDDS75, DeviceKind.TTS_EM310);

    public DeviceKind kindOf(long seed, SimBin bin) {
        if (this == CONTRACT) {
            return DeviceKind.CONTRACT;
        }
        SplittableRandom rng = Seeds.stream(seed, "device", bin.index());
        if (this == MIXED && rng.nextInt(100) < MIXED_CONTRACT_PCT) {
            return DeviceKind.CONTRACT;
        }
        return LORAWAN_KINDS.get(rng.nextInt(LORAWAN_KINDS.size()));
    }

    /** {@code contract}, {@code mixed} or {@code lorawan}, in any case. */
    public static Fleet parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the fleet must be contract, mixed or lorawan, got '" + text + "'");
        }
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
