package io.orderledger.query.store;

import io.orderledger.events.LedgerDecisionRecord;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.OrderView;
import io.orderledger.events.WalletDiscrepancy;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.codec.EventDecodingException;
import io.orderledger.events.codec.SingleObjectCodec;
import io.orderledger.query.model.DiscrepancyDtoMapper;
import io.orderledger.query.model.JsonRenderer;
import java.time.Clock;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the query stores in step with the ledger's outputs and the events. One processor for every topic, so that
 * all of a partner lives in the same task (and the same instance). Idempotent: views carry a version, journal entries
 * a sequence, decisions and source records the position of their input, so replays after a restart (at-least-once)
 * change nothing.
 */
final class Materializer implements Processor<byte[], byte[], Void, Void> {

  private static final Logger log = LoggerFactory.getLogger(Materializer.class);

  private final QueryTopics topics;
  private final Clock clock;
  private final MaterializerMetrics metrics;
  private final LocalStores localStores;
  private final SingleObjectCodec<OrderView> views = SingleObjectCodec.of(OrderView.class);
  private final SingleObjectCodec<WalletEntry> entries = SingleObjectCodec.of(WalletEntry.class);
  private final SingleObjectCodec<LedgerDecisionRecord> decisions = SingleObjectCodec.of(LedgerDecisionRecord.class);
  private final SingleObjectCodec<OrderEvent> events = SingleObjectCodec.of(OrderEvent.class);
  private final SingleObjectCodec<WalletDiscrepancy> discrepancies = SingleObjectCodec.of(WalletDiscrepancy.class);
  private ProcessorContext<Void, Void> context;
  private KeyValueStore<Bytes, byte[]> orders;
  /** The orders store as the API reads it (see {@link LocalStores#forReads}). */
  private ReadOnlyKeyValueStore<Bytes, byte[]> readOrders;
  private ReadGuard readGuard;
  private ViewMaterializer viewMaterializer;
  private JournalMaterializer journalMaterializer;
  private DecisionMaterializer decisionMaterializer;
  private KeyValueStore<Bytes, byte[]> discrepancyStore;

  Materializer(QueryTopics topics, Clock clock, MaterializerMetrics metrics, LocalStores localStores) {
    this.topics = topics;
    this.clock = clock;
    this.metrics = metrics;
    this.localStores = localStores;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    this.orders = context.getStateStore(QueryStores.ORDERS);
    KeyValueStore<Bytes, byte[]> index = context.getStateStore(QueryStores.ORDER_INDEX);
    KeyValueStore<Bytes, byte[]> versions = context.getStateStore(QueryStores.ORDER_VERSIONS);
    KeyValueStore<Bytes, byte[]> history = context.getStateStore(QueryStores.ORDER_HISTORY);
    KeyValueStore<Bytes, byte[]> sourceRecords = context.getStateStore(QueryStores.SOURCE_RECORDS);
    KeyValueStore<String, byte[]> wallets = context.getStateStore(QueryStores.WALLETS);
    KeyValueStore<Bytes, byte[]> journal = context.getStateStore(QueryStores.JOURNAL);
    KeyValueStore<Bytes, byte[]> journalTime = context.getStateStore(QueryStores.JOURNAL_TIME);
    KeyValueStore<String, byte[]> chains = context.getStateStore(QueryStores.CHAINS);
    discrepancyStore = context.getStateStore(QueryStores.DISCREPANCIES);
    viewMaterializer = new ViewMaterializer(orders, index, versions, clock, metrics);
    journalMaterializer = new JournalMaterializer(wallets, journal, journalTime, chains, metrics);
    decisionMaterializer = new DecisionMaterializer(history, sourceRecords, metrics);
    readGuard = new ReadGuard();
    readOrders = LocalStores.forReads(orders, readGuard);
    localStores.register(context.taskId().partition(), new LocalStores.Partition(readOrders, LocalStores.forReads(index, readGuard),
        wallets, LocalStores.forReads(versions, readGuard), LocalStores.forReads(history, readGuard),
        LocalStores.forReads(sourceRecords, readGuard), LocalStores.forReads(journal, readGuard), LocalStores.forReads(journalTime, readGuard),
        chains, LocalStores.forReads(discrepancyStore, readGuard)));
  }

  /** Kafka Streams closes a task's processors before its stores: no direct read is left running when they close. */
  @Override
  public void close() {
    localStores.deregister(context.taskId().partition(), readOrders);
    readGuard.close();
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    if (record.value() == null) {
      return;
    }
    String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
    try {
      if (topic.equals(topics.orderViews())) {
        viewMaterializer.apply(views.decode(topic, record.value()));
      } else if (topic.equals(topics.walletJournal())) {
        journalMaterializer.apply(entries.decode(topic, record.value()));
      } else if (topic.equals(topics.decisions())) {
        decisionMaterializer.apply(decisions.decode(topic, record.value()));
      } else if (topic.equals(topics.orderEvents())) {
        decisionMaterializer.apply(events.decode(topic, record.value()));
      } else if (topic.equals(topics.discrepancies())) {
        WalletDiscrepancy discrepancy = discrepancies.decode(topic, record.value());
        discrepancyStore.put(StoreKeys.discrepancy(discrepancy.getPartnerId(), discrepancy.getOccurredAt(), discrepancy.getEventId(),
            discrepancy.getKind().ordinal()), JsonRenderer.render(DiscrepancyDtoMapper.toDto(discrepancy)));
      }
    } catch (EventDecodingException e) {
      log.warn("skipping a record the query service cannot read: {}", e.getMessage());
      metrics.undecodable(topic);
    }
  }
}
