package io.orderledger.query.store;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;

/**
 * RocksDB for a read-heavy store: one block cache shared by every store of the instance (instead of 50 MiB per store
 * instance), with index and filter blocks inside it, so that the hot part of every partition's orders stays in memory
 * and the memory used is bounded. Size: {@code query.rocksdb.block-cache-bytes} (default 256 MiB).
 */
public final class QueryRocksDbConfig implements RocksDBConfigSetter {

  public static final String BLOCK_CACHE_BYTES = "query.rocksdb.block-cache-bytes";
  /**
   * The size of each store's memtable. Kafka Streams writes a store without RocksDB's write-ahead log and keeps its
   * changelog offset inside it, so after a crash a store holds only what its last flush wrote: what a killed instance
   * restores from its changelog is what its memtables held. Unset, Kafka's 16 MiB.
   */
  public static final String WRITE_BUFFER_BYTES = "query.rocksdb.write-buffer-bytes";
  private static Cache cache;

  private static synchronized Cache cache(long bytes) {
    if (cache == null) {
      cache = new LRUCache(bytes, -1, false, 0.2);
    }
    return cache;
  }

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    Object configured = configs.get(BLOCK_CACHE_BYTES);
    long bytes = configured == null ? 256L * 1024 * 1024 : Long.parseLong(configured.toString());
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(cache(bytes));
    table.setCacheIndexAndFilterBlocks(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setTableFormatConfig(table);
    Object writeBuffer = configs.get(WRITE_BUFFER_BYTES);
    if (writeBuffer != null) {
      options.setWriteBufferSize(Long.parseLong(writeBuffer.toString()));
    }
  }

  @Override
  public void close(String storeName, Options options) {
    // The cache is shared by every store of the instance and lives as long as the process.
  }
}
