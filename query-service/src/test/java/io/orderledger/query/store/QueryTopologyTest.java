package io.orderledger.query.store;

import static io.orderledger.query.Views.entry;
import static io.orderledger.query.Views.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderledger.events.MovementDirection;
import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import io.orderledger.events.codec.SingleObjectCodec;
import io.orderledger.events.state.WalletState;
import io.orderledger.query.model.JsonRenderer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.internals.RocksDBStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class QueryTopologyTest {

  private final QueryDriver query = new QueryDriver();

  @AfterEach
  void close() {
    query.close();
  }

  private List<Bytes> indexKeys() {
    List<Bytes> keys = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> all = query.index().all()) {
      all.forEachRemaining(kv -> keys.add(kv.key));
    }
    return keys;
  }

  @Test
  void givenAViewExpectItsApiJsonAndFourIndexEntries() {
    query.send(view("partner-a", "o1", OrderType.DATA, OrderState.PROCESSING, 1_775_046_434_454L, 1));

    byte[] stored = query.orders().get(StoreKeys.order("partner-a", "o1"));
    JsonNode json = JsonRenderer.mapper().readTree(StoredOrder.decode(stored).json());
    assertThat(json.get("_id").asString()).isEqualTo("o1");
    assertThat(json.get("state").asString()).isEqualTo("processing");
    assertThat(json.get("amount").decimalValue()).isEqualByComparingTo("4.25");
    assertThat(indexKeys()).hasSize(4);
  }

  @Test
  void givenAStateChangeExpectTheIndexToFollowWithoutLeftovers() {
    query.send(view("partner-a", "o1", OrderType.DATA, OrderState.PENDING, 1_000, 1));
    query.send(view("partner-a", "o1", OrderType.DATA, OrderState.COMPLETED, 1_000, 2));

    List<Bytes> keys = indexKeys();
    assertThat(keys).hasSize(4);
    assertThat(keys).noneMatch(k -> startsWith(k, StoreKeys.indexPrefix("partner-a", null, OrderState.PENDING)));
    assertThat(keys).anyMatch(k -> startsWith(k, StoreKeys.indexPrefix("partner-a", OrderType.DATA, OrderState.COMPLETED)));
  }

  @Test
  void givenAnActiveTaskExpectReadsFromTheRocksDbStoreUnderTheLayersUntilTheTaskCloses() {
    query.send(view("partner-a", "o1", OrderType.DATA, OrderState.PENDING, 1_000, 1));
    Bytes key = StoreKeys.order("partner-a", "o1");
    ReadOnlyKeyValueStore<Bytes, byte[]> orders = query.localStores.active(0).bytes(QueryStore.ORDERS);

    // No metering or logging layer between a read and RocksDB (LocalStores.forReads): the orders are a key range of it.
    assertThat(orders).isInstanceOfSatisfying(KeyspaceView.class, range -> assertThat(range.taskStore()).isInstanceOf(RocksDBStore.class));
    assertThat(orders.get(key)).isEqualTo(query.orders().get(key));
    assertThat(orders.get(StoreKeys.order("partner-a", "no-such-order"))).isNull();
    query.send(view("partner-a", "o2", OrderType.AIRTIME, OrderState.PENDING, 2_000, 1));
    query.send(view("partner-b", "o3", OrderType.DATA, OrderState.PENDING, 3_000, 1));
    ReadOnlyKeyValueStore<Bytes, byte[]> index = query.localStores.active(0).bytes(QueryStore.ORDER_INDEX);
    byte[] prefix = StoreKeys.indexPrefix("partner-a", null, null);
    Bytes to = StoreKeys.end(prefix);
    assertThat(keys(index.range(Bytes.wrap(prefix), to))).hasSize(2).isEqualTo(keys(query.index().range(Bytes.wrap(prefix), to)));

    query.close();
    assertThat(query.localStores.active(0)).isNull();
    assertThatThrownBy(() -> orders.get(key)).isInstanceOf(InvalidStateStoreException.class);
    assertThatThrownBy(() -> index.range(Bytes.wrap(prefix), to)).isInstanceOf(InvalidStateStoreException.class);
  }

  private static List<Bytes> keys(KeyValueIterator<Bytes, byte[]> range) {
    List<Bytes> keys = new ArrayList<>();
    try (range) {
      range.forEachRemaining(kv -> keys.add(kv.key));
    }
    return keys;
  }

  @Test
  void givenAReplayedOlderViewExpectNothingToChange() {
    query.send(view("partner-a", "o1", OrderType.DATA, OrderState.PENDING, 1_000, 1));
    query.send(view("partner-a", "o1", OrderType.DATA, OrderState.COMPLETED, 1_000, 2));
    query.send(view("partner-a", "o1", OrderType.DATA, OrderState.PENDING, 1_000, 1));

    assertThat(StoredOrder.decode(query.orders().get(StoreKeys.order("partner-a", "o1"))).state()).isEqualTo(OrderState.COMPLETED);
  }

  @Test
  void givenGarbageOnTheTopicExpectItSkippedAndTheNextViewApplied() {
    query.sendRaw("not avro".getBytes(StandardCharsets.UTF_8));
    query.send(view("partner-a", "o1", OrderType.DATA, OrderState.PENDING, 1_000, 1));

    assertThat(query.orders().get(StoreKeys.order("partner-a", "o1"))).isNotNull();
  }

  @Test
  void givenJournalEntriesExpectTheWalletOnceEachEvenWhenReplayed() {
    query.send(entry("partner-a", "t1", MovementDirection.CREDIT, 25_000, 25_000, 1));
    query.send(entry("partner-a", "o1", MovementDirection.DEBIT, 425, 24_575, 2));
    query.send(entry("partner-a", "o1", MovementDirection.DEBIT, 425, 24_575, 2));

    WalletState wallet = SingleObjectCodec.of(WalletState.class).decode("t", query.wallets().get("partner-a"));
    var ghs = wallet.getBalances().get("GHS");
    assertThat(ghs.getTotalCreditsMinor() - ghs.getTotalDebitsMinor()).isEqualTo(24_575);
    assertThat(ghs.getSequence()).isEqualTo(2);
    assertThat(ghs.getLastOrderId()).isEqualTo("o1");
  }

  /**
   * At-least-once: a crash can leave the stores torn (one store's changelog record of an entry sent, another's not), and
   * the input is read again from the last commit. Each store must catch up on its own, once.
   */
  @Test
  void givenStoresTornByACrashExpectTheReplayToBringEachUpExactlyOnce() {
    String chainKey = StoreKeys.chain("partner-a", "GHS");
    var topUp = entry("partner-a", "t1", MovementDirection.CREDIT, 25_000, 25_000, 1);
    var debit = entry("partner-a", "o1", MovementDirection.DEBIT, 425, 24_575, 2);
    query.send(topUp);
    byte[] walletAfterTopUp = query.wallets().get("partner-a");
    byte[] chainAfterTopUp = query.chains().get(chainKey);
    query.send(debit);

    query.wallets().put("partner-a", walletAfterTopUp); // the wallet's write of the debit lost
    query.send(topUp);
    query.send(debit);
    assertThat(balanceAndSequence()).as("the wallet caught up by the replay").containsExactly(24_575L, 2L);

    query.chains().put(chainKey, chainAfterTopUp); // the chain's write of the debit lost, the wallet's kept
    query.send(debit);
    assertThat(balanceAndSequence()).as("the debit not applied to the wallet twice").containsExactly(24_575L, 2L);
    assertThat(ChainState.decode(query.chains().get(chainKey)).tip().sequence()).isEqualTo(2);

    query.journal().delete(StoreKeys.journal("partner-a", "GHS", 2)); // the journal line of the chain's tip lost
    query.send(debit);
    assertThat(query.journal().get(StoreKeys.journal("partner-a", "GHS", 2))).as("written again").isNotNull();
    ChainState chain = ChainState.decode(query.chains().get(chainKey));
    assertThat(chain.firstBreak()).as("a replay is not a break").isNull();
    assertThat(chain.refused()).isZero();
    assertThat(balanceAndSequence()).containsExactly(24_575L, 2L);
  }

  @Test
  void givenAnIndexTornByACrashExpectTheReplayedViewToRepairIt() {
    query.send(view("partner-a", "o1", OrderType.DATA, OrderState.PENDING, 1_000, 1));
    List<Bytes> pendingKeys = indexKeys();
    query.send(view("partner-a", "o1", OrderType.DATA, OrderState.COMPLETED, 1_000, 2));
    List<Bytes> completedKeys = indexKeys();
    // The order's write of version 2 kept, the index's lost: the pending entries back, the completed ones missing.
    completedKeys.forEach(k -> query.index().delete(k));
    pendingKeys.forEach(k -> query.index().put(k, new byte[0]));

    query.send(view("partner-a", "o1", OrderType.DATA, OrderState.COMPLETED, 1_000, 2));

    assertThat(indexKeys()).containsExactlyInAnyOrderElementsOf(completedKeys);
  }

  private List<Long> balanceAndSequence() {
    var ghs = SingleObjectCodec.of(WalletState.class).decode("t", query.wallets().get("partner-a")).getBalances().get("GHS");
    return List.of(ghs.getTotalCreditsMinor() - ghs.getTotalDebitsMinor(), ghs.getSequence());
  }

  private static boolean startsWith(Bytes key, byte[] prefix) {
    byte[] bytes = key.get();
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  static List<KeyValue<Bytes, byte[]>> all(org.apache.kafka.streams.state.KeyValueStore<Bytes, byte[]> store) {
    List<KeyValue<Bytes, byte[]>> all = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
      it.forEachRemaining(all::add);
    }
    return all;
  }
}
