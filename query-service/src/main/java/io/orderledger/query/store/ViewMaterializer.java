package io.orderledger.query.store;

import io.orderledger.events.OrderSnapshot;
import io.orderledger.events.OrderState;
import io.orderledger.events.OrderView;
import io.orderledger.query.model.JsonRenderer;
import io.orderledger.query.model.OrderDtoMapper;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * An order view into the orders store (its API JSON, rendered once), the indexes (the order's four index keys moved
 * when its type or state changes) and the versions store (every version, for {@code asOf}).
 */
final class ViewMaterializer {

  private final KeyValueStore<Bytes, byte[]> orders;
  private final KeyValueStore<Bytes, byte[]> index;
  private final KeyValueStore<Bytes, byte[]> versions;
  private final Clock clock;
  private final MaterializerMetrics metrics;

  ViewMaterializer(KeyValueStore<Bytes, byte[]> orders, KeyValueStore<Bytes, byte[]> index, KeyValueStore<Bytes, byte[]> versions,
                   Clock clock, MaterializerMetrics metrics) {
    this.orders = orders;
    this.index = index;
    this.versions = versions;
    this.clock = clock;
    this.metrics = metrics;
  }

  void apply(OrderView view) {
    OrderSnapshot order = view.getOrder();
    Bytes key = StoreKeys.order(view.getPartnerId(), view.getOrderId());
    byte[] previousBytes = orders.get(key);
    StoredOrder previous = previousBytes == null ? null : StoredOrder.decode(previousBytes);
    if (previous != null && previous.version() >= view.getVersion()) {
      if (previous.version() == view.getVersion()) {
        catchUpAfterReplay(view, previous);
      }
      metrics.viewSkipped();
      return;
    }
    byte[] json = JsonRenderer.render(OrderDtoMapper.toDto(view));
    long materializedAt = previous == null ? clock.millis() : previous.materializedAt();
    StoredOrder stored = new StoredOrder(view.getVersion(), order.getCreatedAt(), materializedAt, order.getOrderType(), order.getState(), json);
    orders.put(key, stored.encode());
    versions.put(StoreKeys.version(view.getPartnerId(), view.getOrderId(), view.getVersion()), new StoredVersion(view.getBookedAt(), json).encode());

    Set<Bytes> now = Set.of(StoreKeys.indexKeysOf(view.getPartnerId(), stored.type(), stored.state(), stored.createdAt(), view.getOrderId()));
    Set<Bytes> before = previous == null ? Set.of()
        : new HashSet<>(List.of(StoreKeys.indexKeysOf(view.getPartnerId(), previous.type(), previous.state(), previous.createdAt(), view.getOrderId())));
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

  /**
   * The view stored is this one, read again after a restart. Under at-least-once a crash can leave the stores torn (the
   * order's write sent to its changelog, the version's or the index's not yet): the version is written again if it is
   * missing, the order's index entries are made those of its stored state, and the entries under any other state
   * (the version before's, whose deletion may have been lost) removed.
   */
  private void catchUpAfterReplay(OrderView view, StoredOrder stored) {
    Bytes version = StoreKeys.version(view.getPartnerId(), view.getOrderId(), view.getVersion());
    if (versions.get(version) == null) {
      versions.put(version, new StoredVersion(view.getBookedAt(), stored.json()).encode());
    }
    Set<Bytes> now = Set.of(StoreKeys.indexKeysOf(view.getPartnerId(), stored.type(), stored.state(), stored.createdAt(), view.getOrderId()));
    for (Bytes kept : now) {
      if (index.get(kept) == null) {
        index.put(kept, new byte[0]);
      }
    }
    for (OrderState other : OrderState.values()) {
      for (Bytes stale : StoreKeys.indexKeysOf(view.getPartnerId(), stored.type(), other, stored.createdAt(), view.getOrderId())) {
        if (!now.contains(stale) && index.get(stale) != null) {
          index.delete(stale);
        }
      }
    }
  }
}
