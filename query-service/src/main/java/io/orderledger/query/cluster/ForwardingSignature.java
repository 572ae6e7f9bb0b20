package io.orderledger.query.cluster;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How one query-service instance vouches for a request it passes on to another: never the partner's API key (which
 * would then travel between instances and sit in their logs), but an HMAC-SHA256, under a secret only the instances
 * share ({@code query.cluster-secret}), over the method, the path and query, the partner, the permissions the key was
 * found to hold, and the time. The receiving instance accepts it for {@link #VALIDITY} either side of its own clock,
 * for that exact request only; a client that sends the header itself cannot make one, and gets 400.
 *
 * <p>Header value: {@code v1;<partner>;<permissions, comma-separated>;<unix ms>;<hex MAC>}.
 */
public final class ForwardingSignature {

  /** The header a forwarded request carries. */
  public static final String HEADER = "X-Order-Ledger-Forwarded";
  /** How far a signature's time may be from the receiving instance's clock. */
  public static final Duration VALIDITY = Duration.ofSeconds(30);

  /** Who the signing instance found the caller to be. */
  public record Caller(String partnerId, Set<String> permissions) {
  }

  private final byte[] secret;
  private final Clock clock;

  private ForwardingSignature(byte[] secret, Clock clock) {
    this.secret = secret;
    this.clock = clock;
  }

  /** @param base64Secret the cluster's shared secret, Base64, at least 32 bytes */
  public static ForwardingSignature withSecret(String base64Secret, Clock clock) {
    byte[] secret;
    try {
      secret = Base64.getDecoder().decode(base64Secret.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("query.cluster-secret must be Base64 (openssl rand -base64 32)");
    }
    if (secret.length < 32) {
      throw new IllegalArgumentException("query.cluster-secret must be at least 32 bytes (openssl rand -base64 32)");
    }
    return new ForwardingSignature(secret, clock);
  }

  /** The header value for passing {@code method pathAndQuery} on for this caller, now. */
  public String sign(String method, String pathAndQuery, Caller caller) {
    long at = clock.millis();
    String permissions = String.join(",", new TreeSet<>(caller.permissions()));
    return "v1;" + caller.partnerId() + ";" + permissions + ";" + at + ";" + mac(method, pathAndQuery, caller.partnerId(), permissions, at);
  }

  /** The caller the header vouches for, or empty when it is not a valid signature of this request, made recently. */
  public Optional<Caller> verify(String header, String method, String pathAndQuery) {
    if (header == null) {
      return Optional.empty();
    }
    String[] parts = header.split(";", -1);
    if (parts.length != 5 || !parts[0].equals("v1") || parts[1].isEmpty()) {
      return Optional.empty();
    }
    long at;
    try {
      at = Long.parseLong(parts[3]);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (Math.abs(clock.millis() - at) > VALIDITY.toMillis()) {
      return Optional.empty();
    }
    byte[] expected = mac(method, pathAndQuery, parts[1], parts[2], at).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, parts[4].getBytes(StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    Set<String> permissions = parts[2].isEmpty() ? Set.of() : Set.copyOf(List.of(parts[2].split(",")));
    return Optional.of(new Caller(parts[1], permissions));
  }

  private String mac(String method, String pathAndQuery, String partnerId, String permissions, long at) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      String text = "order-ledger forward v1\n" + method + "\n" + pathAndQuery + "\n" + partnerId + "\n" + permissions + "\n" + at + "\n";
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
