package io.orderledger.ledger.topology;

import io.orderledger.events.OrderEvent;
import io.orderledger.events.RejectReason;
import io.orderledger.events.RejectedEvent;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.codec.EventDecodingException;
import io.orderledger.events.codec.SingleObjectCodec;
import io.orderledger.events.state.LedgerOrderState;
import io.orderledger.events.state.WalletState;
import io.orderledger.events.topic.OrderKey;
import io.orderledger.ledger.rules.LedgerDecision;
import io.orderledger.ledger.rules.OrderDecider;
import io.orderledger.ledger.rules.OrderLedger;
import io.orderledger.ledger.rules.PayloadHash;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thin adapter between Kafka Streams and the ledger rules: decode, load, decide, apply, store, forward.
 * Every input leaves a trace: applied (a view, maybe journal entries), ignored as a re-delivery (counted), or
 * rejected with its reason and raw bytes. Bad input never throws out of here and never stops the stream.
 */
final class OrderEventProcessor implements Processor<byte[], byte[], Object, Object> {

  private static final Logger log = LoggerFactory.getLogger(OrderEventProcessor.class);

  private final SingleObjectCodec<OrderEvent> codec;
  private final String inputTopic;
  private final LedgerMetrics metrics;
  private ProcessorContext<Object, Object> context;
  private KeyValueStore<String, LedgerOrderState> orders;
  private KeyValueStore<String, WalletState> wallets;
  private KeyValueStore<String, String> owners;

  OrderEventProcessor(SingleObjectCodec<OrderEvent> codec, String inputTopic, LedgerMetrics metrics) {
    this.codec = codec;
    this.inputTopic = inputTopic;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
    this.orders = context.getStateStore(LedgerStores.ORDERS);
    this.wallets = context.getStateStore(LedgerStores.WALLETS);
    this.owners = context.getStateStore(LedgerStores.ORDER_OWNERS);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    if (record.value() == null) {
      reject(record, null, RejectReason.UNDECODABLE, "record has no value");
      return;
    }
    OrderEvent event;
    try {
      event = codec.decode(inputTopic, record.value());
    } catch (EventDecodingException e) {
      reject(record, null, RejectReason.UNDECODABLE, e.failure() + ": " + e.getMessage());
      return;
    }
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    LedgerOrderState current = orders.get(event.getOrderId());
    String knownOwner = current == null ? owners.get(event.getOrderId()) : null;

    // Only the pure rules are guarded: store and forward failures (fencing, task migration) must reach Kafka Streams.
    LedgerDecision decision;
    long payloadHash;
    try {
      payloadHash = PayloadHash.of(event);
      decision = OrderDecider.decide(event, key, current, knownOwner, payloadHash);
    } catch (RuntimeException e) {
      log.error("ledger rules failed on event {}; rejecting it", event.getEventId(), e);
      reject(record, event, RejectReason.PROCESSING_ERROR, e.toString());
      return;
    }

    if (decision instanceof LedgerDecision.Apply apply) {
      apply(record, event, current, knownOwner, payloadHash, apply);
    } else if (decision instanceof LedgerDecision.Reject rejection) {
      reject(record, event, rejection.reason(), rejection.detail());
    } else {
      metrics.duplicateIgnored();
    }
  }

  private void apply(Record<byte[], byte[]> record, OrderEvent event, LedgerOrderState current, String knownOwner,
                     long payloadHash, LedgerDecision.Apply decision) {
    String partnerId = event.getPartnerId();
    WalletState wallet = decision.movements().isEmpty() ? null : wallets.get(partnerId);
    OrderLedger.Applied applied;
    try {
      applied = OrderLedger.apply(current, event, payloadHash, decision, wallet);
    } catch (RuntimeException e) {
      log.error("ledger rules failed applying event {}; rejecting it", event.getEventId(), e);
      reject(record, event, RejectReason.PROCESSING_ERROR, e.toString());
      return;
    }
    if (!applied.entries().isEmpty()) {
      wallets.put(partnerId, applied.wallet());
    }
    orders.put(event.getOrderId(), applied.order());

    context.forward(record.withKey((Object) new OrderKey(partnerId, event.getOrderId())).withValue(applied.view()), LedgerTopology.VIEWS_SINK);
    for (WalletEntry entry : applied.entries()) {
      context.forward(record.withKey((Object) partnerId).withValue(entry), LedgerTopology.JOURNAL_SINK);
      metrics.moved(entry.getKind());
    }
    applied.discrepancy().ifPresent(discrepancy -> {
      context.forward(record.withKey((Object) partnerId).withValue(discrepancy), LedgerTopology.DISCREPANCIES_SINK);
      metrics.discrepancyFound();
    });
    if (current == null && knownOwner == null) {
      context.forward(record.withKey((Object) event.getOrderId()).withValue(partnerId), LedgerTopology.OWNERS_SINK);
    }
    metrics.applied();
  }

  private void reject(Record<byte[], byte[]> record, OrderEvent event, RejectReason reason, String detail) {
    RejectedEvent.Builder rejected = RejectedEvent.newBuilder()
        .setReason(reason)
        .setDetail(detail)
        .setRejectedBy("ledger-service")
        .setInputTimestamp(record.timestamp())
        .setPayload(record.value() == null ? null : java.nio.ByteBuffer.wrap(record.value()))
        .setEvent(event);
    context.recordMetadata().ifPresent((RecordMetadata metadata) -> rejected
        .setSourceTopic(metadata.topic())
        .setSourcePartition(metadata.partition())
        .setSourceOffset(metadata.offset()));
    context.forward(record.withKey((Object) record.key()).withValue(rejected.build()), LedgerTopology.REJECTS_SINK);
    metrics.rejected(reason);
  }
}
