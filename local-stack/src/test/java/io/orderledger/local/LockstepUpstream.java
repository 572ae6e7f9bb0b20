package io.orderledger.local;

import static io.orderledger.local.StackChecks.awaitPollerCaughtUp;
import static io.orderledger.local.StackChecks.pollerWholeScans;
import static io.orderledger.local.StackChecks.post;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Moves the simulated upstream one step at a time, and each step only once every source's poller has scanned and
 * written the one before (two more whole scans: the first may have started before the step; the cycles between read
 * only the window's young end), and no sooner than {@code atLeast} after it.
 *
 * <p>A poller records what a source shows when it asks; a state made and overwritten between two of its scans is one
 * no poller could have seen. The fault tests compare every upstream change with {@code order-events}, so an upstream
 * on its own clock made them depend on the poller's pace: on a loaded CI machine a cycle gap of 1.9 s under a 1 s tick
 * cost one tick's states of two sources (fresh-clone CI, 2026-12-04: {@code BrokerFaultsIT} and
 * {@code NetworkPartitionIT} red, every other check green). In lockstep the upstream goes as fast as the poller writes
 * and no faster: the claim tested, that everything the poller saw reaches Kafka once, no longer rests on timing.
 *
 * <p>{@link #hold()} is the old "pause, then wait for the poller to write what it saw"; {@link #release()} lets it go
 * on. A poller restarted by the supervisor counts its scans from zero again: that is seen and waited through.
 */
final class LockstepUpstream implements AutoCloseable {

  private final LocalStack stack;
  private final long atLeastNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Thread stepper;
  private boolean held;
  private boolean closed;
  private long steps;
  private Map<String, Long> scansAtStep = Map.of();
  private volatile Exception failure;

  private LockstepUpstream(LocalStack stack, Duration atLeast) {
    this.stack = stack;
    this.atLeastNanos = atLeast.toNanos();
    this.stepper = new Thread(this::stepWhileReleased, "lockstep-upstream");
    this.stepper.setDaemon(true);
  }

  /**
   * Stops the simulator's own clock as soon as it answers (before the poller's first scan: its JVM starts after the
   * simulator's, and slower) and starts stepping it in lockstep with the poller.
   */
  static LockstepUpstream start(LocalStack stack, Duration atLeast) {
    org.awaitility.Awaitility.await("the simulator answers, to be paused").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50)).ignoreExceptions()
        .until(() -> {
          post(stack.simulatorUrl() + "/control/pause");
          return StackChecks.JSON.readTree(StackChecks.get(stack.simulatorUrl() + "/control/status", null)).get("paused").asBoolean();
        });
    LockstepUpstream upstream = new LockstepUpstream(stack, atLeast);
    upstream.stepper.start();
    return upstream;
  }

  /** No step after this returns; it returns once the poller has written everything the upstream showed. */
  void hold() throws Exception {
    assertStepping();
    lock.lock();
    try {
      held = true; // the stepper steps with the lock held and only while released: none is in flight now
    } finally {
      lock.unlock();
    }
    awaitPollerCaughtUp(stack);
  }

  /**
   * One step while held: changes the poller sees and must write through whatever the test breaks next. The steps
   * after {@link #release()} wait for the poller to have written it, as they wait for their own.
   */
  void stepWhileHeld() throws Exception {
    lock.lock();
    try {
      if (!held) {
        throw new IllegalStateException("stepWhileHeld() on an upstream that is not held");
      }
      post(stack.simulatorUrl() + "/control/step?n=1");
      steps++;
      scansAtStep = scansOrEmpty();
    } finally {
      lock.unlock();
    }
  }

  void release() {
    assertStepping();
    lock.lock();
    try {
      held = false;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Waits until the upstream has made {@code more} changes beyond those made so far: see {@link #awaitChanges}. */
  void awaitMoreChanges(int more) throws Exception {
    awaitChanges(StackChecks.changes(stack) + more);
  }

  /**
   * Waits until the upstream has made this many changes in all, failing at once if the stepper stopped or the
   * supervisor gave up on a service.
   */
  void awaitChanges(int total) {
    org.awaitility.Awaitility.await(total + " upstream changes").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250))
        .failFast(() -> {
          assertStepping();
          org.assertj.core.api.Assertions.assertThat(stack.deadService()).as("a service the supervisor gave up on").isNull();
        })
        .until(() -> StackChecks.changes(stack) >= total);
  }

  /** Steps made so far. */
  long steps() {
    lock.lock();
    try {
      return steps;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() throws InterruptedException {
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    stepper.join(TimeUnit.SECONDS.toMillis(30));
  }

  /** Fails the test with the stepper's own failure, if it had one: the upstream would otherwise just stand still. */
  void assertStepping() {
    if (failure != null) {
      throw new IllegalStateException("the lockstep upstream stopped stepping the simulator", failure);
    }
  }

  private void stepWhileReleased() {
    long lastStep = System.nanoTime() - atLeastNanos;
    try {
      while (true) {
        lock.lock();
        try {
          long wait = Math.max(0, lastStep + atLeastNanos - System.nanoTime());
          while (!closed && (held || wait > 0)) {
            wait = changed.awaitNanos(held ? TimeUnit.MILLISECONDS.toNanos(100) : wait);
            wait = Math.max(0, lastStep + atLeastNanos - System.nanoTime());
          }
          if (closed) {
            return;
          }
        } finally {
          lock.unlock();
        }
        Map<String, Long> now = scansOrEmpty();
        if (steps() > 0 && baseline().isEmpty()) {
          // The read right after the last step failed (the poller's health did not answer): counting from an empty
          // baseline would let the next step go at once. Count from now instead, which is later, so no less safe.
          setBaseline(now);
          waitBriefly();
          continue;
        }
        if (!caughtUp(baseline(), now)) {
          waitBriefly();
          continue;
        }
        lock.lock();
        try {
          if (held || closed) {
            continue;
          }
          post(stack.simulatorUrl() + "/control/step?n=1");
          steps++;
          lastStep = System.nanoTime();
          // Read after the step: the cycle in progress may have scanned before it, the one after cannot have.
          scansAtStep = scansOrEmpty();
        } finally {
          lock.unlock();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      failure = e;
    }
  }

  /**
   * Every source has completed two whole scans since the step (a source whose count went down was restarted: two of
   * the new process). Before the poller answers, nothing is caught up: no step is made before it is up.
   */
  static boolean caughtUp(Map<String, Long> atStep, Map<String, Long> now) {
    if (now.isEmpty()) {
      return false;
    }
    for (Map.Entry<String, Long> source : now.entrySet()) {
      long before = atStep.getOrDefault(source.getKey(), source.getValue() - 2);
      long base = source.getValue() < before ? 0 : before;
      if (source.getValue() < base + 2) {
        return false;
      }
    }
    return atStep.keySet().stream().allMatch(now::containsKey);
  }

  private Map<String, Long> baseline() {
    lock.lock();
    try {
      return scansAtStep;
    } finally {
      lock.unlock();
    }
  }

  private void setBaseline(Map<String, Long> scans) {
    lock.lock();
    try {
      scansAtStep = scans;
    } finally {
      lock.unlock();
    }
  }

  private Map<String, Long> scansOrEmpty() {
    try {
      return pollerWholeScans(stack);
    } catch (Exception unreachable) {
      return new HashMap<>(); // the poller restarting, or its health not answering yet: not caught up
    }
  }

  private void waitBriefly() throws InterruptedException {
    lock.lock();
    try {
      if (!closed) {
        changed.await(100, TimeUnit.MILLISECONDS);
      }
    } finally {
      lock.unlock();
    }
  }
}
