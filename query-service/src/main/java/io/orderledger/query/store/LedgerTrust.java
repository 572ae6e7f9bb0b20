package io.orderledger.query.store;

import io.orderledger.events.LedgerCheckpoint;
import io.orderledger.events.seal.CheckpointSignature;
import io.orderledger.events.seal.LedgerMac;

/**
 * What this service trusts the ledger's records by: the ledger's MAC secret (a record of the ledger's topics without
 * its seal is not the ledger's, and is not served), and the ledger's public key, which every checkpoint's signature is
 * checked with.
 *
 * @param signatures checks checkpoint signatures; null when no public key is configured (checkpoints are then shown
 *     as unchecked)
 */
public record LedgerTrust(LedgerMac mac, CheckpointSignature signatures) {

  /** "verified", "invalid" or "unchecked" (no public key configured). */
  public String checkSignature(LedgerCheckpoint checkpoint) {
    if (signatures == null) {
      return "unchecked";
    }
    return signatures.verifies(checkpoint) ? "verified" : "invalid";
  }
}
