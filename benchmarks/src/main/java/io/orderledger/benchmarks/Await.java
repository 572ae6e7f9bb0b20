package io.orderledger.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;

/** Waiting in a benchmark for a condition that something else brings about, with a deadline. */
final class Await {

  /** A condition polled until it holds; a failure to ask (a service starting, a topic not created yet) counts as false. */
  interface Condition {
    boolean holds() throws Exception;
  }

  private Await() {
  }

  /** Polls the condition every {@code every} until it holds; fails with what was awaited after {@code atMost}. */
  static void until(String what, Duration atMost, Duration every, Condition condition) throws InterruptedException {
    if (!atMost(what, atMost, every, condition)) {
      throw new IllegalStateException("not within " + atMost + ": " + what);
    }
  }

  /**
   * Polls the condition every {@code every} until it holds or {@code atMost} has passed, whichever is first: for a wait
   * whose end is a result, not a failure (a drain that counts what is still missing afterwards).
   *
   * @return whether the condition held
   */
  static boolean atMost(String what, Duration atMost, Duration every, Condition condition) throws InterruptedException {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (true) {
      try {
        if (condition.holds()) {
          return true;
        }
      } catch (IOException | ExecutionException notYet) {
        // asked too early: the service or its topics are not there yet
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("while waiting until " + what, e);
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(every.toMillis());
    }
  }
}
