package org.apache.kafka.streams.state.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import io.orderledger.query.store.DerivedJournalTime;
import io.orderledger.query.store.DerivedOrderIndex;
import io.orderledger.query.store.DerivedWrites;
import io.orderledger.query.store.QueryStore;
import io.orderledger.query.store.StoreKeys;
import io.orderledger.query.store.StoredOrder;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The indexes the task store derives: restored from a changelog that holds only the orders and the journal, they are
 * what processing wrote; a replay of records already applied leaves them as they are; an older changelog's index
 * records are skipped.
 */
class DerivedIndexesRestoreTest {

  private static final String CHANGELOG = "query-state-changelog";
  private ConcurrentReadRocksDBStore store;
  private long offset;

  @BeforeEach
  void open() throws Exception {
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "derived-index-test");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    File stateDir = Files.createTempDirectory("derived-index").toFile();
    config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    MockProcessorContext<Void, Void> context = new MockProcessorContext<>(config, new TaskId(0, 0), stateDir);
    store = new ConcurrentReadRocksDBStore(QueryStore.TASK_STORE, DerivedWrites.all(new DerivedOrderIndex(), new DerivedJournalTime()));
    store.init(context.getStateStoreContext(), store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void givenTheOrdersRestoredExpectEachOrdersIndexFromItsLastState() {
    store.restoreBatch(List.of(
        order("o1", OrderState.PENDING, 1),
        order("o2", OrderState.PENDING, 2),
        order("o1", OrderState.PROCESSING, 1), // the same order twice in one batch
        order("o1", OrderState.COMPLETED, 1)));
    store.restoreBatch(List.of(order("o2", OrderState.FAILED, 2)));

    assertThat(indexKeys()).containsExactlyInAnyOrderElementsOf(concat(expected("o1", OrderState.COMPLETED, 1), expected("o2", OrderState.FAILED, 2)));
    assertThat(StoredOrder.Header.of(store.get(Bytes.wrap(orderKey("o1")))).state()).isEqualTo(OrderState.COMPLETED);
  }

  @Test
  void givenRecordsAlreadyAppliedRestoredAgainExpectTheIndexOfTheLastOne() {
    // After a kill, restoration starts at the last checkpoint, behind what RocksDB may already hold.
    List<ConsumerRecord<byte[], byte[]>> tail = List.of(order("o1", OrderState.PENDING, 1), order("o1", OrderState.COMPLETED, 1));
    store.restoreBatch(tail);
    store.restoreBatch(tail);
    store.restoreBatch(List.of(tail.get(0)));
    store.restoreBatch(List.of(tail.get(1)));

    assertThat(indexKeys()).containsExactlyInAnyOrderElementsOf(expected("o1", OrderState.COMPLETED, 1));
  }

  @Test
  void givenAnOlderChangelogsIndexRecordsExpectThemSkipped() {
    byte[] stale = taskKey(QueryStore.ORDER_INDEX, StoreKeys.indexKey(StoreKeys.indexPrefix("partner-a", null, OrderState.PENDING),
        StoreKeys.position(1, "o1")).get());
    store.restoreBatch(List.of(record(stale, new byte[0]), order("o1", OrderState.COMPLETED, 1), record(stale, new byte[0])));

    assertThat(indexKeys()).containsExactlyInAnyOrderElementsOf(expected("o1", OrderState.COMPLETED, 1));
  }

  @Test
  void givenTheStreamThreadsWritesExpectTheIndexInTheSameWrite() {
    store.put(Bytes.wrap(orderKey("o1")), stored(OrderState.PENDING, 1));
    assertThat(indexKeys()).containsExactlyInAnyOrderElementsOf(expected("o1", OrderState.PENDING, 1));
    store.put(Bytes.wrap(orderKey("o1")), stored(OrderState.COMPLETED, 1));
    assertThat(indexKeys()).containsExactlyInAnyOrderElementsOf(expected("o1", OrderState.COMPLETED, 1));
    store.delete(Bytes.wrap(orderKey("o1")));
    assertThat(indexKeys()).isEmpty();
  }

  @Test
  void givenJournalLinesRestoredExpectTheirTimeKeysAndNoOlderOnes() {
    byte[] line = taskKey(QueryStore.JOURNAL, StoreKeys.journal("partner-a", "GHS", 7).get());
    byte[] stale = taskKey(QueryStore.JOURNAL_TIME, StoreKeys.journalTime("partner-a", "GHS", 1, 6).get());
    // What every format of a stored journal line begins with: its format byte, then its booking time.
    byte[] bookedAt9000 = ByteBuffer.allocate(9).put((byte) 2).putLong(9_000).array();
    store.restoreBatch(List.of(record(stale, new byte[0]), record(line, bookedAt9000)));
    store.restoreBatch(List.of(record(line, bookedAt9000)));

    assertThat(keys(QueryStore.JOURNAL_TIME)).containsExactly(Bytes.wrap(taskKey(QueryStore.JOURNAL_TIME,
        StoreKeys.journalTime("partner-a", "GHS", 9_000, 7).get())));
  }

  private List<Bytes> indexKeys() {
    return keys(QueryStore.ORDER_INDEX);
  }

  private List<Bytes> keys(QueryStore keyspace) {
    byte prefix = keyspace.prefix();
    List<Bytes> keys = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> scan = store.range(Bytes.wrap(new byte[] {prefix}), Bytes.wrap(new byte[] {(byte) (prefix + 1)}))) {
      scan.forEachRemaining(entry -> keys.add(entry.key));
    }
    return keys;
  }

  /** The four index keys of an order of partner-a, DATA, created at {@code createdAt}. */
  private static List<Bytes> expected(String orderId, OrderState state, long createdAt) {
    byte[] position = StoreKeys.position(createdAt, orderId);
    List<Bytes> keys = new ArrayList<>();
    for (byte[] scan : List.of(StoreKeys.indexPrefix("partner-a", null, null), StoreKeys.indexPrefix("partner-a", OrderType.DATA, null),
        StoreKeys.indexPrefix("partner-a", null, state), StoreKeys.indexPrefix("partner-a", OrderType.DATA, state))) {
      keys.add(Bytes.wrap(taskKey(QueryStore.ORDER_INDEX, StoreKeys.indexKey(scan, position).get())));
    }
    return keys;
  }

  private static List<Bytes> concat(List<Bytes> first, List<Bytes> second) {
    List<Bytes> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private ConsumerRecord<byte[], byte[]> order(String orderId, OrderState state, long createdAt) {
    return record(orderKey(orderId), stored(state, createdAt));
  }

  private ConsumerRecord<byte[], byte[]> record(byte[] key, byte[] value) {
    return new ConsumerRecord<>(CHANGELOG, 0, offset++, key, value);
  }

  private static byte[] stored(OrderState state, long createdAt) {
    return new StoredOrder(1, createdAt, 5, OrderType.DATA, state, "{}".getBytes(StandardCharsets.UTF_8)).encode();
  }

  private static byte[] orderKey(String orderId) {
    return taskKey(QueryStore.ORDERS, StoreKeys.order("partner-a", orderId).get());
  }

  private static byte[] taskKey(QueryStore keyspace, byte[] key) {
    byte[] taskKey = new byte[key.length + 1];
    taskKey[0] = keyspace.prefix();
    System.arraycopy(key, 0, taskKey, 1, key.length);
    return taskKey;
  }
}
