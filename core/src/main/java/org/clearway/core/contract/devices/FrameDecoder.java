package org.clearway.core.contract.devices;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Turns one device's raw uplink bytes into a {@link DeviceFrame}, by its vendor's published payload format. */
public interface FrameDecoder {
    /**
     * @param fPort the LoRaWAN port the frame came on (-1 when the source has none, as plain HTTP)
     * @param bytes the application payload (FRMPayload), decrypted by the network server
     * @throws UndecodableFrame when the bytes are not a frame of this device; the detail says why
     */
    DeviceFrame decode(int fPort, byte[] bytes) throws UndecodableFrame;

    /**
     * The frame from the network server's own decoded object, when this device's decoder trusts the
     * server's codec for it (empty otherwise, the default: the raw bytes are decoded here).
     */
    default Optional<DeviceFrame> fromServerObject(JsonNode object) {
        return Optional.empty();
    }
}
