package io.orderledger.ledger.topology;

import io.orderledger.events.topic.TopicNames;

/** The names of the topics the ledger reads and writes; DESIGN.md's names by default, each configurable. */
public record LedgerTopicNames(String orderEvents, String orderViews, String walletJournal, String rejected,
                               String walletDiscrepancies, String orderOwners, String decisions, String checkpoints) {

  public static LedgerTopicNames defaults() {
    return new LedgerTopicNames(TopicNames.ORDER_EVENTS, TopicNames.ORDER_VIEWS, TopicNames.WALLET_JOURNAL,
        TopicNames.ORDER_EVENTS_REJECTED, TopicNames.WALLET_DISCREPANCIES, TopicNames.ORDER_OWNERS, TopicNames.LEDGER_DECISIONS,
        TopicNames.LEDGER_CHECKPOINTS);
  }

  /** The same names with a prefix, so that tests sharing one broker (or a blue/green rebuild) do not meet. */
  public LedgerTopicNames prefixed(String prefix) {
    return new LedgerTopicNames(prefix + orderEvents, prefix + orderViews, prefix + walletJournal, prefix + rejected,
        prefix + walletDiscrepancies, prefix + orderOwners, prefix + decisions, prefix + checkpoints);
  }

  /** The same input, every output with a prefix: a blue/green rebuild's, or a benchmark round's. */
  public LedgerTopicNames outputsPrefixed(String prefix) {
    return new LedgerTopicNames(orderEvents, prefix + orderViews, prefix + walletJournal, prefix + rejected,
        prefix + walletDiscrepancies, prefix + orderOwners, prefix + decisions, prefix + checkpoints);
  }

  /** The same outputs reading another input. */
  public LedgerTopicNames withInput(String input) {
    return new LedgerTopicNames(input, orderViews, walletJournal, rejected, walletDiscrepancies, orderOwners, decisions, checkpoints);
  }

  /** Every name, the input first. */
  public java.util.List<String> all() {
    return java.util.List.of(orderEvents, orderViews, walletJournal, rejected, walletDiscrepancies, orderOwners, decisions, checkpoints);
  }
}
