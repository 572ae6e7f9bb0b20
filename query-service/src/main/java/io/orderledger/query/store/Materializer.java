package io.orderledger.query.store;

import io.orderledger.events.OrderSnapshot;
import io.orderledger.events.OrderView;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.codec.EventDecodingException;
import io.orderledger.events.codec.SingleObjectCodec;
import io.orderledger.events.state.CurrencyBalance;
import io.orderledger.events.state.WalletState;
import io.orderledger.query.model.JsonRenderer;
import io.orderledger.query.model.OrderDtoMapper;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the query stores in step with the ledger's outputs. One processor for both topics, so that a partner's
 * orders and wallet live in the same task (and the same instance). Idempotent: views carry a version and journal
 * entries a sequence, so replays after a restart (at-least-once) change nothing.
 */
final class Materializer implements Processor<byte[], byte[], Void, Void> {

  private static final Logger log = LoggerFactory.getLogger(Materializer.class);

  private final QueryTopics topics;
  private final SingleObjectCodec<OrderView> views;
  private final SingleObjectCodec<WalletEntry> entries;
  private final SingleObjectCodec<WalletState> walletCodec;
  private final Clock clock;
  private final MaterializerMetrics metrics;
  private final LocalStores localStores;
  private ProcessorContext<Void, Void> context;
  private KeyValueStore<Bytes, byte[]> orders;
  private KeyValueStore<Bytes, byte[]> index;
  private KeyValueStore<String, byte[]> wallets;

  Materializer(QueryTopics topics, Clock clock, MaterializerMetrics metrics, LocalStores localStores) {
    this.localStores = localStores;
    this.topics = topics;
    this.views = SingleObjectCodec.of(OrderView.class);
    this.entries = SingleObjectCodec.of(WalletEntry.class);
    this.walletCodec = SingleObjectCodec.of(WalletState.class);
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    this.orders = context.getStateStore(QueryStores.ORDERS);
    this.index = context.getStateStore(QueryStores.ORDER_INDEX);
    this.wallets = context.getStateStore(QueryStores.WALLETS);
    localStores.register(context.taskId().partition(), orders, index, wallets);
  }

  @Override
  public void close() {
    localStores.deregister(context.taskId().partition(), orders);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    if (record.value() == null) {
      return;
    }
    String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
    try {
      if (topic.equals(topics.orderViews())) {
        apply(views.decode(topic, record.value()));
      } else if (topic.equals(topics.walletJournal())) {
        apply(entries.decode(topic, record.value()));
      }
    } catch (EventDecodingException e) {
      log.warn("skipping a record the query service cannot read: {}", e.getMessage());
      metrics.undecodable(topic);
    }
  }

  private void apply(OrderView view) {
    OrderSnapshot order = view.getOrder();
    Bytes key = StoreKeys.order(view.getPartnerId(), view.getOrderId());
    byte[] previousBytes = orders.get(key);
    StoredOrder previous = previousBytes == null ? null : StoredOrder.decode(previousBytes);
    if (previous != null && previous.version() >= view.getVersion()) {
      metrics.viewSkipped();
      return;
    }
    byte[] json = JsonRenderer.render(OrderDtoMapper.toDto(view));
    long materializedAt = previous == null ? clock.millis() : previous.materializedAt();
    StoredOrder stored = new StoredOrder(view.getVersion(), order.getCreatedAt(), materializedAt, order.getOrderType(), order.getState(), json);
    orders.put(key, stored.encode());

    Set<Bytes> now = Set.of(StoreKeys.indexKeysOf(view.getPartnerId(), stored.type(), stored.state(), stored.createdAt(), view.getOrderId()));
    Set<Bytes> before = previous == null ? Set.of()
        : new HashSet<>(java.util.List.of(StoreKeys.indexKeysOf(view.getPartnerId(), previous.type(), previous.state(), previous.createdAt(), view.getOrderId())));
    for (Bytes gone : before) {
      if (!now.contains(gone)) {
        index.delete(gone);
      }
    }
    for (Bytes added : now) {
      if (!before.contains(added)) {
        index.put(added, new byte[0]);
      }
    }
    metrics.viewApplied();
  }

  private void apply(WalletEntry entry) {
    byte[] stored = wallets.get(entry.getPartnerId());
    WalletState wallet = stored == null ? null : walletCodec.decode(QueryStores.WALLETS, stored);
    Map<String, CurrencyBalance> balances = wallet == null ? new HashMap<>() : new HashMap<>(wallet.getBalances());
    CurrencyBalance current = balances.get(entry.getCurrency());
    if (current != null && current.getSequence() >= entry.getSequence()) {
      return; // a replayed entry
    }
    long debits = current == null ? 0 : current.getTotalDebitsMinor();
    long credits = current == null ? 0 : current.getTotalCreditsMinor();
    switch (entry.getDirection()) {
      case DEBIT -> debits += entry.getAmountMinor();
      case CREDIT -> credits += entry.getAmountMinor();
    }
    balances.put(entry.getCurrency(), new CurrencyBalance(debits, credits, entry.getSequence(), entry.getOccurredAt(), entry.getOrderId()));
    wallets.put(entry.getPartnerId(), walletCodec.encode(new WalletState(entry.getPartnerId(), balances)));
    metrics.journalEntryApplied();
  }
}
