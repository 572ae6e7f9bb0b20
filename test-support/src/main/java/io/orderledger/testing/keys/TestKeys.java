package io.orderledger.testing.keys;

/**
 * The keys tests give the services they start, so that a test's ledger and its query service (or its verify) trust one
 * another, as a deployment's do. Made for tests and known to everyone who reads this file: never a deployment's.
 */
public final class TestKeys {

  /** The ledger's MAC secret (Base64 of 32 bytes), shared with the query service. */
  public static final String LEDGER_MAC = "jPr5mR5CYsSGSx9tn98lpvFLGKhq7R2cOJi2Jl9y7fg=";
  /** The ledger's Ed25519 checkpoint key: private (PKCS#8) and public (X.509), Base64. */
  public static final String CHECKPOINT_PRIVATE = "MC4CAQAwBQYDK2VwBCIEINULFgo48aJKuUwEARS9iC9bUlMwFEa0Tq9Dt5+PJFhr";
  public static final String CHECKPOINT_PUBLIC = "MCowBQYDK2VwAyEAyozgwW86tF+UxrlvncmeICU332wXtmXmSB2R5y/AyUA=";

  private TestKeys() {
  }

  /** The ledger's keys as a service reads them, from its environment (never its command line, where ps shows them). */
  public static java.util.Map<String, String> ledgerEnvironment() {
    return java.util.Map.of("LEDGER_MAC_KEY", LEDGER_MAC, "LEDGER_CHECKPOINTS_SIGNING_KEY", CHECKPOINT_PRIVATE,
        "LEDGER_CHECKPOINTS_PUBLIC_KEY", CHECKPOINT_PUBLIC);
  }
}
