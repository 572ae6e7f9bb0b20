package io.orderledger.events.progress;

import io.orderledger.events.progress.ProgressTracker.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at an application's standing every {@code every} on a thread of its own ({@link ProgressProbe}, then
 * {@link ProgressTracker}), so that a health check answers at once from the last verdict and never waits on Kafka.
 * Logs each change between progressing and not, with the reason.
 */
public final class ProgressWatch implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ProgressWatch.class);

  private final ScheduledExecutorService thread;
  private final ProgressProbe probe;
  private volatile Verdict current = new Verdict(true, "not looked yet", -1, Duration.ZERO);

  /** Starts looking at once; {@link #close} stops and closes the probe. */
  public ProgressWatch(String name, ProgressProbe probe, ProgressTracker tracker, Duration every, Clock clock) {
    this.probe = probe;
    this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread t = new Thread(runnable, name + "-progress-watch");
      t.setDaemon(true);
      return t;
    });
    thread.scheduleWithFixedDelay(() -> {
      try {
        Verdict next = tracker.observe(clock.instant(), probe.sample());
        if (next.progressing() != current.progressing()) {
          if (next.progressing()) {
            log.info("{} is making progress again", name);
          } else {
            log.warn("{} cannot make progress: {}", name, next.reason());
          }
        }
        current = next;
      } catch (RuntimeException e) {
        log.warn("{}: looking at its progress failed", name, e);
      }
    }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The last verdict. */
  public Verdict current() {
    return current;
  }

  @Override
  public void close() {
    thread.shutdownNow();
    probe.close();
  }
}
