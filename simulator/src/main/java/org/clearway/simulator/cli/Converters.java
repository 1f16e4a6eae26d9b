package org.clearway.simulator.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.clearway.simulator.payload.BadKind;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for the command's option types. */
final class Converters {
    private Converters() {
    }

    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (RuntimeException e) {
                throw new TypeConversionException(e.getMessage() == null ? "'" + value + "' is not a duration"
                        : e.getMessage());
            }
        }
    }

    /** A number of simulated seconds per real second, or {@code max}. */
    static final class SpeedConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            if (value.trim().equalsIgnoreCase("max")) {
                return Double.POSITIVE_INFINITY;
            }
            try {
                return Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a speed: give a number of 1 or more, or max");
            }
        }
    }

    /** A start: a date-time with offset, or how long ago ({@code 6d}, {@code 36h}). */
    record Start(Instant at, Duration ago) {
        Instant resolve(Instant now) {
            return at != null ? at : now.minus(ago);
        }
    }

    static final class StartConverter implements ITypeConverter<Start> {
        @Override
        public Start convert(String value) {
            try {
                return new Start(OffsetDateTime.parse(value.trim()).toInstant(), null);
            } catch (DateTimeParseException notADate) {
                try {
                    return new Start(null, Durations.parse(value));
                } catch (RuntimeException notADuration) {
                    throw new TypeConversionException("'" + value + "' is not a start: give a date-time such as"
                            + " 2026-11-22T00:00:00Z, or how long ago such as 6d or 36h");
                }
            }
        }
    }

    record Centre(double lat, double lon) {
    }

    static final class CentreConverter implements ITypeConverter<Centre> {
        @Override
        public Centre convert(String value) {
            String[] parts = value.split(",");
            try {
                if (parts.length == 2) {
                    return new Centre(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
                }
            } catch (NumberFormatException e) {
                // Said below.
            }
            throw new TypeConversionException("'" + value + "' is not a centre: give latitude,longitude such as 31.23,121.47");
        }
    }

    static final class FleetConverter implements ITypeConverter<org.clearway.simulator.devices.Fleet> {
        @Override
        public org.clearway.simulator.devices.Fleet convert(String value) {
            try {
                return org.clearway.simulator.devices.Fleet.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class BadKindsConverter implements ITypeConverter<Set<BadKind>> {
        @Override
        public Set<BadKind> convert(String value) {
            Set<BadKind> kinds = EnumSet.noneOf(BadKind.class);
            for (String code : value.split(",")) {
                if (code.isBlank()) {
                    continue;
                }
                if (code.trim().equalsIgnoreCase("all")) {
                    return EnumSet.allOf(BadKind.class);
                }
                try {
                    kinds.add(BadKind.fromCode(code.trim().toLowerCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new TypeConversionException(e.getMessage());
                }
            }
            return kinds;
        }
    }
}
