package org.clearway.ingest.sources;

import org.clearway.core.contract.devices.Uplink;

/** Reads one network server's uplink message (its topic and JSON) into an {@link Uplink}. */
public interface UplinkParser {
    Uplink parse(String topic, byte[] payload) throws BadUplink;
}
