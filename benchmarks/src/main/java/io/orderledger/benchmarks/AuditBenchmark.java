package io.orderledger.benchmarks;

import io.orderledger.benchmarks.freshness.FollowingVerifier;
import io.orderledger.benchmarks.freshness.ProcessCpu;
import io.orderledger.events.codec.EventSerdes;
import io.orderledger.ledger.topology.LedgerMetrics;
import io.orderledger.ledger.seal.LedgerSeal;
import io.orderledger.ledger.topology.LedgerTopicNames;
import io.orderledger.ledger.topology.LedgerTopics;
import io.orderledger.ledger.topology.LedgerTopology;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code ledger-audit verify} against a plain read_committed consume of the same topics, in the same run.
 *
 * <p>The ledger folds {@code events} realistic events ({@link OrderFlow}); then, in turn: the baseline reads every
 * record of order-events, ledger-decisions, wallet-journal, order-views and order-events-rejected with one consumer and
 * nothing else; the tool runs as a user runs it, {@code java -Xmx1g -jar ledger-audit-*-all.jar verify} (as
 * {@code ledger-audit.sh}; {@code -DverifyHeap=512m} to try another), in its own JVM: finishing at all is the proof
 * that the heap stayed under it. Rates are input events per
 * second, and the ledger's own fold rate is beside them. Then {@code verify --follow} over the same topics: once it has
 * caught up, the CPU each pass costs at rest ({@code -DrestPasses=30}), for this build and, with
 * {@code -DbaselineAuditJar=<jar>}, an older one in the same run. Run:
 * {@code benchmarks/run.sh audit [-Devents=1000000 -Drounds=2 -DbaselineAuditJar=/tmp/ledger-audit-before.jar]}.
 */
public final class AuditBenchmark {

