package org.clearway.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Iterator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.clearway.simulator.city.CityGenerator;
import org.clearway.simulator.city.LiveCity;
import org.clearway.simulator.city.SimBin;
import org.clearway.simulator.model.BinSensor;
import org.clearway.simulator.model.SensorNoise;
import org.clearway.simulator.model.Seeds;
import org.clearway.simulator.model.SensorReading;
import org.clearway.simulator.model.SimulatedTime;
import org.clearway.simulator.payload.Outgoing;
import org.clearway.simulator.payload.PayloadComposer;
import org.clearway.simulator.devices.DeviceKind;
import org.clearway.simulator.devices.DownlinkReceiver;
import org.clearway.simulator.devices.SimDevice;
import org.clearway.simulator.devices.UplinkComposer;
import org.clearway.simulator.waste.LiveWaste;

/**
 * Simulated bin sensors of a synthetic city, as a stream of MQTT publications that each carry
 * what the ingest must make of them.
 *
 * <h2>Public API</h2>
 * <pre>{@code
 * Simulation sim = Simulation.builder()            // SimulationBuilder: every setting has a default
 *         .seed(42).bins(500).topicPrefix("city-a/")
 *         .speed(60).start(Instant)                // or .maxSpeed(); start defaults to now - 6 days
 *         .reportInterval(Duration.ofMinutes(15))
 *         .badShare(0.05).badKinds(EnumSet.of(BadKind.NOT_JSON, ...))
 *         .duplicateShare(0.02).distanceShare(0.3)
 *         .clock(Clock).sleeper(Sleeper)           // for tests
 *         .build();
 * List<SimBin> bins = sim.bins();                  // register them: BinRegistry.register(dataSource, bins)
 * Publication p = sim.next();                      // waits until its time has come in simulated time
 * Stream<Publication> s = sim.stream(10_000);      // the next 10,000 publications, lazily
 * Stream<Publication> past = sim.streamUntil(now); // every report due up to now, then the end
 * Ledger ledger = new Ledger();                    // Publisher records what the broker took
 * PublishSummary summary = new Publisher(session, PublishOptions.defaults().withRate(500))
 *         .publish(s, ledger, progress -> System.err.println(progress.line()));
 * }</pre>
 *
 * <h2>The city</h2>
 * The bins, their positions, streams and fill rates are the project's one city model
 * ({@link org.clearway.simulator.city.City}, which the lab's policy evaluation runs on too), registered
 * by {@link CityGenerator}; their waste comes from the model's generator ({@link LiveWaste}) and their
 * sensors read it with the model's noise. For a seed and a number of bins the city is the lab's city of
 * the same seed and bins with the registry's streams.
 *
 * <h2>Determinism</h2>
 * Each bin draws from its own random streams, derived from the seed and the bin's index
 * ({@link Seeds}, and the city model's {@link org.clearway.simulator.city.CitySeeds}); bins report on their own schedules (whole seconds, strictly increasing per
 * bin) and the simulation merges them in (time, bin) order. So for a given seed, settings and
 * clock the publications are always the same, whatever the pacing or the threads. Two things
 * read the clock: bad timestamps ({@code ts_in_future}, {@code ts_too_old}) are set relative to
 * now, and a reading that has fallen within an hour of the maximum age (because publishing lags
 * far behind simulated time) is dropped, as a sensor's full buffer would, and counted in
 * {@link #droppedReadings()}. With a fixed clock both are fixed too.
 *
 * <h2>Time</h2>
 * Simulated time ({@link SimulatedTime}) runs at the speed from the start and never passes the
 * real now, so no valid reading is from the future; {@link #next()} waits until the next report
 * is due. With a fixed clock only the reports up to the clock's instant exist: asking for more
 * waits forever. Not thread-safe: one consumer; the one exception is {@link #emptyBin}, which
 * simulated trucks call from their own threads.
 *
 * <h2>Trucks</h2>
 * {@link #emptyBin(String, Instant)} empties a bin at a simulated instant: the emptying takes effect
 * before the first report measured at or after that instant, so the bin's next reading shows the
 * drop (0 to 5 % left). Emptyings come from outside the seed, so a run with trucks is not
 * reproducible.
 */
