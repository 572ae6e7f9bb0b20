package io.orderledger.query.store;

import io.orderledger.events.LedgerCheckpoint;
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
  private final SingleObjectCodec<LedgerCheckpoint> checkpoints = SingleObjectCodec.of(LedgerCheckpoint.class);
  private final LedgerTrust trust;
  private KeyValueStore<String, byte[]> chains;
  private ProcessorContext<Void, Void> context;
  /** The task store as the API reads it (see {@link LocalStores#forReads}). */
  private ReadOnlyKeyValueStore<Bytes, byte[]> readStore;
  private ViewMaterializer viewMaterializer;
  private JournalMaterializer journalMaterializer;
  private DecisionMaterializer decisionMaterializer;
  private KeyValueStore<Bytes, byte[]> discrepancyStore;

  Materializer(QueryTopics topics, Clock clock, MaterializerMetrics metrics, LocalStores localStores, LedgerTrust trust) {
    this.topics = topics;
    this.clock = clock;
    this.metrics = metrics;
    this.localStores = localStores;
    this.trust = trust;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    KeyValueStore<Bytes, byte[]> taskStore = context.getStateStore(QueryStore.TASK_STORE);
    KeyValueStore<Bytes, byte[]> orders = Keyspace.bytes(QueryStore.ORDERS, taskStore);
    KeyValueStore<Bytes, byte[]> index = Keyspace.bytes(QueryStore.ORDER_INDEX, taskStore);
    KeyValueStore<Bytes, byte[]> versions = Keyspace.bytes(QueryStore.ORDER_VERSIONS, taskStore);
    KeyValueStore<Bytes, byte[]> history = Keyspace.bytes(QueryStore.ORDER_HISTORY, taskStore);
    KeyValueStore<Bytes, byte[]> sourceRecords = Keyspace.bytes(QueryStore.SOURCE_RECORDS, taskStore);
    KeyValueStore<String, byte[]> wallets = Keyspace.text(QueryStore.WALLETS, taskStore);
    KeyValueStore<Bytes, byte[]> journal = Keyspace.bytes(QueryStore.JOURNAL, taskStore);
    KeyValueStore<Bytes, byte[]> journalTime = Keyspace.bytes(QueryStore.JOURNAL_TIME, taskStore);
    chains = Keyspace.text(QueryStore.CHAINS, taskStore);
    discrepancyStore = Keyspace.bytes(QueryStore.DISCREPANCIES, taskStore);
    viewMaterializer = new ViewMaterializer(orders, index, versions, clock, metrics);
    journalMaterializer = new JournalMaterializer(wallets, journal, journalTime, chains, metrics);
    decisionMaterializer = new DecisionMaterializer(history, sourceRecords, metrics);
    // The API reads the task store below its layers (LocalStores.forReads).
    readStore = LocalStores.forReads(taskStore);
    localStores.register(context.taskId().partition(), LocalStores.Partition.over(readStore));
  }

  /** Readers find the partition gone from here; one already reading gets InvalidStateStoreException once the stores close. */
  @Override
  public void close() {
    localStores.deregister(context.taskId().partition(), readStore);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    if (record.value() == null) {
      return;
    }
    String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
    try {
      // Everything but the events is the ledger's to write: without its seal, not the ledger's.
      if (!topic.equals(topics.orderEvents()) && !trust.mac().verifies(record.headers(), record.value())) {
        if (topic.equals(topics.walletJournal())) {
          journalMaterializer.unauthenticated(entries.decode(topic, record.value()));
        } else {
          metrics.unauthenticated(topic);
        }
        log.warn("refused a record of {} without the ledger's seal", topic);
        return;
      }
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
      } else if (topic.equals(topics.checkpoints())) {
        LedgerCheckpoint checkpoint = checkpoints.decode(topic, record.value());
        chains.put(StoreKeys.checkpoint(checkpoint.getPartnerId(), checkpoint.getCurrency()),
            StoredCheckpoint.encode(checkpoint, trust.checkSignature(checkpoint)));
      }
    } catch (EventDecodingException e) {
      log.warn("skipping a record the query service cannot read: {}", e.getMessage());
      metrics.undecodable(topic);
    }
  }
}
