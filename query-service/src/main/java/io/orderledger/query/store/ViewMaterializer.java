package io.orderledger.query.store;

import io.orderledger.events.OrderSnapshot;
import io.orderledger.events.OrderView;
import io.orderledger.query.model.JsonRenderer;
import io.orderledger.query.model.OrderDtoMapper;
import java.time.Clock;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * An order view into the orders store (its API JSON, rendered once) and the versions store (every version, for
 * {@code asOf}). The order's index entries follow its stored type and state in the task store's own write of it
 * ({@link DerivedOrderIndex}).
 */
final class ViewMaterializer {

  private final KeyValueStore<Bytes, byte[]> orders;
  private final KeyValueStore<Bytes, byte[]> versions;
  private final Clock clock;
  private final MaterializerMetrics metrics;

  ViewMaterializer(KeyValueStore<Bytes, byte[]> orders, KeyValueStore<Bytes, byte[]> versions, Clock clock, MaterializerMetrics metrics) {
    this.orders = orders;
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
    metrics.viewApplied();
  }

  /**
   * The view stored is this one, read again after a restart. Under at-least-once a crash can leave the stores torn (the
   * order's write sent to its changelog, the version's not yet): the version is written again if it is missing. The
   * index cannot be torn from the order: the task store writes both in one write.
   */
  private void catchUpAfterReplay(OrderView view, StoredOrder stored) {
    Bytes version = StoreKeys.version(view.getPartnerId(), view.getOrderId(), view.getVersion());
    if (versions.get(version) == null) {
      versions.put(version, new StoredVersion(view.getBookedAt(), stored.json()).encode());
    }
  }
}
