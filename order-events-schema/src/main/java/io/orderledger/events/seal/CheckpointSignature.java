package io.orderledger.events.seal;

import io.orderledger.events.LedgerCheckpoint;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Checks a checkpoint's Ed25519 signature with the ledger's public key, over the text the schema's documentation gives
 * (LedgerCheckpoint.avsc, v5): written from that text, apart from the ledger's signer, for whoever reads checkpoints
 * (the query service, ledger-audit).
 */
public final class CheckpointSignature {

  private final PublicKey key;

  private CheckpointSignature(PublicKey key) {
    this.key = key;
  }

  /** @param x509Base64 the public key as the ledger publishes it: Base64 of its X.509 SubjectPublicKeyInfo */
  public static CheckpointSignature withPublicKey(String x509Base64) {
    try {
      return new CheckpointSignature(KeyFactory.getInstance("Ed25519")
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(x509Base64.strip()))));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not an Ed25519 public key (Base64 of its X.509 encoding): " + e.getMessage(), e);
    }
  }

  /** The key's id as checkpoints name it: the first 16 hex characters of the SHA-256 of its X.509 encoding. */
  public String keyId() {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(key.getEncoded())).substring(0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Base64 of the key's X.509 encoding: what the ledger publishes. */
  public String publicKeyBase64() {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  public boolean verifies(LedgerCheckpoint c) {
    String signed = "order-ledger checkpoint v1\n" + c.getPartnerId() + "\n" + c.getCurrency() + "\n" + c.getSequence() + "\n" + c.getHash()
        + "\n" + c.getBalanceMinor() + "\n" + c.getBookedAt() + "\n" + c.getSignedAt() + "\n";
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(signed.getBytes(StandardCharsets.UTF_8));
      return verifier.verify(Base64.getDecoder().decode(c.getSignature()));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }
}
