package io.orderledger.ledger.topology;

import io.orderledger.events.topic.TopicNames;

/** The names of the topics the ledger reads and writes; DESIGN.md's names by default, each configurable. */
public record LedgerTopicNames(String orderEvents, String orderViews, String walletJournal, String rejected,
                               String walletDiscrepancies, String orderOwners, String decisions) {

  public static LedgerTopicNames defaults() {
    return new LedgerTopicNames(TopicNames.ORDER_EVENTS, TopicNames.ORDER_VIEWS, TopicNames.WALLET_JOURNAL,
        TopicNames.ORDER_EVENTS_REJECTED, TopicNames.WALLET_DISCREPANCIES, TopicNames.ORDER_OWNERS, TopicNames.LEDGER_DECISIONS);
  }

  /** The same names with a prefix, so that tests sharing one broker (or a blue/green rebuild) do not meet. */
  public LedgerTopicNames prefixed(String prefix) {
    return new LedgerTopicNames(prefix + orderEvents, prefix + orderViews, prefix + walletJournal, prefix + rejected,
        prefix + walletDiscrepancies, prefix + orderOwners, prefix + decisions);
  }
}
