package io.orderledger.events.topic;

/** Default topic names from DESIGN.md. Every service lets each of them be overridden in its configuration. */
public final class TopicNames {

  public static final String ORDER_EVENTS = "order-events";
  public static final String ORDER_VIEWS = "order-views";
  public static final String WALLET_JOURNAL = "wallet-journal";
  public static final String ORDER_EVENTS_REJECTED = "order-events-rejected";
  public static final String WALLET_DISCREPANCIES = "wallet-discrepancies";
  public static final String ORDER_OWNERS = "order-owners";
  public static final String POLLER_CHECKPOINTS = "poller-checkpoints";
  public static final String LEDGER_DECISIONS = "ledger-decisions";
  public static final String LEDGER_CHECKPOINTS = "ledger-checkpoints";

  private TopicNames() {
  }
}
