package io.orderledger.query.cluster;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Whether this instance's standby copies hold what their changelogs hold.
 *
 * <p>A standby answers for a partition while its active instance is gone, restoring or moving. A standby follows the
 * changelog the active writes, a moment behind; one that answered the instant the active stopped, or just after its
 * own instance started again (its copy read back from a checkpoint seconds old), showed a client orders back in states
 * it had already seen them leave ({@code RollingRestartIT}, 2026-12-04: eleven answers). So a standby answers only
 * once its position in every store's changelog has reached the end offsets read <em>after the request arrived</em>:
 * everything the active had written by then, and, when the active has stopped, everything it ever wrote. And an
 * instance is ready only once its standbys have caught up, once, with the changelogs as they were when it started:
 * a rolling restart that waits for readiness then never stops an instance whose partners' only other copy is behind.
 *
 * <p>What no standby can hold: a change the active showed in the instant between applying it and handing it to its
 * changelog producer, when the active is killed in that instant ({@code linger.ms} of the query service's producer
 * bounds it). It comes back when the partition's next active applies the input again.
 *
 * <p>Positions come from Kafka Streams ({@code allLocalStorePartitionLags}: the positions here against the changelogs'
 * end offsets, one Admin round trip), read at most once per poll however many requests wait on them.
 */
public final class StandbyCatchUp {

  /** Kafka Streams' view of the copies here. */
  public interface Positions {

    /** Store name → partition → this instance's position in the store's changelog, and the changelog's end. */
    Map<String, Map<Integer, Position>> lags();

    /** The partitions this instance holds standby copies of. */
    Set<Integer> standbyPartitions();
  }

  /** Where a copy stands: the next changelog offset it would apply, and the changelog's end offset. */
  public record Position(long current, long end) {
  }

  private record Snapshot(long beganNanos, Map<String, Map<Integer, Position>> lags) {
  }

