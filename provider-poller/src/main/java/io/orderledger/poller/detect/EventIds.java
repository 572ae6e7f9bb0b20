package io.orderledger.poller.detect;

/**
 * Event ids are made of what the change is, never of when it was seen: {@code <source>/<order id>/<fingerprint>}.
 * The same change observed twice (after a restart, by a zombie) has the same id, and the ledger drops the repeat.
 * A state machine that never returns to a state makes the fingerprint unique per change.
 */
public final class EventIds {

  private EventIds() {
  }

  public static String of(String sourceId, String orderId, String fingerprint) {
    return sourceId + "/" + orderId + "/" + fingerprint;
  }
}
