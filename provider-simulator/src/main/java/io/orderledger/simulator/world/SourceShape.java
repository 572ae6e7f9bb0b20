package io.orderledger.simulator.world;

import java.util.List;
import java.util.SplittableRandom;

/**
 * How one upstream API's orders live in the world: what they buy, their ids, and what changes inside their states.
 * Each API's shape lives in its own folder ({@code io.orderledger.simulator.sources.<name>}) beside the API that renders
 * it; the world calls these hooks at fixed points of an order's life, under its write lock, and knows no shape by name.
 *
 * <p>A hook that draws from {@code random} changes every later draw of the world: the same seed must keep giving the
 * same world ({@code SameSeedSameWorldTest}).
 */
public interface SourceShape {

  /** The shape's name, as in events and configuration: netconnect, gift_card, esim, paystack. */
  String name();

  /** The currency of a source of this shape when its spec names none. */
  String defaultCurrency();

  /** How the real API most likely lists its orders (and how the first stage assumed it did). */
  ListOrder nativeListOrder();

  /** A sale source: the partner's customers pay the partner (Paystack, seed 004); every other shape sells to the partner. */
  default boolean sells() {
    return false;
  }

  /** Whether a partner's first order on this source is the top-up that funds its wallet, as an agent's first deposit. */
  default boolean opensWithDeposit() {
    return false;
  }

  /** What a new order buys. */
  OrderKind pickKind(SplittableRandom random);

  /** A new order's id in the source's own format. */
  String newOrderId(int sequence, OrderIds ids);

  /** Whether the provider may correct a pending single order's price before it submits it (the partner pays the difference). */
  default boolean correctsPendingPrices() {
    return false;
  }

  /** The order was just placed. */
  default void placed(SimOrder order) {
  }

  /** The order was just submitted (pending → processing). */
  default void submitted(SimOrder order) {
  }

  /**
   * A change inside the processing state that is not a transition (a provider reference arrives, a status message moves
   * on), for this step's {@code roll}; what changed, in {@link Change#what()}'s words, or nothing. Not asked of an
   * order that must hurry to its final state.
   */
  default List<String> changeWhileProcessing(SimOrder order, double roll) {
    return List.of();
  }

  /** Whether this completed order, when taken back, is cancelled after delivery rather than reversed. */
  default boolean cancelsAfterDelivery(SimOrder order) {
    return false;
  }

  /** The order just completed. */
  default void completed(SimOrder order) {
  }

  /** The order just failed with {@code message}. */
  default void failed(SimOrder order, String message) {
  }

  /** Where a shape's new ids come from: the world's seeded random, and a numeric base that a restart never reuses. */
  interface OrderIds {

    /** {@code length} random lower-case letters and digits. */
    String random(int length);

    /** The first numeric id of this run. */
    long numericBase();
  }
}
