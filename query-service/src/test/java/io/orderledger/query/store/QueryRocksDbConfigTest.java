package io.orderledger.query.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/** The settings the query stores take from the Streams configuration, on the options Kafka Streams hands over. */
class QueryRocksDbConfigTest {

  static {
    RocksDB.loadLibrary();
  }

  @Test
  void aStoresMemtableTakesTheConfiguredSize() {
    try (Options options = kafkaStreamsDefaults()) {
      new QueryRocksDbConfig().setConfig("query-state", options, Map.of(QueryRocksDbConfig.WRITE_BUFFER_BYTES, "2097152"));

      assertThat(options.writeBufferSize()).isEqualTo(2L * 1024 * 1024);
    }
  }

  @Test
  void withoutTheSettingTheMemtableKeepsTheSizeItWasGiven() {
    try (Options options = kafkaStreamsDefaults()) {
      new QueryRocksDbConfig().setConfig("query-state", options, Map.of());

      assertThat(options.writeBufferSize()).isEqualTo(16L * 1024 * 1024);
    }
  }

  /** What Kafka Streams' RocksDBStore sets before it calls the config setter: a block-based table, 16 MiB memtables. */
  private static Options kafkaStreamsDefaults() {
    Options options = new Options();
    options.setTableFormatConfig(new BlockBasedTableConfig());
    options.setWriteBufferSize(16L * 1024 * 1024);
    return options;
  }
}
