package io.orderledger.events.topic;

/**
 * How a service creates the topics it uses when they are missing.
 *
 * @param create whether to create missing topics at startup (existing ones are never changed)
 * @param partitions partition count; every topic keyed or partitioned by partner must have the same
 * @param replicationFactor 3 in a real cluster
 * @param minInsyncReplicas set on created topics when above 1
 */
public record TopicSettings(boolean create, int partitions, short replicationFactor, int minInsyncReplicas) {

  /**
   * The partition count every service creates its topics with unless configured otherwise: one constant, because a
   * partner's records must sit on the same partition number in every topic (the query service serves a partner from
   * the one task holding all of them). A string, for the services' {@code @DefaultValue}.
   */
  public static final String DEFAULT_PARTITIONS = "12";

  public TopicSettings {
    if (partitions < 1 || replicationFactor < 1 || minInsyncReplicas < 1) {
      throw new IllegalArgumentException("partitions, replication factor and min.insync.replicas must be positive");
    }
  }
}
