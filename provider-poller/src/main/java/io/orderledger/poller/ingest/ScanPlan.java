package io.orderledger.poller.ingest;

import java.time.Duration;

/**
 * How much of a source's window each cycle reads. A scan reads every order the source may still change (the settle
 * window, minutes of orders), yet most changes happen to young orders: so most cycles read only the window's young end
 * ({@code youngHorizon} of creation time, newest first) and every {@code wholeEvery}-th cycle reads the whole window,
 * which is also the only scan that moves the window on. A change to an older order is seen within
 * {@code wholeEvery} intervals instead of one. Sources that can only page from their oldest order always get whole
 * scans ({@link io.orderledger.poller.paging.SourcePaging#narrowsCheaply}).
 *
 * @param wholeEvery   one cycle in this many reads the whole window (1: every cycle does)
 * @param youngHorizon how far back from the newest order the other cycles read
 */
public record ScanPlan(int wholeEvery, Duration youngHorizon) {

  /** Every cycle reads the whole window. */
  public static final ScanPlan WHOLE_WINDOW = new ScanPlan(1, Duration.ZERO);

  public ScanPlan {
    if (wholeEvery < 1) {
      throw new IllegalArgumentException("poller.scan.whole-every must be 1 or more, not " + wholeEvery);
    }
    if (youngHorizon == null || youngHorizon.isNegative()) {
      throw new IllegalArgumentException("poller.scan.young-horizon must be zero or more");
    }
  }

  /** Whether the cycle with this number (0 first) reads the whole window. */
  boolean isWhole(long cycle) {
    return wholeEvery == 1 || cycle % wholeEvery == 0;
  }
}
