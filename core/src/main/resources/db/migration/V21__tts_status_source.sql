-- Issue 14: The Things Stack's last battery level (uplink_message.last_battery_percentage, the network server's
-- record of the device's DevStatusAns) is kept as a source of its own, 'tts-status', beside the device's own frame
-- ('frame') and ChirpStack's status event ('chirpstack-status').
ALTER TABLE device_status_history DROP CONSTRAINT device_status_history_source_check;
ALTER TABLE device_status_history ADD CONSTRAINT device_status_history_source_check
    CHECK (source IN ('frame', 'chirpstack-status', 'tts-status'));
