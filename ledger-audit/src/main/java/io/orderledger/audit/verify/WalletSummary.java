package io.orderledger.audit.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * One wallet as the verify saw it: the entries the rules made, its balance, where its published chain first broke, and
 * its balance over time kept to at most {@link #POINTS} points whatever the wallet's length (every point while there
 * are few; then every second one, every fourth, ... so that the chart spans the whole history in constant memory).
 */
public final class WalletSummary {

  static final int POINTS = 1_000;

  private final String partnerId;
  private final String currency;
  private long entries;
  private long balanceMinor;
  private Long firstBrokenSequence;
  private String firstBreak;
  private final List<long[]> series = new ArrayList<>();
  private int stride = 1;

  WalletSummary(String partnerId, String currency) {
    this.partnerId = partnerId;
    this.currency = currency;
  }

  void moved(long sequence, long bookedAt, long balanceAfterMinor) {
    entries++;
    balanceMinor = balanceAfterMinor;
    if (sequence % stride == 0 || sequence == 1) {
      series.add(new long[] {bookedAt, balanceAfterMinor});
      if (series.size() > POINTS) {
        stride *= 2;
        List<long[]> thinned = new ArrayList<>();
        for (int i = 0; i < series.size(); i += 2) {
          thinned.add(series.get(i));
        }
        series.clear();
        series.addAll(thinned);
      }
    }
  }

  void broken(long sequence, String problem) {
    if (firstBrokenSequence == null) {
      firstBrokenSequence = sequence;
      firstBreak = problem;
    }
  }

  public String partnerId() {
    return partnerId;
  }

  public String currency() {
    return currency;
  }

  public long entries() {
    return entries;
  }

  public long balanceMinor() {
    return balanceMinor;
  }

  public Long firstBrokenSequence() {
    return firstBrokenSequence;
  }

  public String firstBreak() {
    return firstBreak;
  }

  /** (bookedAt, balance after) pairs in sequence order. */
  public List<long[]> series() {
    return series;
  }
}
