package io.orderledger.ledger.topology;

import io.orderledger.events.LedgerCheckpoint;
import io.orderledger.events.LedgerDecisionRecord;
import io.orderledger.events.OrderView;
import io.orderledger.events.RejectedEvent;
import io.orderledger.events.WalletDiscrepancy;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.codec.AvroSerde;
import io.orderledger.events.codec.EventSerdes;
import io.orderledger.events.topic.OrderKey;
import io.orderledger.events.topic.Topic;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The ledger's topics, typed. The input is read as raw bytes on purpose: the processor decodes it itself so that
 * an undecodable record becomes a rejection with its bytes kept, instead of a deserialization failure.
 */
public record LedgerTopics(
    Topic<byte[], byte[]> orderEvents,
    Topic<OrderKey, OrderView> orderViews,
    Topic<String, WalletEntry> walletJournal,
    Topic<byte[], RejectedEvent> rejected,
    Topic<String, WalletDiscrepancy> walletDiscrepancies,
    Topic<String, String> orderOwners,
    Topic<String, LedgerDecisionRecord> decisions,
    Topic<String, LedgerCheckpoint> checkpoints) {

  public static LedgerTopics of(LedgerTopicNames names, EventSerdes serdes) {
    return new LedgerTopics(
        new Topic<>(names.orderEvents(), Serdes.ByteArray(), Serdes.ByteArray()),
        new Topic<>(names.orderViews(), OrderKey.serde(), serdes.orderView()),
        new Topic<>(names.walletJournal(), Serdes.String(), serdes.walletEntry()),
        new Topic<>(names.rejected(), Serdes.ByteArray(), serdes.rejectedEvent()),
        new Topic<>(names.walletDiscrepancies(), Serdes.String(), serdes.walletDiscrepancy()),
        new Topic<>(names.orderOwners(), Serdes.String(), Serdes.String()),
        new Topic<>(names.decisions(), Serdes.String(), serdes.ledgerDecision()),
        new Topic<>(names.checkpoints(), Serdes.String(), AvroSerde.of(LedgerCheckpoint.class)));
  }
}
