package io.orderledger.events.progress;

import io.orderledger.events.progress.ProgressTracker.Sample;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Takes a {@link Sample} of one application's standing with Kafka's Admin API: every partition of its inputs has a
 * leader (else nothing can be read there), every partition of its outputs has a leader and at least
 * {@code min.insync.replicas} in-sync replicas (else no transactional write commits there), and how far its consumer
 * group's committed offsets are behind the inputs' last committed records.
 */
public final class ProgressProbe implements AutoCloseable {

  private static final long TIMEOUT_MS = 5_000;

  private final Admin admin;
  private final String groupId;
  private final Set<String> inputs;
  private final Set<String> outputs;
  private final Map<String, Integer> minInsyncByTopic = new HashMap<>();
  /** Each input partition's end at the last look: read past all of them since, the data is at most one look old. */
  private Map<TopicPartition, Long> endsAtLastLook = Map.of();

  /**
   * @param admin closed with this probe
   * @param groupId the application's consumer group (a Kafka Streams application id); its changelog topics
   *     ({@code <groupId>-...-changelog}) are outputs too, found as they appear
   */
  public ProgressProbe(Admin admin, String groupId, Collection<String> inputs, Collection<String> outputs) {
    this.admin = admin;
    this.groupId = groupId;
    this.inputs = Set.copyOf(inputs);
    this.outputs = new java.util.HashSet<>(outputs);
  }

  /** The application's changelogs: a store whose changelog cannot be written stops the application as surely. */
  private void addChangelogs() throws ExecutionException, InterruptedException, TimeoutException {
    for (String topic : admin.listTopics().names().get(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
      if (topic.startsWith(groupId + "-") && topic.endsWith("-changelog")) {
        outputs.add(topic);
      }
    }
  }

  public Sample sample() {
    try {
      List<String> blockers = new ArrayList<>();
      addChangelogs();
      Set<String> all = new java.util.TreeSet<>(inputs);
      all.addAll(outputs);
      Map<String, TopicDescription> topics = admin.describeTopics(all).allTopicNames().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      loadMinInsync(all);
      List<TopicPartition> inputPartitions = new ArrayList<>();
      for (TopicDescription topic : topics.values()) {
        for (TopicPartitionInfo partition : topic.partitions()) {
          String name = topic.name() + "-" + partition.partition();
          if (partition.leader() == null) {
            blockers.add(name + " has no leader");
          } else if (outputs.contains(topic.name()) && partition.isr().size() < minInsyncByTopic.getOrDefault(topic.name(), 1)) {
            blockers.add(name + " has " + partition.isr().size() + " in-sync replica(s), fewer than min.insync.replicas "
                + minInsyncByTopic.get(topic.name()) + ": no write commits there");
          }
          if (inputs.contains(topic.name())) {
            inputPartitions.add(new TopicPartition(topic.name(), partition.partition()));
          }
        }
      }
      if (blockers.size() > 3) {
        int more = blockers.size() - 3;
        blockers = new ArrayList<>(blockers.subList(0, 3));
        blockers.add("and " + more + " more partitions");
      }
      if (!blockers.isEmpty()) {
        return new Sample(blockers, -1, -1);
      }
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
          .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      inputPartitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest,
          new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      long lag = 0;
      long position = 0;
      boolean readLastLooksEnds = !endsAtLastLook.isEmpty();
      Map<TopicPartition, Long> endsNow = new HashMap<>();
      for (TopicPartition partition : inputPartitions) {
        OffsetAndMetadata offset = committed.get(partition);
        long at = offset == null ? 0 : offset.offset();
        long end = ends.get(partition).offset();
        // A transaction's commit marker after the last record may leave the end one past what a consumer commits: a
        // partition one behind counts as read (the cost: one lone record stuck at the very end goes unnoticed).
        lag += Math.max(0, end - at - 1);
        position += at;
        readLastLooksEnds &= at >= endsAtLastLook.getOrDefault(partition, Long.MAX_VALUE) - 1;
        endsNow.put(partition, end);
      }
      endsAtLastLook = endsNow;
      return new Sample(List.of(), lag, position, readLastLooksEnds);
    } catch (ExecutionException e) {
      return Sample.unreachable(e.getCause() == null ? e.toString() : e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
    } catch (TimeoutException e) {
      return Sample.unreachable("no answer in " + TIMEOUT_MS + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Sample.unreachable("interrupted");
    }
  }

  private void loadMinInsync(Set<String> topics) throws ExecutionException, InterruptedException, TimeoutException {
    List<ConfigResource> missing = topics.stream().filter(t -> !minInsyncByTopic.containsKey(t))
        .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
    if (missing.isEmpty()) {
      return;
    }
    Map<ConfigResource, Config> configs = admin.describeConfigs(missing).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    configs.forEach((resource, config) -> {
      var entry = config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
      minInsyncByTopic.put(resource.name(), entry == null || entry.value() == null ? 1 : Integer.parseInt(entry.value()));
    });
  }

  @Override
  public void close() {
    admin.close(java.time.Duration.ofSeconds(5));
  }
}