  private final Positions positions;
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StandbyCatchUp.class);

  private final LongSupplier nanoTime;
  private final Duration pollEvery;
  private final long markerSlack;
  private final Duration warmUpAtMost;
  private long warmUpBegan; // guarded by this
  private Snapshot latest; // guarded by this
  /** Store → partition → the end offset its standby copy must reach before this instance is ready; null until read. */
  private Map<String, Map<Integer, Long>> warmUpTargets; // guarded by this
  private volatile boolean warmedUp;

  /**
   * @param pollEvery how often a waiting request reads the positions again
   * @param exactlyOnce the changelogs are written in transactions: a copy that has applied a changelog's last record
   *     stands one short of its end (the commit marker), which counts as caught up
   * @param warmUpAtMost after this long, readiness stops waiting for the standbys (and says so in the log): an instance
   *     that cannot catch up a copy still serves its own partitions
   */
  public StandbyCatchUp(Positions positions, LongSupplier nanoTime, Duration pollEvery, boolean exactlyOnce, Duration warmUpAtMost) {
    this.positions = positions;
    this.nanoTime = nanoTime;
    this.pollEvery = pollEvery;
    this.markerSlack = exactlyOnce ? 1 : 0;
    this.warmUpAtMost = warmUpAtMost;
  }

  /**
   * Waits, at most {@code atMost}, until every store's standby copy of the partition here has reached the end its
   * changelog had when this call began.
   *
   * @return false when it has not (the standby must not answer), or when the partition has no copy here
   */
  public boolean awaitCaughtUp(int partition, Duration atMost) {
    try {
      return caughtUpWithin(partition, atMost);
    } catch (RuntimeException positionsUnknown) {
      // Kafka Streams not running, or the end offsets not read in time: the copy cannot be shown current.
      return false;
    }
  }

  private boolean caughtUpWithin(int partition, Duration atMost) {
    long arrived = nanoTime.getAsLong();
    Map<String, Map<Integer, Position>> first = snapshotBegunSince(arrived);
    Map<String, Long> ends = new HashMap<>();
    first.forEach((store, byPartition) -> {
      Position lag = byPartition.get(partition);
      if (lag != null) {
        ends.put(store, lag.end());
      }
    });
    if (ends.isEmpty()) {
      return false;
    }
    Map<String, Map<Integer, Position>> now = first;
    while (!reached(now, partition, ends)) {
      long pollStarts = nanoTime.getAsLong();
      if (pollStarts - arrived + pollEvery.toNanos() > atMost.toNanos()) {
        return false;
      }
      // Waiting on the standby's own progress, which nothing here can signal: poll it.
      LockSupport.parkNanos(pollEvery.toNanos());
      now = snapshotBegunSince(pollStarts + pollEvery.toNanos());
    }
    return true;
  }

  /**
   * True once every standby copy this instance held when first asked has reached the end its changelog had then
   * (true at once with no standbys); true from then on. Cheap after that: it reads nothing.
   */
  public boolean warmedUp() {
    if (warmedUp) {
      return true;
    }
    try {
      return checkWarmedUp();
    } catch (RuntimeException positionsUnknown) {
      return false;
    }
  }

  private synchronized boolean checkWarmedUp() {
    if (warmUpTargets == null) {
      Set<Integer> standbys = positions.standbyPartitions();
      Map<String, Map<Integer, Long>> targets = new HashMap<>();
      snapshotBegunSince(nanoTime.getAsLong()).forEach((store, byPartition) -> byPartition.forEach((partition, lag) -> {
        if (standbys.contains(partition)) {
          targets.computeIfAbsent(store, s -> new HashMap<>()).put(partition, lag.end());
        }
      }));
      warmUpTargets = targets;
      warmUpBegan = nanoTime.getAsLong();
    }
    Map<String, Map<Integer, Position>> now = snapshotBegunSince(nanoTime.getAsLong());
    warmedUp = warmUpTargets.entrySet().stream().allMatch(store -> store.getValue().entrySet().stream().allMatch(target -> {
      Position lag = now.getOrDefault(store.getKey(), Map.of()).get(target.getKey());
      // A partition no longer held here (a rebalance moved it) is no longer waited for.
      return lag == null || lag.current() + markerSlack >= target.getValue();
    }));
    if (!warmedUp && nanoTime.getAsLong() - warmUpBegan > warmUpAtMost.toNanos()) {
      log.warn("the standby copies here have not caught up with their changelogs within {} ({} records behind): ready anyway;"
          + " until they do, a standby here answers only once caught up, or with 503", warmUpAtMost, lastKnownStandbyLag());
      warmedUp = true;
    }
    return warmedUp;
  }

  /** How far the standby copies here are behind their changelogs' ends, in records, as last read. */
  public synchronized long lastKnownStandbyLag() {
    if (latest == null) {
      return 0;
    }
    Set<Integer> standbys = positions.standbyPartitions();
    return latest.lags().values().stream().flatMap(byPartition -> byPartition.entrySet().stream())
        .filter(entry -> standbys.contains(entry.getKey())).mapToLong(entry -> Math.max(0, entry.getValue().end() - entry.getValue().current())).sum();
  }

  private boolean reached(Map<String, Map<Integer, Position>> now, int partition, Map<String, Long> ends) {
    for (Map.Entry<String, Long> end : ends.entrySet()) {
      Position lag = now.getOrDefault(end.getKey(), Map.of()).get(partition);
      if (lag == null || lag.current() + markerSlack < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** The latest positions, read anew unless a read begun at or after {@code notBefore} has them already. */
  private synchronized Map<String, Map<Integer, Position>> snapshotBegunSince(long notBefore) {
    if (latest == null || latest.beganNanos() - notBefore < 0) {
      long began = nanoTime.getAsLong();
      latest = new Snapshot(began, positions.lags());
    }
    return latest.lags();
  }
}
