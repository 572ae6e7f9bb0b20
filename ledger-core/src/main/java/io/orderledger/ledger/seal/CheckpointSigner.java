package io.orderledger.ledger.seal;

import io.orderledger.events.LedgerCheckpoint;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Signs wallet checkpoints with the ledger's Ed25519 key, over the text LedgerCheckpoint.avsc (v5) documents, so that
 * anyone holding the public key can check them without trusting the ledger's code.
 */
public final class CheckpointSigner {

  private final PrivateKey privateKey;
  private final String publicKeyBase64;
  private final String keyId;

  private CheckpointSigner(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKeyBase64 = Base64.getEncoder().encodeToString(publicKey.getEncoded());
    this.keyId = keyId(publicKey);
  }

  /**
   * @param privatePkcs8Base64 the private key: Base64 of its PKCS#8 encoding
   * @param publicX509Base64 its public key, Base64 of the X.509 encoding: published, and checked here to match
   */
  public static CheckpointSigner of(String privatePkcs8Base64, String publicX509Base64) {
    if (privatePkcs8Base64 == null || privatePkcs8Base64.isBlank() || publicX509Base64 == null || publicX509Base64.isBlank()) {
      throw new IllegalArgumentException("the ledger's checkpoint key pair is not set: give its Ed25519 private key (Base64 PKCS#8) and"
          + " public key (Base64 X.509); ./ledger-audit.sh keys prints a new pair");
    }
    try {
      KeyFactory keys = KeyFactory.getInstance("Ed25519");
      PrivateKey privateKey = keys.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privatePkcs8Base64.strip())));
      PublicKey publicKey = keys.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicX509Base64.strip())));
      CheckpointSigner signer = new CheckpointSigner(privateKey, publicKey);
      byte[] probe = "order-ledger key check".getBytes(StandardCharsets.UTF_8);
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(publicKey);
      verifier.update(probe);
      if (!verifier.verify(signer.sign(probe))) {
        throw new IllegalArgumentException("the checkpoint public key is not the private key's");
      }
      return signer;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("the ledger's checkpoint key pair is not a usable Ed25519 pair: " + e.getMessage(), e);
    }
  }

  /** Names a key: the first 16 hex characters of the SHA-256 of its X.509 encoding. */
  public static String keyId(PublicKey key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded())).substring(0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String keyId() {
    return keyId;
  }

  public String publicKeyBase64() {
    return publicKeyBase64;
  }

  /** A signed checkpoint of a wallet's chain head. */
  public LedgerCheckpoint checkpoint(String partnerId, String currency, long sequence, String hash, long balanceMinor, long bookedAt,
                                     long signedAt) {
    String text = "order-ledger checkpoint v1\n" + partnerId + "\n" + currency + "\n" + sequence + "\n" + hash + "\n" + balanceMinor + "\n"
        + bookedAt + "\n" + signedAt + "\n";
    return new LedgerCheckpoint(partnerId, currency, sequence, hash, balanceMinor, bookedAt, signedAt, keyId, "Ed25519",
        Base64.getEncoder().encodeToString(sign(text.getBytes(StandardCharsets.UTF_8))));
  }

  private byte[] sign(byte[] data) {
    try {
      Signature signature = Signature.getInstance("Ed25519");
      signature.initSign(privateKey);
      signature.update(data);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with the ledger's key", e);
    }
  }
}
