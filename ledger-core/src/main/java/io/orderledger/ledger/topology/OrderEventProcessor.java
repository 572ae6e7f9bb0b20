package io.orderledger.ledger.topology;

import io.orderledger.events.LedgerCheckpoint;
import io.orderledger.events.LedgerDecisionRecord;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.RejectReason;
import io.orderledger.events.WalletDiscrepancy;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.codec.EventDecodingException;
import io.orderledger.events.codec.SingleObjectCodec;
import io.orderledger.events.reject.Rejections;
import io.orderledger.events.state.CurrencyBalance;
import io.orderledger.events.state.LedgerOrderState;
import io.orderledger.events.state.WalletState;
import io.orderledger.events.topic.OrderKey;
import io.orderledger.ledger.rules.DecisionRecords;
import io.orderledger.events.wallet.CurrencyBalances;
import io.orderledger.ledger.rules.LedgerStep;
import io.orderledger.ledger.seal.LedgerSeal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.state.KeyValueIterator;
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
 *
 * <p>Outputs carry none of the input's headers (the sinks seal each with the ledger's MAC). Each wallet that moved is
 * checkpointed ({@link CheckpointSigner}): at once after every {@code everyEntries} of its entries, and by a wall-clock
 * punctuation for any that moved since its last checkpoint; at start every wallet of the task is due once, since a
 * crash may have come between an entry and its checkpoint.
 */
final class OrderEventProcessor implements Processor<byte[], byte[], Object, Object> {

  private static final Logger log = LoggerFactory.getLogger(OrderEventProcessor.class);
  private static final String REJECTED_BY = "ledger-service";

  private final SingleObjectCodec<OrderEvent> codec;
  private final String inputTopic;
  private final LedgerMetrics metrics;
  private final long inputUntil;
  private final LedgerSeal seal;
  /** "partner|currency" → entries since the wallet's last checkpoint (only wallets that moved since then). */
  private final Map<String, Integer> sinceCheckpoint = new HashMap<>();
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

  OrderEventProcessor(SingleObjectCodec<OrderEvent> codec, String inputTopic, LedgerMetrics metrics, long inputUntil, LedgerSeal seal) {
    this.codec = codec;
    this.inputTopic = inputTopic;
    this.metrics = metrics;
    this.inputUntil = inputUntil;
    this.seal = seal;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
    this.orders = context.getStateStore(LedgerStores.ORDERS);
    this.wallets = context.getStateStore(LedgerStores.WALLETS);
    this.owners = context.getStateStore(LedgerStores.ORDER_OWNERS);
    try (KeyValueIterator<String, WalletState> all = wallets.all()) {
      all.forEachRemaining(wallet -> wallet.value.getBalances().keySet()
          .forEach(currency -> sinceCheckpoint.put(wallet.key + "|" + currency, 0)));
    }
    context.schedule(seal.every(), PunctuationType.WALL_CLOCK_TIME, this::checkpointWalletsThatMoved);
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
    Record<Object, Object> output = record.withHeaders(new RecordHeaders()).withKey(null).withValue(null);
    if (outcome.order() != null) {
      orders.put(event.getOrderId(), outcome.order());
    }
    if (outcome.view() != null) {
      context.forward(fresh(output).withKey(new OrderKey(partnerId, event.getOrderId())).withValue(outcome.view()), LedgerTopology.VIEWS_SINK);
    }
    for (WalletEntry entry : outcome.entries()) {
      context.forward(fresh(output).withKey(partnerId).withValue(entry), LedgerTopology.JOURNAL_SINK);
      metrics.moved(entry.getKind());
    }
    for (WalletDiscrepancy discrepancy : outcome.discrepancies()) {
      context.forward(fresh(output).withKey(partnerId).withValue(discrepancy), LedgerTopology.DISCREPANCIES_SINK);
      metrics.discrepancyFound(discrepancy.getKind());
    }
    if (outcome.claim()) {
      context.forward(fresh(output).withKey(event.getOrderId()).withValue(partnerId), LedgerTopology.OWNERS_SINK);
    }
    if (outcome.rejectReason() != null) {
      reject(record, event, outcome.rejectReason(), outcome.rejectDetail());
    }
    decided(output, outcome.decision());
    checkpointAfter(outcome, record.timestamp());
  }

  /** A record with its own headers: the producer freezes a record's headers once it is sent, and each output gets a MAC. */
  private static Record<Object, Object> fresh(Record<Object, Object> output) {
    return output.withHeaders(new RecordHeaders());
  }

  private void decided(Record<Object, Object> output, LedgerDecisionRecord decision) {
    context.forward(fresh(output).withKey(decision.getPartnerId()).withValue(decision), LedgerTopology.DECISIONS_SINK);
    metrics.decided(decision.getDecision());
  }

  /** Counts the input's entries per wallet; a wallet at {@code everyEntries} since its last checkpoint gets one now. */
  private void checkpointAfter(LedgerStep.Outcome outcome, long timestamp) {
    if (outcome.entries().isEmpty()) {
      return;
    }
    WalletEntry last = outcome.entries().get(outcome.entries().size() - 1);
    String wallet = last.getPartnerId() + "|" + last.getCurrency();
    int since = sinceCheckpoint.merge(wallet, outcome.entries().size(), Integer::sum);
    if (since >= seal.everyEntries()) {
      checkpoint(last.getPartnerId(), last.getCurrency(), last.getBookedAt());
    }
  }

  /** The punctuation: every wallet that moved since its last checkpoint gets one, signed at the wall clock's time. */
  private void checkpointWalletsThatMoved(long now) {
    for (String wallet : List.copyOf(sinceCheckpoint.keySet())) {
      int bar = wallet.indexOf('|');
      checkpoint(wallet.substring(0, bar), wallet.substring(bar + 1), now);
    }
  }

  private void checkpoint(String partnerId, String currency, long signedAt) {
    sinceCheckpoint.remove(partnerId + "|" + currency);
    WalletState wallet = wallets.get(partnerId);
    CurrencyBalance head = wallet == null ? null : wallet.getBalances().get(currency);
    if (head == null || head.getLastHash() == null) {
      return;
    }
    LedgerCheckpoint checkpoint = seal.signer().checkpoint(partnerId, currency, head.getSequence(), head.getLastHash(),
        CurrencyBalances.balance(head), head.getLastBookedAt(), signedAt);
    context.forward(new Record<Object, Object>(partnerId + "/" + currency, checkpoint, signedAt, new RecordHeaders()),
        LedgerTopology.CHECKPOINTS_SINK);
    metrics.checkpointed();
  }

  private void reject(Record<byte[], byte[]> record, OrderEvent event, RejectReason reason, String detail) {
    RecordMetadata metadata = context.recordMetadata().orElse(null);
    context.forward(record.withHeaders(new RecordHeaders()).withKey((Object) record.key()).withValue(Rejections.ofInput(reason, detail, REJECTED_BY, record.timestamp(),
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
