package io.orderledger.audit.verify;

import io.orderledger.events.codec.EventSerdes;
import io.orderledger.events.state.LedgerOrderState;
import io.orderledger.events.state.WalletState;
import io.orderledger.ledger.rules.LedgerStep;
import java.util.HashMap;
import java.util.Map;

/**
 * The ledger's state in memory, laid out as the service's stores are: orders per input partition (a Kafka Streams task
 * sees only its own partition's orders), wallets by partner, and order owners shared by all (the service's global
 * store). Orders are kept as their encoded bytes, a few hundred each, rather than as objects of a few kilobytes: that
 * is what lets a million-event verify run in a small heap.
 *
 * <p>One difference from the service is by design: an ownership claim is seen here at once, while the service's
 * global store sees it once the claim has gone round its topic. Only an order id claimed by two partners within that
 * moment can be decided differently, and the difference is reported, not hidden.
 */
final class InMemoryLedger {

  private final EventSerdes serdes;
  private final Map<Integer, Map<String, byte[]>> ordersByPartition = new HashMap<>();
  private final Map<String, WalletState> wallets = new HashMap<>();
  private final Map<String, String> owners = new HashMap<>();

  InMemoryLedger(EventSerdes serdes) {
    this.serdes = serdes;
  }

  /** The state the ledger's task for {@code partition} reads. */
  LedgerStep.State partition(int partition) {
    Map<String, byte[]> orders = ordersByPartition.computeIfAbsent(partition, p -> new HashMap<>());
    return new LedgerStep.State() {
      @Override
      public LedgerOrderState order(String orderId) {
        byte[] bytes = orders.get(orderId);
        return bytes == null ? null : serdes.ledgerOrderState().deserializer().deserialize("ledger-audit", bytes);
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
  }

  /** Stores what a step says to store, as the service's processor does. */
  void keep(int partition, String partnerId, String orderId, LedgerStep.Outcome outcome) {
    if (outcome.wallet() != null) {
      wallets.put(partnerId, outcome.wallet());
    }
    if (outcome.order() != null) {
      ordersByPartition.get(partition).put(orderId, serdes.ledgerOrderState().serializer().serialize("ledger-audit", outcome.order()));
    }
    if (outcome.claim()) {
      owners.putIfAbsent(orderId, partnerId);
    }
  }

  long orders() {
    return ordersByPartition.values().stream().mapToLong(Map::size).sum();
  }
}
