package io.orderledger.benchmarks;

import java.util.concurrent.atomic.AtomicLong;
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
 * The baseline: the least a Kafka Streams fold of this topic can do. Per record, one RocksDB get and one put (the
 * record's value under its key) and one output record; no decoding, no rules. Same guarantee, commit interval and
 * changelog as the ledger.
 */
final class BareFold {

  private BareFold() {
  }

  static Topology build(String input, String output, AtomicLong processed) {
    Topology topology = new Topology();
    topology.addSource(AutoOffsetReset.earliest(), "source", Serdes.Bytes().deserializer(), Serdes.ByteArray().deserializer(), input);
    topology.addProcessor("fold", () -> new Processor<Bytes, byte[], Bytes, byte[]>() {
      private ProcessorContext<Bytes, byte[]> context;
      private KeyValueStore<Bytes, byte[]> store;

      @Override
      public void init(ProcessorContext<Bytes, byte[]> context) {
        this.context = context;
        this.store = context.getStateStore("bare-fold-store");
      }

      @Override
      public void process(Record<Bytes, byte[]> record) {
        store.get(record.key());
        store.put(record.key(), record.value());
        context.forward(record);
        processed.incrementAndGet();
      }
    }, "source");
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("bare-fold-store"), Serdes.Bytes(), Serdes.ByteArray())
        .withCachingDisabled(), "fold");
    topology.addSink("sink", output, Serdes.Bytes().serializer(), Serdes.ByteArray().serializer(), "fold");
    return topology;
  }
}
