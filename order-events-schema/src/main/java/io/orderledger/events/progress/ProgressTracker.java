package io.orderledger.events.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Whether a Kafka application is making progress, from periodic {@link Sample}s: it is not when, for longer than the
 * bound, either something blocks it (an output partition without enough in-sync replicas to accept a transactional
 * write, a partition without a leader, the cluster unreachable), or records wait on its inputs while its committed
 * position does not move. A service's readiness follows the verdict, so that it says DOWN, with the reason, while it
 * cannot do its job, and UP again as soon as it does. Pure: the caller supplies the clock.
 */
public final class ProgressTracker {

  /**
   * What one look at the cluster saw: what blocks the application (empty when nothing), its input lag and committed
   * position, and whether it has committed past every input partition's end at the look before (then everything
   * committed to its inputs a look ago has been read, though new records keep the lag above zero).
   */
  public record Sample(List<String> blockers, long lag, long committed, boolean readLastLooksEnds) {

    public Sample(List<String> blockers, long lag, long committed) {
      this(blockers, lag, committed, false);
    }

    public static Sample unreachable(String why) {
      return new Sample(List.of("cannot reach Kafka: " + why), -1, -1);
    }
  }

  /**
   * @param progressing false once blocked or stalled for longer than the bound
   * @param reason why not (or, while progressing, what is being waited out), null when all is well
   * @param dataAge how long since the application had read everything committed to its inputs (zero when it has)
   */
  public record Verdict(boolean progressing, String reason, long lag, Duration dataAge) {
  }

  private final Duration bound;
  private Instant blockedSince;
  private Instant lastAdvance;
  private Instant caughtUpAt;
  private Instant lastLook;
  private long lastCommitted = -1;
  private long lastLag = -1;

  public ProgressTracker(Duration bound) {
    this.bound = bound;
  }

  public synchronized Verdict observe(Instant now, Sample sample) {
    if (caughtUpAt == null) {
      caughtUpAt = now; // nothing is known to be stale before the first look
      lastAdvance = now;
    }
    if (!sample.blockers().isEmpty()) {
      blockedSince = blockedSince == null ? now : blockedSince;
    } else {
      blockedSince = null;
      if (sample.lag() == 0) {
        caughtUpAt = now;
      } else if (sample.readLastLooksEnds() && lastLook != null && lastLook.isAfter(caughtUpAt)) {
        // Busy, not behind: what was committed at the last look has all been read since. Under a steady load the lag
        // is rarely zero at a look (a commit leaves the newest records for the next one), which alone would make the
        // data look older and older.
        caughtUpAt = lastLook;
      }
      if (sample.lag() == 0 || sample.committed() > lastCommitted) {
        lastAdvance = now;
      }
      lastCommitted = sample.committed();
      lastLag = sample.lag();
      lastLook = now; // a blocked look saw no ends: the probe compares with the last look that did
    }
    Duration dataAge = Duration.between(caughtUpAt, now);
    if (blockedSince != null) {
      Duration blocked = Duration.between(blockedSince, now);
      String reason = String.join("; ", sample.blockers()) + " (for " + blocked.toSeconds() + " s)";
      return new Verdict(blocked.compareTo(bound) <= 0, reason, lastLag, dataAge);
    }
    Duration still = Duration.between(lastAdvance, now);
    if (sample.lag() > 0 && still.compareTo(bound) > 0) {
      return new Verdict(false, sample.lag() + " records wait on the inputs and nothing was committed for " + still.toSeconds() + " s",
          sample.lag(), dataAge);
    }
    return new Verdict(true, null, sample.lag(), dataAge);
  }
}
