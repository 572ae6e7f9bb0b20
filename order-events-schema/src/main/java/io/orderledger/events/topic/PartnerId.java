package io.orderledger.events.topic;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Rules for partner ids, which are Kafka keys and the unit of ordering: all of a partner's records share one partition.
 */
public final class PartnerId {

  private PartnerId() {
  }

  /** Letters, digits, '.', '_' and '-', 1 to 64 of them: safe in keys, URLs, logs and the {@link OrderKey} separator. */
  public static boolean isValid(String partnerId) {
    // A plain loop rather than a regex: this runs once per event on the ledger's hot path.
    if (partnerId == null || partnerId.isEmpty() || partnerId.length() > 64) {
      return false;
    }
    for (int i = 0; i < partnerId.length(); i++) {
      char c = partnerId.charAt(i);
      boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
      if (!allowed) {
        return false;
      }
    }
    return true;
  }

  public static String requireValid(String partnerId) {
    if (!isValid(partnerId)) {
      throw new IllegalArgumentException("invalid partner id '" + partnerId + "': use 1-64 of [A-Za-z0-9._-]");
    }
    return partnerId;
  }

  /**
   * The partition that Kafka's default partitioner gives a record keyed by this partner id (UTF-8 string key).
   * Every topic keyed or partitioned by partner uses it, so that one partner is on the same partition number everywhere.
   */
  public static int partitionOf(String partnerId, int numPartitions) {
    return Utils.toPositive(Utils.murmur2(partnerId.getBytes(StandardCharsets.UTF_8))) % numPartitions;
  }
}
