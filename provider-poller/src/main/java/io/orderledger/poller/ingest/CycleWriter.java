package io.orderledger.poller.ingest;

import io.orderledger.poller.checkpoint.Checkpoint;
import io.orderledger.poller.detect.ChangeDetector;

/**
 * Where a poll cycle's outcome goes: its events, its rejects and the next checkpoint, all or nothing. The Kafka
 * implementation is one transaction per cycle; the run loop's unit tests replace it.
 */
public interface CycleWriter extends AutoCloseable {

  /**
   * Takes over the source: fences any other writer of it and returns the last committed checkpoint. Called once,
   * before the first {@link #write}.
   */
  Checkpoint open(String sourceId);

  /**
   * Writes the outcome atomically.
   *
   * @throws Fenced when another writer has taken over the source: this poller must stop
   * @throws RuntimeException when the outcome may or may not have been written: the caller opens a new writer, whose
   *     checkpoint says which
   */
  void write(ChangeDetector.Outcome outcome, long polledAt);

  @Override
  void close();

  /** Another instance took over this source's writes. */
  final class Fenced extends RuntimeException {
    public Fenced(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
