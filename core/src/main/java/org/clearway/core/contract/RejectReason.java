package org.clearway.core.contract;

/**
 * Why a message or one reading of a batch was rejected. The code is what the rejected-messages
 * table and the {@code reason} metric label carry; it never changes once published.
 */
public enum RejectReason {
    BAD_TOPIC("bad_topic", "the topic does not match {prefix}bins/{binId}/telemetry"),
    TOO_LARGE("too_large", "the payload is over 16 KiB"),
    NOT_UTF8("not_utf8", "the payload is not valid UTF-8"),
    NOT_JSON("not_json", "the payload is not valid JSON"),
    NOT_A_READING("not_a_reading", "a reading must be a JSON object"),
    EMPTY_BATCH("empty_batch", "a batch must hold 1 to 100 readings"),
    BATCH_TOO_LARGE("batch_too_large", "a batch must hold 1 to 100 readings"),
    MISSING_TS("missing_ts", "ts is required"),
    BAD_TS("bad_ts", "ts must be an RFC 3339 date-time with an offset"),
    TS_IN_FUTURE("ts_in_future", "ts is more than 5 minutes in the future"),
    TS_TOO_OLD("ts_too_old", "ts is older than the maximum age"),
    MISSING_FILL("missing_fill", "one of fill or distanceMm is required"),
    WRONG_TYPE("wrong_type", "a field has the wrong JSON type"),
    NOT_FINITE("not_finite", "a number is NaN or infinite"),
    OUT_OF_RANGE("out_of_range", "a field is out of its range"),
    UNKNOWN_ALARM("unknown_alarm", "an alarm name is not one of the contract's"),
    UNKNOWN_BIN("unknown_bin", "the bin is not registered (or retired)"),
    UNSTORABLE("unstorable", "the database refused the reading; the detail gives its error"),
    RATE_LIMITED("rate_limited", "the sensor sends far more messages than its peers; it is throttled"),
    UNDECODABLE("undecodable", "the device's frame is not one its model's decoder knows; the detail gives the hex"),
    UNKNOWN_DEVICE("unknown_device", "the device is not registered, or was on no bin at the uplink's time");

    private final String code;
    private final String meaning;

    RejectReason(String code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public String code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
