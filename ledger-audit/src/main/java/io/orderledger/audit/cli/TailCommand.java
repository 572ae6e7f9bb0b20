package io.orderledger.audit.cli;

import io.orderledger.audit.ExitCode;
import io.orderledger.audit.kafka.Cluster;
import io.orderledger.audit.tail.RecordJson;
import io.orderledger.events.codec.SchemaCatalog;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code tail}: any of the project's topics as JSON lines, decoded with the schema that wrote each record. */
@Command(name = "tail", mixinStandardHelpOptions = true,
    description = {"Print a topic's committed records as JSON lines: {topic, partition, offset, timestamp, key, schema, value}.",
        "Values in single-object encoding are decoded with whichever released schema wrote them."})
public final class TailCommand implements Callable<Integer> {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Mixin
  KafkaOptions kafka;

  @Spec
  CommandSpec spec;

  @Option(names = "--topic", required = true, paramLabel = "NAME", description = "The topic to read.")
  String topic;

  @ArgGroup(exclusive = true)
  Start start = new Start();

  static final class Start {
    @Option(names = "--from-beginning", description = "Start at each partition's first record (default: at the end, new records only).")
    boolean beginning;

    @Option(names = "--from", paramLabel = "TIME", converter = TimeConverter.class,
        description = "Start at the first record at or after this time (epoch ms or RFC 3339).")
    Instant from;
  }

  @Option(names = "--partner", paramLabel = "ID", description = "Only records of this partner (by key or by the value's partnerId).")
  String partner;

  @Option(names = "--format", defaultValue = "json", paramLabel = "FORMAT", description = "json (JSON lines; the only format).")
  String format;

  @Option(names = "--exit-at-end", description = "Stop at the end of the topic instead of waiting for new records.")
  boolean exitAtEnd;

  @Option(names = "--max-records", paramLabel = "N", description = "Stop after printing N records.")
  Long maxRecords;

  @Override
  public Integer call() {
    if (!"json".equals(format)) {
      throw new io.orderledger.audit.CannotRun("unknown format " + format + ": json is the only one");
    }
    PrintWriter out = spec.commandLine().getOut();
    RecordJson decoder = new RecordJson(SchemaCatalog.shipped());
    try (Cluster cluster = kafka.connect(); KafkaConsumer<byte[], byte[]> consumer = cluster.consumer()) {
      cluster.require(topic, "the topic to tail");
      List<TopicPartition> partitions = cluster.partitions(topic);
      consumer.assign(partitions);
      if (start.beginning) {
        consumer.seekToBeginning(partitions);
      } else if (start.from != null) {
        var query = new java.util.HashMap<TopicPartition, Long>();
        partitions.forEach(p -> query.put(p, start.from.toEpochMilli()));
        var found = consumer.offsetsForTimes(query);
        var ends = consumer.endOffsets(partitions);
        partitions.forEach(p -> consumer.seek(p, found.get(p) == null ? ends.get(p) : found.get(p).offset()));
      } else {
        consumer.seekToEnd(partitions);
      }
      var end = consumer.endOffsets(partitions);
      long printed = 0;
      while (true) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          RecordJson.Decoded value = decoder.value(record.value());
          JsonNode key = RecordJson.key(record.key());
          if (partner != null && !belongsTo(key, value.json())) {
            continue;
          }
          ObjectNode line = JsonNodeFactory.instance.objectNode();
          line.put("topic", record.topic());
          line.put("partition", record.partition());
          line.put("offset", record.offset());
          line.put("timestamp", record.timestamp());
          line.set("key", key);
          line.put("schema", value.schema());
          if (value.failure() != null) {
            line.put("decodingFailure", value.failure());
          }
          line.set("value", value.json());
          out.println(JSON.writeValueAsString(line));
          if (maxRecords != null && ++printed >= maxRecords) {
            out.flush();
            return ExitCode.OK;
          }
        }
        out.flush();
        if (exitAtEnd && partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p))) {
          return ExitCode.OK;
        }
      }
    }
  }

  private boolean belongsTo(JsonNode key, JsonNode value) {
    String keyText = key.isString() ? key.asString() : "";
    return keyText.equals(partner) || keyText.startsWith(partner + "/") || partner.equals(value.path("partnerId").asString(null));
  }
}
