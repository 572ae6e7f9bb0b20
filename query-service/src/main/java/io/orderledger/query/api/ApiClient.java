package io.orderledger.query.api;

import java.util.Set;

/**
 * Who is calling: the partner an API key belongs to and what it may do.
 *
 * @param keyId a short, non-secret name for the key (the first 8 hex digits of its hash), for logs and rate limits
 */
public record ApiClient(String partnerId, Set<String> permissions, String keyId) {

  public static final String ORDERS_READ = "orders:read";
  public static final String WALLET_READ = "wallet:read";
  /** Histories, statements and answers as of a time: what an auditor reads. */
  public static final String AUDIT_READ = "audit:read";

  public ApiClient {
    permissions = Set.copyOf(permissions);
  }

  public boolean may(String permission) {
    return permissions.contains(permission);
  }
}
