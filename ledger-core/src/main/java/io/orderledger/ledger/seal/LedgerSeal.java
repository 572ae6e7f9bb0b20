package io.orderledger.ledger.seal;

import io.orderledger.events.seal.LedgerMac;
import java.time.Duration;

/**
 * What the ledger puts its name to: a MAC on every record it publishes ({@link LedgerMac}), and signed checkpoints of
 * every wallet's chain head, after every {@code everyEntries} entries of a wallet and every {@code every} for a wallet
 * that moved since its last one.
 */
public record LedgerSeal(LedgerMac mac, CheckpointSigner signer, int everyEntries, Duration every) {

  /** The cadence a deployment gets unless it sets one: every 1,000 entries of a wallet, and every 10 s for one that moved. */
  public static final int DEFAULT_EVERY_ENTRIES = 1_000;
  public static final Duration DEFAULT_EVERY = Duration.ofSeconds(10);

  /**
   * A seal with keys made up on the spot, for a ledger whose outputs only the caller reads (a benchmark, a test of the
   * topology): nothing it sealed or signed can be checked by anyone who did not get these keys from the caller.
   */
  public static LedgerSeal ephemeral() {
    byte[] secret = new byte[32];
    new java.security.SecureRandom().nextBytes(secret);
    return ephemeral(java.util.Base64.getEncoder().encodeToString(secret));
  }

  /** The same with a given MAC key, for a reader in the same run that must trust what this seal wrote. */
  public static LedgerSeal ephemeral(String macKeyBase64) {
    try {
      java.security.KeyPair pair = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      java.util.Base64.Encoder base64 = java.util.Base64.getEncoder();
      return new LedgerSeal(LedgerMac.withKey(macKeyBase64),
          CheckpointSigner.of(base64.encodeToString(pair.getPrivate().getEncoded()), base64.encodeToString(pair.getPublic().getEncoded())),
          DEFAULT_EVERY_ENTRIES, DEFAULT_EVERY);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is part of every JVM from 15 on", e);
    }
  }

  public LedgerSeal {
    if (everyEntries < 1) {
      throw new IllegalArgumentException("a checkpoint every " + everyEntries + " entries: give 1 or more");
    }
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("a checkpoint every " + every + ": give a positive duration");
    }
  }
}
