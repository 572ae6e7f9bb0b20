package io.orderledger.query.store;

import io.orderledger.events.LedgerDecisionRecord;
import io.orderledger.events.OrderEvent;
import io.orderledger.query.model.DecisionDtoMapper;
import io.orderledger.query.model.JsonRenderer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A ledger decision into the order's history (its JSON, rendered once), and an event's source record beside it: the
 * two arrive on different topics in no fixed order, so the history is joined with the records when it is served.
 */
final class DecisionMaterializer {

  private final KeyValueStore<Bytes, byte[]> history;
  private final KeyValueStore<Bytes, byte[]> sourceRecords;
  private final MaterializerMetrics metrics;

  DecisionMaterializer(KeyValueStore<Bytes, byte[]> history, KeyValueStore<Bytes, byte[]> sourceRecords, MaterializerMetrics metrics) {
    this.history = history;
    this.sourceRecords = sourceRecords;
    this.metrics = metrics;
  }

  void apply(LedgerDecisionRecord decision) {
    history.put(StoreKeys.decision(decision.getPartnerId(), decision.getOrderId(), decision.getDecidedAt(), decision.getInputPartition(),
        decision.getInputOffset()), StoredDecision.encode(decision.getEventId(), JsonRenderer.render(DecisionDtoMapper.toDto(decision))));
    metrics.decisionApplied();
  }

  /** Only what the source said is kept: the rest of the event is in the views and decisions already. */
  void apply(OrderEvent event) {
    if (event.getSourceRecord() != null) {
      sourceRecords.put(StoreKeys.sourceRecord(event.getPartnerId(), event.getOrderId(), event.getEventId()),
          event.getSourceRecord().getJson().getBytes(StandardCharsets.UTF_8));
    }
  }
}
