-- A rejection's identity includes its reason. The same raw payload can be rejected for one reason and later arrive
-- again and be rejected for another: sent before its bin was registered (unknown_bin), then replayed by its sensor
-- in a flood beyond the ceiling and parked (rate_limited, to be replayed). Merged into the first row, the parked
-- reading was out of the replay's reach and its real fate hidden. A redelivery (same topic, payload, position and
-- reason) is still one row with a count.
DROP INDEX rejected_messages_identity_idx;
CREATE UNIQUE INDEX rejected_messages_identity_idx ON rejected_messages (topic, message_sha256, item_index, reason);
