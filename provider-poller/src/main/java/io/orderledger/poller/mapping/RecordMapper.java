package io.orderledger.poller.mapping;

import tools.jackson.databind.JsonNode;

/**
 * Turns one record of a source into the canonical snapshot. Pure: no I/O, no clock; the same record and time map to
 * the same observation. One per API shape, tested on the seeds' own example payloads.
 */
public interface RecordMapper {

  /** The record's own id, read on its own so a record that cannot be mapped can still be traced to its order. */
  String nativeId(JsonNode record);

  /**
   * @param observedAt when it was read: the snapshot's updatedAt for sources that report no update time
   * @throws MappingException with the reject reason when the record cannot be mapped
   */
  Observation map(JsonNode record, long observedAt);
}
