package io.orderledger.query.store;

import io.orderledger.events.topic.TopicNames;

/**
 * The topics the query service materialises: the ledger's views, its wallet journal, its decisions, its discrepancies
 * and its signed checkpoints, and the events themselves for the source's own records. All are partitioned by partner with the same partition count, so
 * one task holds everything of a partner.
 */
public record QueryTopics(String orderViews, String walletJournal, String decisions, String orderEvents, String discrepancies,
                          String checkpoints) {

  public static QueryTopics defaults() {
    return new QueryTopics(TopicNames.ORDER_VIEWS, TopicNames.WALLET_JOURNAL, TopicNames.LEDGER_DECISIONS, TopicNames.ORDER_EVENTS,
        TopicNames.WALLET_DISCREPANCIES, TopicNames.LEDGER_CHECKPOINTS);
  }

  /** Every topic, each read by the one processor. */
  public java.util.List<String> all() {
    return java.util.List.of(orderViews, walletJournal, decisions, orderEvents, discrepancies, checkpoints);
  }
}
