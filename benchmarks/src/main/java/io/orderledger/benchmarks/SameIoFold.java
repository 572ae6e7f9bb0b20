package io.orderledger.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The second baseline: a Kafka Streams fold that does the ledger's I/O and nothing else. Per input it reads and
 * writes a RocksDB store keyed by the order id (taken from a record header, not decoded) with values of the
 * ledger's order-state size, writes the in-memory wallet store as often as the ledger does, and emits as many output
 * records of the same sizes to as many topics as the ledger emitted per input (measured from the ledger's own warm-up
 * round). No decoding, no rules, no encoding. The ledger's ratio to it is what its own code costs beyond its I/O.
 */
final class SameIoFold {

  static final String ORDER_ID_HEADER = "order-id";

  /** One of the ledger's output topics: records per input, and their average key and value sizes. */
  record Output(String name, double perInput, int keyBytes, int valueBytes) {
  }

  /** What the ledger did per input in its warm-up round. */
  record Profile(int orderStateBytes, double walletWritesPerInput, int walletStateBytes, List<Output> outputs) {
  }

  private SameIoFold() {
  }

  static Topology build(String input, String outputPrefix, Profile profile, AtomicLong processed) {
    Topology topology = new Topology();
    topology.addSource(AutoOffsetReset.earliest(), "source", Serdes.Bytes().deserializer(), Serdes.ByteArray().deserializer(), input);
    List<Output> outputs = profile.outputs();
    topology.addProcessor("fold", () -> new Processor<Bytes, byte[], Bytes, byte[]>() {
      private final Random random = new Random(7);
      private final byte[] orderState = bytes(random, profile.orderStateBytes());
      private final byte[] walletState = bytes(random, profile.walletStateBytes());
      private final byte[][] keys = outputs.stream().map(o -> bytes(random, o.keyBytes())).toArray(byte[][]::new);
      private final byte[][] values = outputs.stream().map(o -> bytes(random, o.valueBytes())).toArray(byte[][]::new);
      private final double[] owed = new double[outputs.size()];
      private double walletOwed;
      private ProcessorContext<Bytes, byte[]> context;
      private KeyValueStore<Bytes, byte[]> orders;
      private KeyValueStore<Bytes, byte[]> wallets;

      @Override
      public void init(ProcessorContext<Bytes, byte[]> context) {
        this.context = context;
        this.orders = context.getStateStore("same-io-orders");
        this.wallets = context.getStateStore("same-io-wallets");
      }

      @Override
      public void process(Record<Bytes, byte[]> record) {
        Header orderId = record.headers().lastHeader(ORDER_ID_HEADER);
        Bytes key = Bytes.wrap(orderId == null ? record.key().get() : orderId.value());
        orders.get(key);
        orders.put(key, orderState);
        walletOwed += profile.walletWritesPerInput();
        while (walletOwed >= 1) {
          wallets.get(record.key());
          wallets.put(record.key(), walletState);
          walletOwed--;
        }
        for (int i = 0; i < owed.length; i++) {
          owed[i] += outputs.get(i).perInput();
          while (owed[i] >= 1) {
            context.forward(new Record<>(Bytes.wrap(keys[i]), values[i], record.timestamp()), "sink-" + i);
            owed[i]--;
          }
        }
        processed.incrementAndGet();
      }
    }, "source");
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("same-io-orders"), Serdes.Bytes(), Serdes.ByteArray())
        .withCachingDisabled(), "fold");
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("same-io-wallets"), Serdes.Bytes(), Serdes.ByteArray())
        .withCachingDisabled(), "fold");
    for (int i = 0; i < outputs.size(); i++) {
      topology.addSink("sink-" + i, outputPrefix + outputs.get(i).name(), Serdes.Bytes().serializer(), Serdes.ByteArray().serializer(), "fold");
    }
    return topology;
  }

  static byte[] orderIdHeader(String orderId) {
    return orderId.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(Random random, int size) {
    byte[] bytes = new byte[Math.max(0, size)];
    random.nextBytes(bytes);
    return bytes;
  }
}
