package io.orderledger.query.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.ConcurrentReadRocksDBStore;
import org.junit.jupiter.api.Test;

/**
 * The task store's reads without RocksDBStore's monitor: they see what the stream thread wrote, in key order, beside its
 * writes, and fail as the monitor's reads did (InvalidStateStoreException) once the store is closed, never in RocksDB.
 */
class ConcurrentReadRocksDBStoreTest {

  private static final String STORE = "store";

  /** A driver whose one store is written by the test through the processor's layers (change logging included). */
  private static TopologyTestDriver driver() throws Exception {
    Topology topology = new Topology();
    topology.addSource("in", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), "in");
    topology.addProcessor("writer", () -> new Processor<byte[], byte[], Void, Void>() {
      @Override
      public void process(Record<byte[], byte[]> record) {
      }
    }, "in");
    topology.addStateStore(Stores.keyValueStoreBuilder(new ConcurrentReadStoreSupplier(STORE), Serdes.Bytes(), Serdes.ByteArray()), "writer");
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "concurrent-read-test");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("concurrent-read").toString());
    return new TopologyTestDriver(topology, config);
  }

  private static KeyValueStore<Bytes, byte[]> layered(TopologyTestDriver driver) {
    return driver.getKeyValueStore(STORE);
  }

  private static Bytes key(int i) {
    return Bytes.wrap(ByteBuffer.allocate(4).putInt(i).array());
  }

  private static byte[] value(int i) {
    return ByteBuffer.allocate(4).putInt(i).array();
  }

  @Test
  void theStoreUnderTheLayersIsTheConcurrentOne() throws Exception {
    try (TopologyTestDriver driver = driver()) {
      assertThat(LocalStores.forReads(layered(driver))).isInstanceOf(ConcurrentReadRocksDBStore.class);
    }
  }

  @Test
  void aReadDoesNotWaitForTheStoresMonitor() throws Exception {
    try (TopologyTestDriver driver = driver()) {
      KeyValueStore<Bytes, byte[]> store = layered(driver);
      store.put(key(1), value(1));
      ConcurrentReadRocksDBStore reads = (ConcurrentReadRocksDBStore) LocalStores.forReads(store);
      CountDownLatch held = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      // What the stream thread's put holds while it writes, and every read of Kafka's own store waits for.
      Thread writer = new Thread(() -> {
        synchronized (reads) {
          held.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      });
      writer.start();
      held.await();
      ExecutorService reader = Executors.newSingleThreadExecutor();
      try {
        assertThat(reader.submit(() -> reads.get(key(1))).get(10, TimeUnit.SECONDS)).isEqualTo(value(1));
        assertThat(reader.submit(() -> {
          try (KeyValueIterator<Bytes, byte[]> scan = reads.range(key(0), key(9))) {
            return scan.next().key;
          }
        }).get(10, TimeUnit.SECONDS)).isEqualTo(key(1));
      } finally {
        release.countDown();
        writer.join();
        reader.shutdown();
      }
    }
  }

  @Test
  void readersSeeEveryWriteInKeyOrderBesideTheWriter() throws Exception {
    int keys = 20_000;
    try (TopologyTestDriver driver = driver()) {
      KeyValueStore<Bytes, byte[]> store = layered(driver);
      ConcurrentReadRocksDBStore reads = (ConcurrentReadRocksDBStore) LocalStores.forReads(store);
      AtomicBoolean writing = new AtomicBoolean(true);
      ExecutorService readers = Executors.newFixedThreadPool(4);
      List<Future<Integer>> scans = new ArrayList<>();
      for (int r = 0; r < 4; r++) {
        scans.add(readers.submit(() -> {
          int checks = 0;
          while (writing.get()) {
            // Keys are written in ascending order: a scan sees a gap-free prefix of them, each with its own value.
            int expected = 0;
            try (KeyValueIterator<Bytes, byte[]> scan = reads.range(key(0), key(keys))) {
              while (scan.hasNext()) {
                KeyValue<Bytes, byte[]> entry = scan.next();
                assertThat(entry.key).isEqualTo(key(expected));
                assertThat(entry.value).isEqualTo(value(expected));
                expected++;
              }
            }
            if (expected > 0) {
              assertThat(reads.get(key(expected - 1))).isEqualTo(value(expected - 1));
            }
            checks++;
          }
          return checks;
        }));
      }
      for (int i = 0; i < keys; i++) {
        store.put(key(i), value(i));
      }
      writing.set(false);
      for (Future<Integer> scan : scans) {
        assertThat(scan.get(60, TimeUnit.SECONDS)).isPositive();
      }
      readers.shutdown();
      try (KeyValueIterator<Bytes, byte[]> backwards = reads.reverseRange(key(keys - 3), key(keys - 1))) {
        assertThat(backwards.next().key).isEqualTo(key(keys - 1));
        assertThat(backwards.next().key).isEqualTo(key(keys - 2));
        assertThat(backwards.next().key).isEqualTo(key(keys - 3));
        assertThat(backwards.hasNext()).isFalse();
      }
      assertThat(reads.range(key(5), key(4)).hasNext()).as("a range whose start is past its end is empty").isFalse();
    }
  }

  @Test
  void readsOfAClosedStoreFailAsTheMonitorsDid() throws Exception {
    ConcurrentReadRocksDBStore reads;
    KeyValueIterator<Bytes, byte[]> heldOpen;
    try (TopologyTestDriver driver = driver()) {
      KeyValueStore<Bytes, byte[]> store = layered(driver);
      store.put(key(1), value(1));
      store.put(key(2), value(2));
      reads = (ConcurrentReadRocksDBStore) LocalStores.forReads(store);
      heldOpen = reads.range(key(0), key(9));
      assertThat(heldOpen.next().key).isEqualTo(key(1));
    }
    assertThat(reads.isOpen()).isFalse();
    assertThatThrownBy(() -> reads.get(key(1))).isInstanceOf(InvalidStateStoreException.class);
    assertThatThrownBy(() -> reads.range(key(0), key(9))).isInstanceOf(InvalidStateStoreException.class);
    assertThatThrownBy(() -> reads.reverseRange(key(0), key(9))).isInstanceOf(InvalidStateStoreException.class);
    // The iterator a reader held when the store closed was closed with it: it fails, it does not reach the closed database.
    assertThatThrownBy(heldOpen::hasNext).isInstanceOf(InvalidStateStoreException.class);
    heldOpen.close();
  }
}