  public static void main(String[] args) throws Exception {
    long events = Long.getLong("events", 1_000_000);
    int partitions = Integer.getInteger("partitions", 6);
    int rounds = Integer.getInteger("rounds", 2);
    EventSerdes serdes = EventSerdes.shipped();
    LedgerTopicNames names = LedgerTopicNames.defaults();
    Path jar = Path.of("ledger-audit", "target", "ledger-audit-0.1.0-SNAPSHOT-all.jar");
    try (BenchmarkKafka kafka = BenchmarkKafka.start(Integer.getInteger("port", 19092))) {
      kafka.createTopics(partitions, names.orderEvents(), names.orderViews(), names.walletJournal(), names.rejected(),
          names.walletDiscrepancies(), names.orderOwners(), names.decisions(), names.checkpoints());
      LedgerBenchmark.fill(kafka, names.orderEvents(), events, 200, serdes);
      AtomicLong decided = new AtomicLong();
      LedgerMetrics counting = new LedgerMetrics() {
        @Override
        public void decided(io.orderledger.events.DecisionKind kind) {
          decided.incrementAndGet();
        }
      };
      double fold = kafka.measure("ledger", LedgerTopology.build(LedgerTopics.of(names, serdes), serdes, counting, LedgerSeal.ephemeral()), names.orderEvents(),
          partitions, events, decided::get, Map.of());
      System.out.printf("input: %,d events folded by the ledger (%,.0f events/s)%n", events, fold);
      // This build's jar and, with -DbaselineAuditJar=<an older build's jar>, that one first, in the same run.
      Map<String, Path> jars = new java.util.LinkedHashMap<>();
      if (System.getProperty("baselineAuditJar") != null) {
        jars.put("baseline", Path.of(System.getProperty("baselineAuditJar")));
      }
      jars.put("this build", jar);
      String heap = System.getProperty("verifyHeap", "1g");
      List<String> topics = List.of(names.orderEvents(), names.decisions(), names.walletJournal(), names.orderViews(), names.rejected());
      double plainMean = 0;
      double verifyMean = 0;
      for (int round = 1; round <= rounds; round++) {
        long start = System.nanoTime();
        long records = plainConsume(kafka, topics);
        double plainSeconds = (System.nanoTime() - start) / 1e9;
        double plain = events / plainSeconds;
        plainMean += plain / rounds;
        System.out.printf("round %d: plain consume of %,d records in %.1f s (%,.0f input events/s)%n", round, records, plainSeconds, plain);
        for (Map.Entry<String, Path> build : jars.entrySet()) {
          start = System.nanoTime();
          Process verify = new ProcessBuilder("java", "-Xmx" + heap, "-jar", build.getValue().toString(), "verify", "--bootstrap-servers",
              kafka.bootstrapServers(), "--quiet").redirectErrorStream(true).start();
          String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
          int exit = verify.waitFor();
          double verifySeconds = (System.nanoTime() - start) / 1e9;
          if (exit != 0) {
            // Said, not thrown: a heap too small for the input is a figure too, and the other build still runs.
            System.out.printf("  verify, %s, -Xmx%s: exit %d after %.1f s: %s%n", build.getKey(), heap, exit, verifySeconds,
                output.contains("OutOfMemoryError") ? "OutOfMemoryError" : output.strip());
            continue;
          }
          double verified = events / verifySeconds;
          System.out.printf("  verify, %s, -Xmx%s: %.1f s (%,.0f events/s, JVM start included); %.2f of the plain consume, %.2f of the"
              + " ledger's fold%n  %s%n", build.getKey(), heap, verifySeconds, verified, verified / plain, verified / fold,
              output.strip().replace("\n", "\n  "));
          if (build.getKey().equals("this build")) {
            verifyMean += verified / rounds;
          }
        }
      }
      System.out.printf("RESULT audit-verify events=%d plain-consume=%.0f/s verify=%.0f/s ratio=%.2f heap=%s"
          + " verify_over_ledger_fold=%.2f%n", events, plainMean, verifyMean, verifyMean / plainMean, heap, verifyMean / fold);

      // verify --follow at rest over everything just folded: what each pass costs once it has caught up, which is what
      // an auditor's follower costs between bursts.
      int restPasses = Integer.getInteger("restPasses", 30);
      Map<String, Double> perPass = new java.util.LinkedHashMap<>();
      for (Map.Entry<String, Path> build : jars.entrySet()) {
        long start = System.nanoTime();
        try (FollowingVerifier follower = FollowingVerifier.start(build.getValue(), kafka.bootstrapServers(), null, heap)) {
          try {
            follower.awaitCaughtUp(Duration.ofMinutes(10));
          } catch (IllegalStateException stopped) {
            // Said, not thrown, as above: the other build still runs.
            System.out.printf("verify --follow, %s, -Xmx%s: %s%n", build.getKey(), heap, stopped.getMessage().contains("OutOfMemoryError")
                ? "stopped: OutOfMemoryError" : stopped.getMessage());
            continue;
          }
          double catchUp = (System.nanoTime() - start) / 1e9;
          ProcessCpu cpu = new ProcessCpu(Map.of("verify", follower.pid()));
          Map<String, Long> before = cpu.sample();
          long from = System.nanoTime();
          follower.awaitMorePasses(restPasses, Duration.ofMinutes(10));
          long used = ProcessCpu.between(before, cpu.sample()).get("verify");
          long elapsedMillis = (System.nanoTime() - from) / 1_000_000;
          perPass.put(build.getKey(), used / (double) restPasses);
          System.out.printf("verify --follow, %s (%s): caught up with %,d events in %.1f s; then at rest, %d passes in %.1f s: %,d ms of"
              + " CPU, %.1f ms per pass (%.1f%% of a core); differences %d%n", build.getKey(), build.getValue(), events, catchUp,
              restPasses, elapsedMillis / 1e3, used, perPass.get(build.getKey()), used * 100.0 / elapsedMillis, follower.differences());
        }
      }
      if (perPass.containsKey("baseline") && perPass.containsKey("this build")) {
        System.out.printf("RESULT audit-follow-at-rest events=%d heap=%s baseline_ms_per_pass=%.1f this_ms_per_pass=%.1f ratio=%.2f%n", events,
            heap, perPass.get("baseline"), perPass.get("this build"), perPass.get("this build") / perPass.get("baseline"));
      } else {
        System.out.printf("RESULT audit-follow-at-rest events=%d heap=%s ms_per_pass=%s%n", events, heap,
            perPass.containsKey("this build") ? String.format("%.1f", perPass.get("this build")) : "none (stopped)");
      }
    }
  }

  /** Every committed record of the topics, one consumer, read to their ends and dropped. */
  private static long plainConsume(BenchmarkKafka kafka, List<String> topics) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.GROUP_ID_CONFIG, "plain-" + UUID.randomUUID(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000,
        ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = topics.stream().flatMap(t -> consumer.partitionsFor(t).stream()
          .map(p -> new TopicPartition(t, p.partition()))).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long records = 0;
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        records += consumer.poll(Duration.ofMillis(200)).count();
      }
      return records;
    }
  }
}
