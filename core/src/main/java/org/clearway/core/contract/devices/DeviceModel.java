package org.clearway.core.contract.devices;

import java.util.Arrays;
import java.util.Optional;

/** The sensor models Clearway decodes, by the code the registry stores for a device. */
public enum DeviceModel {
    /** A device that speaks the device contract's JSON itself (plain MQTT or HTTP). */
    CONTRACT_JSON("contract-json", null),
    MILESIGHT_EM310_UDL("milesight-em310-udl", MilesightUdl.EM310_UDL),
    MILESIGHT_EM400_UDL("milesight-em400-udl", MilesightUdl.EM400_UDL),
    DRAGINO_LDDS75("dragino-ldds75", new DraginoLdds75()),
    DECENTLAB_DL_MBX("decentlab-dl-mbx", new DecentlabDlMbx());

    private final String code;
    private final FrameDecoder decoder;

    DeviceModel(String code, FrameDecoder decoder) {
        this.code = code;
        this.decoder = decoder;
    }

    public String code() {
        return code;
    }

    /** The raw-frame decoder, empty for {@link #CONTRACT_JSON}. */
    public Optional<FrameDecoder> decoder() {
        return Optional.ofNullable(decoder);
    }

    public static Optional<DeviceModel> fromCode(String code) {
        return Arrays.stream(values()).filter(m -> m.code.equals(code)).findFirst();
    }
}
