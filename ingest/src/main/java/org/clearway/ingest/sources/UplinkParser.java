package org.clearway.ingest.sources;

import org.clearway.core.contract.devices.Uplink;

/** Reads one network server's uplink message (its topic and JSON) into an {@link Uplink}. */
public interface UplinkParser {
    /** An uplink that came on an MQTT topic: the topic must be the server's, and name the body's device. */
    Uplink parse(String topic, byte[] payload) throws BadUplink;

    /** An uplink posted over HTTP: the body alone (the caller was authenticated by the server's secret). */
    Uplink parseBody(byte[] payload) throws BadUplink;
}
