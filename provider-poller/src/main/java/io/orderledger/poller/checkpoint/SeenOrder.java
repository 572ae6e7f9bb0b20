package io.orderledger.poller.checkpoint;

import io.orderledger.events.OrderState;

/**
 * What the poller last recorded of one order still in its window.
 *
 * @param revision      how many changes of the order were recorded: the next one is {@code revision + 1}
 * @param state         the recorded state, or null when only a rejected payload is known of the order
 * @param listDigest    digest of its last list entry: the same digest again means nothing changed
 * @param recordSha     SHA-256 of its last recorded source record: an event is a different record
 * @param fieldDigests  a digest of each snapshot field (base64), to name the fields that change
 * @param createdAt     the source's creation time
 * @param updatedAt     the snapshot's update time when the change was recorded
 * @param rejectedHash  hash of the last payload of this order sent to the rejects topic, so it is sent once, or null
 * @param legacyFingerprint a first-format checkpoint's fingerprint ({@code STATE:RRC}), until the order is seen again
 */
public record SeenOrder(int revision, OrderState state, long listDigest, String recordSha, String fieldDigests, long createdAt,
                        long updatedAt, String rejectedHash, String legacyFingerprint) {

  /** The key of an entry that has no readable id: its digest, so the same broken entry is reported once. */
  public static String unidentified(long listDigest) {
    return "unidentified:" + Long.toHexString(listDigest);
  }

  /** An order known only by a rejected payload. */
  public static SeenOrder rejected(long createdAt, long updatedAt, String rejectedHash) {
    return new SeenOrder(0, null, 0, "", "", createdAt, updatedAt, rejectedHash, null);
  }

  public SeenOrder withRejectedHash(String hash) {
    return new SeenOrder(revision, state, listDigest, recordSha, fieldDigests, createdAt, updatedAt, hash, legacyFingerprint);
  }

  /** Open orders can still change whatever their age; completed ones can be reversed within the settle window. */
  public boolean isOpen() {
    return state == OrderState.PENDING || state == OrderState.PROCESSING;
  }
}
