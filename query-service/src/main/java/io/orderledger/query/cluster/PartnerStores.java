package io.orderledger.query.cluster;

import io.orderledger.events.topic.PartnerId;
import io.orderledger.query.read.PagedRange;
import io.orderledger.query.read.PartnerData;
import io.orderledger.query.store.LocalStores;
import io.orderledger.query.store.QueryStore;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The local Kafka Streams instance seen from a request: who owns a partner's partition, and readers over this
 * instance's stores for one partition. Partners are partitioned by murmur2 of their id (Kafka's default partitioner
 * over the UTF-8 key), which is what {@code queryMetadataForKey} computes from the partner id.
 */
public final class PartnerStores {

  private final Supplier<KafkaStreams> streamsSupplier;
  private final LocalStores localStores;
  private final boolean alone;
  private final PagedRange paging;

  /**
   * @param streams the local instance; null until it has been created
   * @param alone no {@code application.server} is configured: Kafka Streams then publishes no host metadata, and this
   *     instance, holding every partition, computes a partner's partition itself
   */
  public PartnerStores(Supplier<KafkaStreams> streams, LocalStores localStores, boolean alone, PagedRange paging) {
    this.streamsSupplier = streams;
    this.localStores = localStores;
    this.alone = alone;
    this.paging = paging;
  }

  public PartitionOwnership ownership(String partnerId) {
    KafkaStreams streams = streamsSupplier.get();
    if (streams == null) {
      return new PartitionOwnership(false, -1, null, Set.of());
    }
    KafkaStreams.State state = streams.state();
    boolean running = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
    if (!running) {
      return new PartitionOwnership(false, -1, null, Set.of());
    }
    if (alone) {
      int partitions = localStores.activeCount();
      return partitions == 0 ? new PartitionOwnership(true, -1, null, Set.of())
          : new PartitionOwnership(true, PartnerId.partitionOf(partnerId, partitions), HostInfo.unavailable(), Set.of());
    }
    KeyQueryMetadata metadata = streams.queryMetadataForKey(QueryStore.TASK_STORE, partnerId, Serdes.String().serializer());
    if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
      return new PartitionOwnership(true, -1, null, Set.of());
    }
    HostInfo active = metadata.activeHost();
    return new PartitionOwnership(true, metadata.partition(), active, new HashSet<>(metadata.standbyHosts()));
  }

  /**
   * Readers over this instance's stores for the partition. {@code stale} admits standby and restoring copies.
   *
   * @throws org.apache.kafka.streams.errors.InvalidStateStoreException when the partition is not (or no longer) here
   */
  public PartnerData data(int partition, boolean stale) {
    LocalStores.Partition local = stale ? null : localStores.active(partition);
    if (local != null) {
      return PartnerData.of(local, paging);
    }
    StoreQueryParameters<ReadOnlyKeyValueStore<Bytes, byte[]>> parameters = StoreQueryParameters
        .fromNameAndType(QueryStore.TASK_STORE, QueryableStoreTypes.<Bytes, byte[]>keyValueStore()).withPartition(partition);
    return PartnerData.of(LocalStores.Partition.over(streams().store(stale ? parameters.enableStaleStores() : parameters)), paging);
  }

  /** Where this instance's copies stand in their changelogs, as {@link StandbyCatchUp} reads them. */
  public StandbyCatchUp.Positions changelogPositions() {
    return new StandbyCatchUp.Positions() {
      @Override
      public Map<String, Map<Integer, StandbyCatchUp.Position>> lags() {
        Map<String, Map<Integer, StandbyCatchUp.Position>> positions = new java.util.HashMap<>();
        streams().allLocalStorePartitionLags().forEach((store, byPartition) -> byPartition.forEach((partition, lag) ->
            positions.computeIfAbsent(store, s -> new java.util.HashMap<>())
                .put(partition, new StandbyCatchUp.Position(lag.currentOffsetPosition(), lag.endOffsetPosition()))));
        return positions;
      }

      @Override
      public Set<Integer> standbyPartitions() {
        Set<Integer> partitions = new HashSet<>();
        streams().metadataForLocalThreads().forEach(thread -> thread.standbyTasks().forEach(task -> partitions.add(task.taskId().partition())));
        return partitions;
      }
    };
  }

  private KafkaStreams streams() {
    KafkaStreams streams = streamsSupplier.get();
    if (streams == null) {
      throw new org.apache.kafka.streams.errors.InvalidStateStoreException("Kafka Streams has not started");
    }
    return streams;
  }
}