public final class Simulation {
    /** Valid readings are kept at least this far from the ingest's maximum age. */
    static final Duration AGE_MARGIN = Duration.ofHours(1);
    private static final Duration MAX_NAP = Duration.ofSeconds(1);

    private record Due(Instant at, int bin) {
    }

    private final Map<String, Integer> indexById = new HashMap<>();
    /** Emptyings asked for by trucks (any thread), taken over by the consumer's thread. */
    private final ConcurrentLinkedQueue<Due> emptyingsAsked = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Due> emptyings = new PriorityQueue<>(
            Comparator.comparing(Due::at).thenComparingInt(Due::bin));

    private final SimulationSettings settings;
    private final LiveCity city;
    private final SimulatedTime time;
    private final LiveWaste waste;
    private final BinSensor[] sensors;
    private final SplittableRandom[] messageRngs;
    private final PayloadComposer composer;
    private final UplinkComposer uplinks;
    /** Each bin's LoRaWAN device, null where the bin's sensor speaks the contract. */
    private final SimDevice[] devices;
    private final PriorityQueue<Due> schedule = new PriorityQueue<>(
            Comparator.comparing(Due::at).thenComparingInt(Due::bin));
    private final ArrayDeque<Publication> pending = new ArrayDeque<>();
    private long sequence;
    private long dropped;
    private volatile Instant lastReportAt;

    Simulation(SimulationSettings settings) {
        this.settings = settings;
        this.city = CityGenerator.generate(settings.city());
        this.time = new SimulatedTime(settings.clock(), settings.start(), settings.speed());
        this.composer = new PayloadComposer(settings.topicPrefix(), settings.badShare(), settings.badKinds(),
                settings.maxAge());
        List<SimBin> bins = city.bins();
        this.waste = new LiveWaste(city.model(), LiveWaste.weekStart(settings.start(), settings.sensors().zone()));
        SensorNoise noise = new SensorNoise(settings.seed(), bins.size());
        this.sensors = new BinSensor[bins.size()];
        this.uplinks = new UplinkComposer(settings.topicPrefix());
        this.devices = new SimDevice[bins.size()];
        this.messageRngs = new SplittableRandom[bins.size()];
        for (int i = 0; i < sensors.length; i++) {
            sensors[i] = new BinSensor(bins.get(i), Seeds.stream(settings.seed(), "sensor", i), settings.sensors(),
                    settings.start(), waste, noise);
            messageRngs[i] = Seeds.stream(settings.seed(), "messages", i);
            schedule.add(new Due(sensors[i].nextAt(), i));
            indexById.put(bins.get(i).id(), i);
            DeviceKind kind = settings.fleet().kindOf(settings.seed(), bins.get(i));
            devices[i] = kind.isLoRaWan() ? SimDevice.of(bins.get(i), kind) : null;
        }
        this.lastReportAt = settings.start();
    }

    public static SimulationBuilder builder() {
        return new SimulationBuilder();
    }

    public SimulationSettings settings() {
        return settings;
    }

    /** The city: the model it is made from, its zones and its bins. */
    public LiveCity city() {
        return city;
    }

    /** The LoRaWAN device with this DevEUI and its bin's sensor, for {@code DownlinkReceiver}. */
    public Optional<DownlinkReceiver.Target> device(String devEui) {
        for (int i = 0; i < devices.length; i++) {
            if (devices[i] != null && devices[i].devEui().equals(devEui)) {
                BinSensor sensor = sensors[i];
                return Optional.of(new DownlinkReceiver.Target(devices[i], sensor::askInterval));
            }
        }
        return Optional.empty();
    }

    /** The bins' LoRaWAN devices (register them with {@code DeviceRegistry} after the bins), in bin order. */
    public List<SimDevice> devices() {
        return java.util.Arrays.stream(devices).filter(java.util.Objects::nonNull).toList();
    }

    public List<SimBin> bins() {
        return city.bins();
    }

    public SimulatedTime time() {
        return time;
    }

    /** The city's waste, step by step as in the lab ({@link LiveWaste#fullHours} counts its overflow). */
    public LiveWaste waste() {
        return waste;
    }

    /** The simulated time of the last report taken (for progress lines). */
    public Instant lastReportAt() {
        return lastReportAt;
    }

    /** Readings left out because they had come too close to the maximum age. */
    public long droppedReadings() {
        return dropped;
    }

