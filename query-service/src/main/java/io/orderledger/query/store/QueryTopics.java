package io.orderledger.query.store;

import io.orderledger.events.topic.TopicNames;

/** The topics the query service materialises: the ledger's views and its wallet journal (same partition count). */
public record QueryTopics(String orderViews, String walletJournal) {

  public static QueryTopics defaults() {
    return new QueryTopics(TopicNames.ORDER_VIEWS, TopicNames.WALLET_JOURNAL);
  }
}
