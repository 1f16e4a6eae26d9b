package org.clearway.routing.model;

/** An amount of waste, or a truck's capacity: volume in litres and weight in kilograms. */
public record Load(long volume, long weight) {

    public static final Load ZERO = new Load(0, 0);

    public Load {
        if (volume < 0 || weight < 0) {
            throw new IllegalArgumentException("volume and weight must be >= 0, got " + volume + " l, " + weight + " kg");
        }
    }

    public Load plus(Load other) {
        return new Load(volume + other.volume, weight + other.weight);
    }

    public boolean fitsIn(Load capacity) {
        return volume <= capacity.volume && weight <= capacity.weight;
    }

    public boolean isZero() {
        return volume == 0 && weight == 0;
    }
}