    /**
     * The next publication, once its report is due in simulated time.
     *
     * @throws CancellationException when the thread is interrupted while waiting
     */
    public Publication next() {
        return take(null);
    }

    /** The next publication from reports due at or before {@code until}, or null when there is none. */
    private Publication take(Instant until) {
        while (pending.isEmpty()) {
            Due due = schedule.peek();
            if (until != null && due.at().isAfter(until)) {
                return null;
            }
            awaitSimulatedTime(due.at());
            schedule.poll();
            applyEmptyings(due.at());
            BinSensor sensor = sensors[due.bin()];
            List<SensorReading> sent = sensor.report();
            schedule.add(new Due(sensor.nextAt(), due.bin()));
            lastReportAt = due.at();
            if (!sent.isEmpty()) {
                compose(due.bin(), sent);
            }
        }
        return pending.poll();
    }

    /**
     * A truck empties bin {@code binId} at simulated instant {@code at}; safe from any thread.
     *
     * @return the bin and its fill at its last measurement, or empty when this simulation has no such bin
     */
    public Optional<Emptied> emptyBin(String binId, Instant at) {
        Integer index = indexById.get(binId);
        if (index == null) {
            return Optional.empty();
        }
        BinSensor sensor = sensors[index];
        emptyingsAsked.add(new Due(at, index));
        return Optional.of(new Emptied(sensor.bin(), sensor.fill()));
    }

    private void applyEmptyings(Instant upTo) {
        for (Due asked; (asked = emptyingsAsked.poll()) != null; ) {
            emptyings.add(asked);
        }
        while (!emptyings.isEmpty() && !emptyings.peek().at().isAfter(upTo)) {
            Due emptying = emptyings.poll();
            sensors[emptying.bin()].emptiedByTruck(emptying.at());
        }
    }

    private void compose(int bin, List<SensorReading> sent) {
        Instant now = time.realNow();
        Instant oldest = now.minus(settings.maxAge()).plus(AGE_MARGIN);
        List<SensorReading> fresh = sent.stream().filter(r -> !r.ts().isBefore(oldest)).toList();
        dropped += sent.size() - fresh.size();
        if (fresh.isEmpty()) {
            return;
        }
        SplittableRandom rng = messageRngs[bin];
        List<Outgoing> out = devices[bin] != null ? uplinks.compose(devices[bin], fresh)
                : composer.compose(sensors[bin].bin(), fresh, rng, now);
        for (Outgoing o : out) {
            Publication p = new Publication(sequence++, o.topic(), o.payload(), o.expectation());
            pending.add(p);
            if (rng.nextDouble() < settings.duplicateShare()) {
                pending.add(p.duplicate(sequence++));
            }
        }
    }

    private void awaitSimulatedTime(Instant at) {
        Duration wait;
        while (!(wait = time.wallTimeUntil(at)).isZero()) {
            try {
                settings.sleeper().sleep(wait.compareTo(MAX_NAP) < 0 ? wait : MAX_NAP);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for simulated time to reach " + at);
            }
        }
    }

    /** The next {@code count} publications, produced lazily as the stream is consumed. */
    public Stream<Publication> stream(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be 0 or more, got " + count);
        }
        return lazy(new Iterator<>() {
            private long left = count;

            @Override
            public boolean hasNext() {
                return left > 0;
            }

            @Override
            public Publication next() {
                if (left <= 0) {
                    throw new NoSuchElementException();
                }
                left--;
                return Simulation.this.next();
            }
        });
    }

    /** Publications without end. */
    public Stream<Publication> stream() {
        return stream(Long.MAX_VALUE);
    }

    /**
     * The publications of every report due up to {@code until} (at most the real now, or the stream
     * waits for it), then the end: for instance the simulated past up to now, as fast as it is taken.
     */
    public Stream<Publication> streamUntil(Instant until) {
        return lazy(new Iterator<>() {
            private Publication ahead;

            @Override
            public boolean hasNext() {
                if (ahead == null) {
                    ahead = take(until);
                }
                return ahead != null;
            }

            @Override
            public Publication next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Publication p = ahead;
                ahead = null;
                return p;
            }
        });
    }

    private static Stream<Publication> lazy(Iterator<Publication> it) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
                false);
    }
}
