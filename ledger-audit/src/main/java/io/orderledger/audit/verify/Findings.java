package io.orderledger.audit.verify;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a verify found: every difference counted by kind and by partner, the first ones kept in full for the report
 * (a broken ledger can differ in millions of places; the first thousands say where and how), the unreadable inputs,
 * and each wallet's summary with its balance over time.
 */
public final class Findings {

  /** How many differences and unreadable inputs are kept in full; the rest are only counted. */
  static final int KEPT = 10_000;

  /** An input record that is not an event: the ledger rejects it, which the verify checks; listed for the auditor. */
  public record Unreadable(int partition, long offset, String failure) {
  }

  private final List<Difference> kept = new ArrayList<>();
  private final Map<Difference.Kind, Long> byKind = new EnumMap<>(Difference.Kind.class);
  private final Map<String, Long> byPartner = new TreeMap<>();
  private final List<Unreadable> unreadable = new ArrayList<>();
  private final Map<String, WalletSummary> wallets = new TreeMap<>();
  private long unreadableCount;
  private long total;

  /** Public for the comparisons made outside Kafka (the API's), which add what they found. */
  public void add(Difference difference) {
    total++;
    byKind.merge(difference.kind(), 1L, Long::sum);
    if (difference.partnerId() != null) {
      byPartner.merge(difference.partnerId(), 1L, Long::sum);
    }
    if (kept.size() < KEPT) {
      kept.add(difference);
    }
  }

  void unreadable(int partition, long offset, String failure) {
    unreadableCount++;
    if (unreadable.size() < KEPT) {
      unreadable.add(new Unreadable(partition, offset, failure));
    }
  }

  WalletSummary wallet(String partnerId, String currency) {
    return wallets.computeIfAbsent(partnerId + "|" + currency, k -> new WalletSummary(partnerId, currency));
  }

  /** A partner is known once it has a wallet or a difference. */
  void partner(String partnerId) {
    byPartner.putIfAbsent(partnerId, 0L);
  }

  public long total() {
    return total;
  }

  public List<Difference> kept() {
    return kept;
  }

  public Map<Difference.Kind, Long> byKind() {
    return byKind;
  }

  public Map<String, Long> byPartner() {
    return byPartner;
  }

  public List<Unreadable> unreadable() {
    return unreadable;
  }

  public long unreadableCount() {
    return unreadableCount;
  }

  public Map<String, WalletSummary> wallets() {
    return wallets;
  }
}
