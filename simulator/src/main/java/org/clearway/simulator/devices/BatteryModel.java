package org.clearway.simulator.devices;

/**
 * A battery-powered LoRaWAN level sensor's energy budget, to turn uplinks per day into battery days. Charge in mAh
 * at the cell's voltage; every constant is an assumption or a datasheet figure named below, so the model compares
 * reporting schemes (fewer uplinks, same cell) rather than predicting a given product's life.
 *
 * <ul>
 *   <li>{@link #CELL_MAH}: a 19 Ah-class primary lithium thionyl chloride D cell (such as Tadiran's TL-5930, 19 Ah
 *       nominal), of which {@link #USABLE} is taken as usable under pulsed loads (an assumption);</li>
 *   <li>{@link #SELF_DISCHARGE_PER_YEAR}: 1 % of nominal a year, the order lithium thionyl chloride makers quote;</li>
 *   <li>{@link #SLEEP_UA}: sleep current of MCU, radio and sensor front end, 15 µA (an assumption within the 2 to 20 µA
 *       that sensor datasheets give);</li>
 *   <li>{@link #TX_MA}: the radio transmitting at +14 dBm, 44 mA (Semtech SX1276 datasheet: 29 mA at +13 dBm on RFO,
 *       87 mA at +17 dBm on PA_BOOST; taken between them);</li>
 *   <li>{@link #RX_MA}: receiving, 11 mA (SX1276 datasheet, about 10.8 to 11.5 mA); each uplink opens RX1 at its own
 *       spreading factor and RX2 at SF12 (EU868's default), each for {@link #RX_WINDOW_SYMBOLS} symbols;</li>
 *   <li>{@link #MEASURE_MAS}: one ultrasonic ranging with the MCU awake, 30 mA for 1 s (an assumption);</li>
 *   <li>airtime: Semtech's LoRa time-on-air formula (SX1276 datasheet, section 4.1.1.7) at 125 kHz, coding rate 4/5,
 *       8 preamble symbols, explicit header, CRC on, low data rate optimisation at SF11 and SF12; the payload is the
 *       frame plus 13 bytes of LoRaWAN overhead.</li>
 * </ul>
 */
public final class BatteryModel {
    public static final double CELL_MAH = 19_000;
    public static final double USABLE = 0.8;
    public static final double SELF_DISCHARGE_PER_YEAR = 0.01;
    public static final double SLEEP_UA = 15;
    public static final double TX_MA = 44;
    public static final double RX_MA = 11;
    public static final int RX_WINDOW_SYMBOLS = 8;
    public static final double MEASURE_MAS = 30;
    static final int LORAWAN_OVERHEAD_BYTES = 13;
    static final double BANDWIDTH_HZ = 125_000;

    private final int spreadingFactor;
    private final int frameBytes;

    /** @param spreadingFactor 7 to 12; @param frameBytes the application payload of one uplink */
    public BatteryModel(int spreadingFactor, int frameBytes) {
        if (spreadingFactor < 7 || spreadingFactor > 12 || frameBytes < 0 || frameBytes > 222) {
            throw new IllegalArgumentException("SF7 to SF12 and 0 to 222 bytes, not SF" + spreadingFactor + " and "
                    + frameBytes);
        }
        this.spreadingFactor = spreadingFactor;
        this.frameBytes = frameBytes;
    }

    /** LoRa time on air of {@code payloadBytes} at {@code sf}, seconds. */
    public static double airtimeSeconds(int sf, int payloadBytes) {
        double symbol = Math.pow(2, sf) / BANDWIDTH_HZ;
        int lowDataRate = sf >= 11 ? 1 : 0;
        double numerator = 8.0 * payloadBytes - 4 * sf + 28 + 16;
        double symbols = 8 + Math.max(Math.ceil(numerator / (4.0 * (sf - 2 * lowDataRate))) * 5, 0);
        return (8 + 4.25) * symbol + symbols * symbol;
    }

    /** Charge of one uplink (measure, transmit, two receive windows), mAh. */
    public double uplinkMah() {
        double tx = airtimeSeconds(spreadingFactor, frameBytes + LORAWAN_OVERHEAD_BYTES) * TX_MA;
        double rx = (symbolSeconds(spreadingFactor) + symbolSeconds(12)) * RX_WINDOW_SYMBOLS * RX_MA;
        return (tx + rx + MEASURE_MAS) / 3600;
    }

    /** Charge a day costs without uplinks: sleep and self-discharge, mAh. */
    public double baseMahPerDay() {
        return SLEEP_UA / 1000 * 24 + CELL_MAH * SELF_DISCHARGE_PER_YEAR / 365.25;
    }

    /** Days the usable charge lasts at this many uplinks a day. */
    public double batteryDays(double uplinksPerDay) {
        return CELL_MAH * USABLE / (baseMahPerDay() + uplinksPerDay * uplinkMah());
    }

    private static double symbolSeconds(int sf) {
        return Math.pow(2, sf) / BANDWIDTH_HZ;
    }
}
