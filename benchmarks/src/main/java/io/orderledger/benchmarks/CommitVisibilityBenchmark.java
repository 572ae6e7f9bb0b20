package io.orderledger.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;

/**
 * How soon a {@code read_committed} consumer sees a transaction's record after {@code commitTransaction()} returns, for
 * each {@code fetch.max.wait.ms} given: the timing resolution of the freshness benchmark's commit observers. The broker
 * parks a fetch that finds nothing readable and answers it when a commit's marker makes records readable, so a long
 * wait should cost no resolution, and a short one only makes the broker answer empty fetches.
 * <p>One transaction of one record at a time, to one of 12 partitions, 10–70 ms apart (a fixed seed), so that the
 * consumer's fetches wait between commits as they do beside a poller. Waits alternate; each is run twice.
 * Run: {@code benchmarks/run.sh commit-visibility [-Dcommits=300 -Dwaits=5,500]}.
 */
public final class CommitVisibilityBenchmark {

  private static final String TOPIC = "commit-visibility";
  private static final int PARTITIONS = 12;

  public static void main(String[] args) throws Exception {
    int commits = Integer.getInteger("commits", 300);
    int[] waits = Arrays.stream(System.getProperty("waits", "5,500").split(",")).mapToInt(Integer::parseInt).toArray();
    try (BenchmarkKafka kafka = BenchmarkKafka.start(Integer.getInteger("port", 19092))) {
      kafka.createTopics(PARTITIONS, TOPIC);
      for (int round = 0; round < 2; round++) {
        for (int wait : waits) {
          long[] delays = measure(kafka.bootstrapServers(), wait, commits, "commit-visibility-" + round + "-" + wait);
          System.out.printf("fetch.max.wait %d ms: a committed record seen %.1f ms (p50), %.1f (p90), %.1f (p99), %.1f (max) after"
                  + " commitTransaction() returned; %d of %d never seen%n", wait, millis(delays, 50), millis(delays, 90), millis(delays, 99),
              millis(delays, 100), Arrays.stream(delays).filter(delay -> delay == Long.MAX_VALUE).count(), commits);
        }
      }
    }
  }

  /** Each commit's delay until the consumer had its record, in nanoseconds, sorted (Long.MAX_VALUE: never seen). */
  private static long[] measure(String bootstrapServers, int fetchMaxWaitMillis, int commits, String transactionalId) throws Exception {
    Map<Long, Long> seenAt = new ConcurrentHashMap<>();
    AtomicBoolean running = new AtomicBoolean(true);
    Map<String, Object> consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, fetchMaxWaitMillis,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    KafkaConsumer<byte[], Long> consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new LongDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (int partition = 0; partition < PARTITIONS; partition++) {
      partitions.add(new TopicPartition(TOPIC, partition));
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // only what is committed from now on
    Thread reader = new Thread(() -> {
      try (consumer) {
        while (running.get()) {
          for (ConsumerRecord<byte[], Long> record : consumer.poll(Duration.ofMillis(20))) {
            seenAt.put(record.value(), System.nanoTime());
          }
        }
      }
    }, "commit-visibility-reader");
    reader.start();

    Map<Long, Long> committedAt = new HashMap<>();
    Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId, ProducerConfig.LINGER_MS_CONFIG, 0);
    try (KafkaProducer<byte[], Long> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new LongSerializer())) {
      producer.initTransactions();
      Random random = new Random(7);
      for (long i = 0; i < commits; i++) {
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(TOPIC, random.nextInt(PARTITIONS), null, i));
        producer.commitTransaction();
        committedAt.put(i, System.nanoTime());
        TimeUnit.MILLISECONDS.sleep(10 + random.nextInt(60)); // the gap between commits is the point: fetches wait in it
      }
    }
    Await.atMost("the reader has every committed record", Duration.ofSeconds(10), Duration.ofMillis(50),
        () -> seenAt.size() >= commits);
    running.set(false);
    reader.join();
    return committedAt.entrySet().stream()
        .mapToLong(commit -> seenAt.containsKey(commit.getKey()) ? seenAt.get(commit.getKey()) - commit.getValue() : Long.MAX_VALUE)
        .sorted().toArray();
  }

  private static double millis(long[] sorted, int percentile) {
    int index = Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * percentile / 100.0) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }
}
