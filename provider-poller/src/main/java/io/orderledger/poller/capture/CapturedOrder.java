package io.orderledger.poller.capture;

import io.orderledger.events.SourceRecord;
import io.orderledger.poller.mapping.Observation;

/**
 * One order as a scan captured it: mapped, and its record as the source sent it (redacted, canonical, hashed).
 *
 * @param listDigest digest of its list entry as listed, so the next scan can tell at a glance that nothing changed
 */
public record CapturedOrder(Observation observation, long listDigest, SourceRecord sourceRecord) {

}
