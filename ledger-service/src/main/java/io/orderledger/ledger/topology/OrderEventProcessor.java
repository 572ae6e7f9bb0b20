package io.orderledger.ledger.topology;

import io.orderledger.events.DecisionKind;
import io.orderledger.events.LedgerDecisionRecord;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.RejectReason;
import io.orderledger.events.WalletDiscrepancy;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.codec.EventDecodingException;
import io.orderledger.events.codec.SingleObjectCodec;
import io.orderledger.events.reject.Rejections;
import io.orderledger.events.state.LedgerOrderState;
import io.orderledger.events.state.WalletState;
import io.orderledger.events.topic.OrderKey;
import io.orderledger.ledger.rules.DecisionRecords;
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
 * Every input leaves a trace: a decision record (applied, duplicate, stale or rejected) and, when it is not applied,
 * a rejection with its reason and raw bytes; bytes that are not an event at all leave only the rejection. Bad input
 * never throws out of here and never stops the stream.
 */
final class OrderEventProcessor implements Processor<byte[], byte[], Object, Object> {

  private static final Logger log = LoggerFactory.getLogger(OrderEventProcessor.class);
  private static final String REJECTED_BY = "ledger-service";

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
    DecisionRecords.Input input = input(record);

    // Only the pure rules are guarded: store and forward failures (fencing, task migration) must reach Kafka Streams.
    LedgerDecision decision;
    long payloadHash;
    try {
      payloadHash = PayloadHash.of(event);
      decision = OrderDecider.decide(event, key, current, knownOwner, payloadHash);
    } catch (RuntimeException e) {
      log.error("ledger rules failed on event {}; rejecting it", event.getEventId(), e);
      notApplied(record, event, current, input, RejectReason.PROCESSING_ERROR, e.toString());
      return;
    }

    if (decision instanceof LedgerDecision.Apply apply) {
      apply(record, event, current, knownOwner, payloadHash, apply, input);
    } else if (decision instanceof LedgerDecision.Reject rejection) {
      notApplied(record, event, current, input, rejection.reason(), rejection.detail());
    } else {
      decided(record, DecisionRecords.notApplied(event, current, DecisionKind.DUPLICATE, null, null, input));
    }
  }

  private void apply(Record<byte[], byte[]> record, OrderEvent event, LedgerOrderState current, String knownOwner,
                     long payloadHash, LedgerDecision.Apply decision, DecisionRecords.Input input) {
    String partnerId = event.getPartnerId();
    // The wallet is read only when the event moves money or records a discrepancy (which quotes the balance).
    boolean needsWallet = !decision.movements().isEmpty() || !decision.discrepancies().isEmpty();
    WalletState wallet = needsWallet ? wallets.get(partnerId) : null;
    OrderLedger.Applied applied;
    try {
      applied = OrderLedger.apply(current, event, payloadHash, decision, wallet, input.timestamp());
    } catch (RuntimeException e) {
      log.error("ledger rules failed applying event {}; rejecting it", event.getEventId(), e);
      notApplied(record, event, current, input, RejectReason.PROCESSING_ERROR, e.toString());
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
    for (WalletDiscrepancy discrepancy : applied.discrepancies()) {
      context.forward(record.withKey((Object) partnerId).withValue(discrepancy), LedgerTopology.DISCREPANCIES_SINK);
      metrics.discrepancyFound(discrepancy.getKind());
    }
    if (current == null && knownOwner == null) {
      context.forward(record.withKey((Object) event.getOrderId()).withValue(partnerId), LedgerTopology.OWNERS_SINK);
    }
    decided(record, DecisionRecords.applied(event, current, applied, input));
  }

  /** A decoded event that is not applied: a rejection with its bytes, and a decision (STALE or REJECTED). */
  private void notApplied(Record<byte[], byte[]> record, OrderEvent event, LedgerOrderState current, DecisionRecords.Input input,
                          RejectReason reason, String detail) {
    reject(record, event, reason, detail);
    DecisionKind kind = reason == RejectReason.STALE_EVENT ? DecisionKind.STALE : DecisionKind.REJECTED;
    decided(record, DecisionRecords.notApplied(event, current, kind, reason, detail, input));
  }

  private void decided(Record<byte[], byte[]> record, LedgerDecisionRecord decision) {
    context.forward(record.withKey((Object) decision.getPartnerId()).withValue(decision), LedgerTopology.DECISIONS_SINK);
    metrics.decided(decision.getDecision());
  }

  private void reject(Record<byte[], byte[]> record, OrderEvent event, RejectReason reason, String detail) {
    RecordMetadata metadata = context.recordMetadata().orElse(null);
    context.forward(record.withKey((Object) record.key()).withValue(Rejections.ofInput(reason, detail, REJECTED_BY, record.timestamp(),
        record.value(), event, metadata == null ? null : metadata.topic(), metadata == null ? null : metadata.partition(),
        metadata == null ? null : metadata.offset())), LedgerTopology.REJECTS_SINK);
    metrics.rejected(reason);
  }

  private DecisionRecords.Input input(Record<byte[], byte[]> record) {
    RecordMetadata metadata = context.recordMetadata().orElse(null);
    return metadata == null ? new DecisionRecords.Input(inputTopic, -1, -1, record.timestamp())
        : new DecisionRecords.Input(metadata.topic(), metadata.partition(), metadata.offset(), record.timestamp());
  }
}
