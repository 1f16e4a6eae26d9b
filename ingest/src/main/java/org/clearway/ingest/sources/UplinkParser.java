package org.clearway.ingest.sources;

/** Reads one network server's message (its topic and JSON): an uplink, a status of its device, or both. */
public interface UplinkParser {
    /** A message that came on an MQTT topic: the topic must be the server's, and name the body's device. */
    ServerMessage parse(String topic, byte[] payload) throws BadUplink;

    /** An uplink posted over HTTP: the body alone (the caller was authenticated by the server's secret). */
    ServerMessage parseBody(byte[] payload) throws BadUplink;
}
