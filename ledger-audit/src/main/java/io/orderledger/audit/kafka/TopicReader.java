package io.orderledger.audit.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a topic's committed records in offset order per partition, from where it last stopped to an end that the
 * caller takes as a snapshot: one pass at a time, so that a command can read a little of each topic in turn and
 * {@code --follow} can go on where the last pass ended.
 */
public final class TopicReader implements AutoCloseable {

  /** What a reader does with each record. */
  public interface Handler {
    void accept(ConsumerRecord<byte[], byte[]> record);
  }

  private final Cluster cluster;
  private final String topic;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<TopicPartition> partitions;
  private final Map<TopicPartition, Long> positions = new HashMap<>();

  public TopicReader(Cluster cluster, String topic) {
    this.cluster = cluster;
    this.topic = topic;
    this.consumer = cluster.consumer();
    this.partitions = cluster.partitions(topic);
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    for (TopicPartition partition : partitions) {
      positions.put(partition, consumer.position(partition));
    }
  }

  public String topic() {
    return topic;
  }

  public List<TopicPartition> partitions() {
    return partitions;
  }

  /** Where the next pass starts, per partition. */
  public Map<TopicPartition, Long> positions() {
    return Map.copyOf(positions);
  }

  /** The topic's end now (last stable offsets): a pass reads up to here. */
  public Map<TopicPartition, Long> end() {
    return cluster.endOffsets(topic);
  }

  /**
   * Reads every committed record before {@code end} (per partition; partitions not in it are not read), handing each
   * to {@code handler} in offset order per partition.
   *
   * @return how many records were read
   */
  public long readTo(Map<TopicPartition, Long> end, Handler handler) {
    long read = 0;
    while (behind(end)) {
      Map<TopicPartition, Long> overshot = new HashMap<>();
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Long stop = end.get(partition);
        if (stop != null && record.offset() < stop) {
          handler.accept(record);
          read++;
        } else {
          overshot.putIfAbsent(partition, stop == null ? record.offset() : stop);
        }
      }
      // A fetch may bring records past this pass's end: the next pass starts at the end, not after them.
      overshot.forEach(consumer::seek);
      for (TopicPartition partition : partitions) {
        positions.put(partition, consumer.position(partition));
      }
      pauseThoseAtTheirEnd(end);
    }
    consumer.resume(consumer.paused());
    return read;
  }

  private boolean behind(Map<TopicPartition, Long> end) {
    for (TopicPartition partition : partitions) {
      Long stop = end.get(partition);
      if (stop != null && positions.get(partition) < stop) {
        return true;
      }
    }
    return false;
  }

  /** A partition already at its end is paused so that the others' records are not fetched past theirs. */
  private void pauseThoseAtTheirEnd(Map<TopicPartition, Long> end) {
    for (TopicPartition partition : partitions) {
      Long stop = end.get(partition);
      if (stop == null || positions.get(partition) >= stop) {
        consumer.pause(List.of(partition));
      }
    }
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
