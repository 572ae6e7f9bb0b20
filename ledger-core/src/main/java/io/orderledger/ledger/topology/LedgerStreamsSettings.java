package io.orderledger.ledger.topology;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams settings the ledger's topology is built on, whoever runs it (the service, {@code ledger-audit
 * replay}, the benchmarks, the tests): exactly-once v2, because every decision, movement and view of a change is
 * committed with the input's offset or not at all; and explicit names for every internal topic and store, so that a
 * change to the topology can never silently rename a changelog (and lose the state in it).
 */
public final class LedgerStreamsSettings {

  private LedgerStreamsSettings() {
  }

  /** The settings, to put over whatever else a runner configures. */
  public static Map<String, Object> required() {
    return Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
        StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
  }
}
