package org.clearway.simulator.devices;

/**
 * What sensor a simulated bin carries and which way its readings reach ingest: the device contract's JSON on
 * {@code bins/{binId}/telemetry}, or a LoRaWAN device's frame inside a network server's JSON.
 */
public enum DeviceKind {
    /** The device contract's JSON over MQTT (no registered device). */
    CONTRACT(null, null, -1),
    CHIRPSTACK_EM310(NetworkServer.CHIRPSTACK, "milesight-em310-udl", 85),
    CHIRPSTACK_EM400(NetworkServer.CHIRPSTACK, "milesight-em400-udl", 85),
    CHIRPSTACK_DL_MBX(NetworkServer.CHIRPSTACK, "decentlab-dl-mbx", 1),
    TTS_LDDS75(NetworkServer.TTS, "dragino-ldds75", 2),
    TTS_EM310(NetworkServer.TTS, "milesight-em310-udl", 85);

    /** The network servers a LoRaWAN device's uplinks come through, by their name in the registry and ingest. */
    public enum NetworkServer {
        CHIRPSTACK("chirpstack"), TTS("tts");

        private final String source;

        NetworkServer(String source) {
            this.source = source;
        }

        /** The registry's {@code devices.source} and ingest's source name. */
        public String source() {
            return source;
        }
    }

    private final NetworkServer server;
    private final String model;
    private final int fPort;

    DeviceKind(NetworkServer server, String model, int fPort) {
        this.server = server;
        this.model = model;
        this.fPort = fPort;
    }

    /** Null for {@link #CONTRACT}. */
    public NetworkServer server() {
        return server;
    }

    /** The registry's device model ({@code device_models.code}); null for {@link #CONTRACT}. */
    public String model() {
        return model;
    }

    /** The LoRaWAN port its measurements go on (the vendors' defaults). */
    public int fPort() {
        return fPort;
    }

    public boolean isLoRaWan() {
        return server != null;
    }
}
