package org.clearway.decisions.forecast;

/**
 * The x axis the trend is fitted on. On the wall clock, x is hours and the trend's slope is a rate in percent per
 * hour. On the profile clock, x is the fill the hour-of-week profile expects (in percent): the slope then says how
 * much faster or slower than usual the bin fills, and the future follows the profile's shape.
 */
sealed interface FillClock {

    /** Clock units between two epoch seconds. */
    double between(double from, double to);

    /** The epoch second at which the clock has advanced by {@code units} from {@code from}; +∞ past {@code limit}. */
    double solve(double from, double units, double limit);

    /** Clock units per hour at an epoch second. */
    double rateAt(double epochSecond);

    /** Hours. */
    record Wall() implements FillClock {

        @Override
        public double between(double from, double to) {
            return (to - from) / LocalHours.SECONDS_PER_HOUR;
        }

        @Override
        public double solve(double from, double units, double limit) {
            double at = from + units * LocalHours.SECONDS_PER_HOUR;
            return at <= limit ? at : Double.POSITIVE_INFINITY;
        }

        @Override
        public double rateAt(double epochSecond) {
            return 1;
        }
    }

    /** Expected fill, from the profile's 168 rates (percent per hour, none negative). */
    record Profile(double[] rates, LocalHours hours) implements FillClock {

        @Override
        public double between(double from, double to) {
            double sum = 0;
            double t = from;
            while (t < to) {
                double end = Math.min(hours.nextHour(t), to);
                sum += rateAt(t) * (end - t) / LocalHours.SECONDS_PER_HOUR;
                t = end;
            }
            return sum;
        }

        @Override
        public double solve(double from, double units, double limit) {
            double left = units;
            double t = from;
            while (t < limit) {
                double end = hours.nextHour(t);
                double rate = rateAt(t);
                double gain = rate * (end - t) / LocalHours.SECONDS_PER_HOUR;
                if (gain >= left && rate > 0) {
                    double at = t + left / rate * LocalHours.SECONDS_PER_HOUR;
                    return at <= limit ? at : Double.POSITIVE_INFINITY;
                }
                left -= gain;
                t = end;
            }
            return Double.POSITIVE_INFINITY;
        }

        @Override
        public double rateAt(double epochSecond) {
            return rates[hours.hourOfWeek(epochSecond)];
        }
    }
}
