package io.orderledger.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The local stack's secrets, made at its first start and kept under {@code <data>/secrets/}, readable by their owner
 * only: the ledger's MAC secret (shared with the query service), its Ed25519 checkpoint key pair, and the poller's
 * redaction key. They reach the services through their environment, never their command lines (which {@code ps} shows
 * to every user of the machine). The public key is what {@code ./ledger-audit.sh verify} checks checkpoints with.
 */
final class StackSecrets {

  static final String PUBLIC_KEY_FILE = "ledger-checkpoint.pub";

  private final String ledgerMac;
  private final String checkpointPrivate;
  private final String checkpointPublic;
  private final String redactionKey;
  private final String cursorSecret;

  private StackSecrets(String ledgerMac, String checkpointPrivate, String checkpointPublic, String redactionKey, String cursorSecret) {
    this.ledgerMac = ledgerMac;
    this.checkpointPrivate = checkpointPrivate;
    this.checkpointPublic = checkpointPublic;
    this.redactionKey = redactionKey;
    this.cursorSecret = cursorSecret;
  }

  /** The secrets kept under {@code dataDir}; any that is missing (a first start, or an older stack's folder) is made now. */
  static StackSecrets loadOrCreate(Path dataDir) {
    Path dir = dataDir.resolve("secrets");
    try {
      Files.createDirectories(dir);
      ownerOnly(dir, "rwx------");
      if (!Files.exists(dir.resolve(PUBLIC_KEY_FILE)) || !Files.exists(dir.resolve("ledger-checkpoint.key"))) {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Base64.Encoder base64 = Base64.getEncoder();
        write(dir.resolve("ledger-checkpoint.key"), base64.encodeToString(pair.getPrivate().getEncoded()));
        write(dir.resolve(PUBLIC_KEY_FILE), base64.encodeToString(pair.getPublic().getEncoded()));
      }
      for (String file : List.of("ledger-mac.key", "redaction.key", "query-cursor.key")) {
        if (!Files.exists(dir.resolve(file))) {
          write(dir.resolve(file), random(32));
        }
      }
      return new StackSecrets(read(dir.resolve("ledger-mac.key")), read(dir.resolve("ledger-checkpoint.key")),
          read(dir.resolve(PUBLIC_KEY_FILE)), read(dir.resolve("redaction.key")), read(dir.resolve("query-cursor.key")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the stack's secrets in " + dir, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is part of every JVM from 15 on", e);
    }
  }

  Map<String, String> ledger() {
    return Map.of("LEDGER_MAC_KEY", ledgerMac, "LEDGER_CHECKPOINTS_SIGNING_KEY", checkpointPrivate,
        "LEDGER_CHECKPOINTS_PUBLIC_KEY", checkpointPublic);
  }

  Map<String, String> query() {
    return Map.of("QUERY_LEDGER_MAC_KEY", ledgerMac, "QUERY_LEDGER_PUBLIC_KEY", checkpointPublic, "QUERY_CURSOR_SECRET", cursorSecret);
  }

  Map<String, String> poller() {
    return Map.of("POLLER_REDACTIONKEY", redactionKey);
  }

  /** Every secret value, for a test that looks for them where they must not be. */
  List<String> values() {
    return List.of(ledgerMac, checkpointPrivate, redactionKey, cursorSecret);
  }

  private static String random(int bytes) {
    byte[] secret = new byte[bytes];
    new SecureRandom().nextBytes(secret);
    return Base64.getEncoder().encodeToString(secret);
  }

  private static void write(Path file, String value) throws IOException {
    Files.writeString(file, value + "\n", StandardCharsets.US_ASCII);
    ownerOnly(file, "rw-------");
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.US_ASCII).strip();
  }

  private static void ownerOnly(Path path, String permissions) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    } catch (UnsupportedOperationException notPosix) {
      // A file system without POSIX permissions: nothing more to restrict here.
    }
  }
}
