package io.orderledger.ledger.topology;

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
import io.orderledger.ledger.rules.LedgerStep;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thin adapter between Kafka Streams and the ledger rules: decode, run {@link LedgerStep} on the state stores,
 * store, forward.
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
  private final long inputUntil;
  private ProcessorContext<Object, Object> context;
  private KeyValueStore<String, LedgerOrderState> orders;
  private KeyValueStore<String, WalletState> wallets;
  private KeyValueStore<String, String> owners;
  private final LedgerStep.State state = new LedgerStep.State() {
    @Override
    public LedgerOrderState order(String orderId) {
      return orders.get(orderId);
    }

    @Override
    public String owner(String orderId) {
      return owners.get(orderId);
    }

    @Override
    public WalletState wallet(String partnerId) {
      return wallets.get(partnerId);
    }
  };

  OrderEventProcessor(SingleObjectCodec<OrderEvent> codec, String inputTopic, LedgerMetrics metrics, long inputUntil) {
    this.codec = codec;
    this.inputTopic = inputTopic;
    this.metrics = metrics;
    this.inputUntil = inputUntil;
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
    if (record.timestamp() > inputUntil) {
      return; // after the time a rebuild stops at
    }
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
    LedgerStep.Outcome outcome = LedgerStep.fold(state, event, key, input(record));
    if (outcome.failure() != null) {
      log.error("ledger rules failed on event {}; rejecting it", event.getEventId(), outcome.failure());
    }
    // Stores and forwards are not guarded: their failures (fencing, task migration) must reach Kafka Streams.
    String partnerId = event.getPartnerId();
    if (outcome.wallet() != null) {
      wallets.put(partnerId, outcome.wallet());
    }
    if (outcome.order() != null) {
      orders.put(event.getOrderId(), outcome.order());
    }
    if (outcome.view() != null) {
      context.forward(record.withKey((Object) new OrderKey(partnerId, event.getOrderId())).withValue(outcome.view()), LedgerTopology.VIEWS_SINK);
    }
    for (WalletEntry entry : outcome.entries()) {
      context.forward(record.withKey((Object) partnerId).withValue(entry), LedgerTopology.JOURNAL_SINK);
      metrics.moved(entry.getKind());
    }
    for (WalletDiscrepancy discrepancy : outcome.discrepancies()) {
      context.forward(record.withKey((Object) partnerId).withValue(discrepancy), LedgerTopology.DISCREPANCIES_SINK);
      metrics.discrepancyFound(discrepancy.getKind());
    }
    if (outcome.claim()) {
      context.forward(record.withKey((Object) event.getOrderId()).withValue(partnerId), LedgerTopology.OWNERS_SINK);
    }
    if (outcome.rejectReason() != null) {
      reject(record, event, outcome.rejectReason(), outcome.rejectDetail());
    }
    decided(record, outcome.decision());
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
