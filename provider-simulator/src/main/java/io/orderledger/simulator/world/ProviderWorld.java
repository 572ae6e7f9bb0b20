package io.orderledger.simulator.world;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The upstream systems' orders and how they change: data bundles, airtime, result checkers, top-ups, bulk orders
 * with partial failures, gift cards, eSIM bundles and products, some failing, some reversed after completion. Orders
 * also change inside a state: a provider reference arrives, a retry is reported, a price is corrected, a bulk order's
 * recipients finish one by one, a gift card order delivers its last cards, an eSIM's status message moves on.
 *
 * <p>The world moves in steps. In a step each order changes at most once, so a poller that polls between steps can
 * see every change, which is what makes "every change exactly once" checkable. Every change is recorded in
 * {@link #changes()}, and each partner's wallet is kept by the simulator's own rules, as the independent truth the
 * ledger's balances are compared with: a purchase is paid when placed and refunded when it fails or is reversed; a
 * top-up, and a sale of a source that sells (Paystack), credits the partner when it completes and is taken back when
 * it is reversed.
 */
public final class ProviderWorld {

  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  private final WorldSettings settings;
  private final LongSupplier wallClock;
  private final SplittableRandom random;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, SourceOrders> sources = new LinkedHashMap<>();
  private final List<Change> changes = new ArrayList<>();
  private final Map<String, Long> wallets = new HashMap<>();
  private long now;
  private long steps;
  private final long numericIdBase;
  private volatile int newOrdersPerStep;
  private final SourceShape.OrderIds ids = new SourceShape.OrderIds() {
    @Override
    public String random(int length) {
      return randomId(length);
    }

    @Override
    public long numericBase() {
      return numericIdBase;
    }
  };

  /** A stepped world: the source clock starts at {@code startMillis} and moves {@code stepMillis} per step. */
  public static ProviderWorld stepped(WorldSettings settings, long startMillis, List<SimSource> sources) {
    return new ProviderWorld(settings, null, startMillis, sources);
  }

  /** A world on the wall clock, for the local stack: each step happens now. */
  public static ProviderWorld onWallClock(WorldSettings settings, List<SimSource> sources) {
    return new ProviderWorld(settings, System::currentTimeMillis, System.currentTimeMillis(), sources);
  }

  private ProviderWorld(WorldSettings settings, LongSupplier wallClock, long start, List<SimSource> sourceList) {
    this.settings = settings;
    this.wallClock = wallClock;
    this.random = new SplittableRandom(settings.seed());
    this.now = start;
    // Numeric ids (gift cards, Paystack) start from the start time on the wall clock, so a restarted simulator
    // never reuses an id an earlier run handed out; stepped worlds start from small, readable numbers.
    this.numericIdBase = wallClock == null ? 10_000 : start / 1000 * 1000;
    this.newOrdersPerStep = settings.ordersPerStep();
    for (SimSource source : sourceList) {
      if (sources.put(source.id(), new SourceOrders(source)) != null) {
        throw new IllegalArgumentException("two sources with the id " + source.id());
      }
    }
  }

  public WorldSettings settings() {
    return settings;
  }

  /** Advances the clock and moves the world one step: every unsettled order may change once, and new orders arrive. */
  public void step() {
    step(newOrdersPerStep);
  }

  /** Changes how many orders each later {@link #step()} creates per source; 0 lets the world settle. */
  public void setNewOrdersPerStep(int count) {
    this.newOrdersPerStep = count;
  }

  /** Every source, in configuration order. */
  public List<SimSource> sources() {
    return read(view -> sources.values().stream().map(s -> s.source).toList());
  }

  /** Every partner's wallets by the simulator's own rules, keyed {@code partner|currency}, minor units. */
  public Map<String, Long> wallets() {
    return read(view -> Map.copyOf(wallets));
  }

  public void step(int newOrdersPerSource) {
    lock.writeLock().lock();
    try {
      now = wallClock == null ? now + settings.stepMillis() : Math.max(now + 1, wallClock.getAsLong());
      steps++;
      for (SourceOrders source : sources.values()) {
        advance(source);
        for (int i = 0; i < newOrdersPerSource; i++) {
          create(source);
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Reads a consistent view of the world (the HTTP handlers render pages inside this). */
  public <T> T read(Function<View, T> reader) {
    lock.readLock().lock();
    try {
      return reader.apply(new View());
    } finally {
      lock.readLock().unlock();
    }
  }

  /** How many changes have been made so far (cheap, unlike {@link #changes()}). */
  public int changeCount() {
    return read(view -> changes.size());
  }

  /** Every change made so far, in the order made. */
  public List<Change> changes() {
    return read(view -> List.copyOf(changes));
  }

  public long steps() {
    return read(view -> steps);
  }

  /** True when no order can change any more: every order is final and past its reversal window. */
  public boolean isSettled() {
    return read(view -> sources.values().stream().allMatch(s -> s.unsettled.isEmpty()));
  }

  /** Read access for the API renderers. Valid only inside {@link #read}. */
  public final class View {
    public SimSource source(String id) {
      SourceOrders orders = sources.get(id);
      return orders == null ? null : orders.source;
    }

    /** The source's orders in creation order (oldest first); the list must not be kept beyond the read. */
    public List<SimOrder> orders(String sourceId) {
      return Collections.unmodifiableList(sources.get(sourceId).orders);
    }

    public SimOrder order(String sourceId, String orderId) {
      return sources.get(sourceId).byId.get(orderId);
    }

    public long now() {
      return now;
    }
  }

  // ---------------------------------------------------------------------------------------------------------------

  private void create(SourceOrders source) {
    SimSource src = source.source;
    int sequence = source.orders.size();
    // A NetConnect partner's first order is the top-up that funds its wallet, as an agent's first deposit would.
    boolean openingDeposit = sequence == 0 && src.shape().opensWithDeposit();
    OrderKind kind = openingDeposit ? OrderKind.TOP_UP : src.shape().pickKind(random);
    List<SimRecipient> recipients = null;
    long amount;
    if (kind == OrderKind.BULK_DATA) {
      recipients = new ArrayList<>();
      int count = 2 + random.nextInt(4);
      amount = 0;
      for (int i = 0; i < count; i++) {
        long each = 300 + random.nextInt(1_700);
        recipients.add(new SimRecipient(msisdn(), each));
        amount += each;
      }
    } else {
      amount = openingDeposit ? 5_000_000 : price(kind);
    }
    SimOrder order = new SimOrder(src, sequence, src.shape().newOrderId(sequence, ids), kind, amount, now, msisdn(), recipients);
    src.shape().placed(order);
    if (chargedWhenPlaced(order)) {
      long before = wallets.getOrDefault(walletKey(src), 0L);
      move(src, -amount);
      order.walletBeforeMinor = before;
      order.walletAfterMinor = before - amount;
    }
    source.orders.add(order);
    source.byId.put(order.id, order);
    source.unsettled.add(order);
    record(order, List.of("created"));
  }

  /** A purchase: the partner pays when it places the order. Top-ups and sales credit the partner when they complete instead. */
  private static boolean chargedWhenPlaced(SimOrder order) {
    return order.kind != OrderKind.TOP_UP && !order.source.sells();
  }

  private void advance(SourceOrders source) {
    for (Iterator<SimOrder> it = source.unsettled.iterator(); it.hasNext(); ) {
      SimOrder order = it.next();
      long age = now - order.createdAt;
      boolean hurry = age >= settings.settleMillis() / 2;
      List<String> what = switch (order.state) {
        case PENDING -> advancePending(order, hurry);
        case PROCESSING -> advanceProcessing(order, hurry);
        case COMPLETED -> order.partiallyDelivered ? deliverTheRest(order, hurry) : maybeReverse(order, age);
        case FAILED, REVERSED -> List.of();
      };
      if (!what.isEmpty()) {
        order.updatedAt = now;
        record(order, what);
      }
      // Settled: final, or completed (every card delivered) and too old to be reversed any more.
      if (!order.state.isOpen() && !order.partiallyDelivered
          && (order.state != SimState.COMPLETED || age + settings.stepMillis() >= reversalDeadline())) {
        it.remove();
      }
    }
  }

  private long reversalDeadline() {
    return settings.settleMillis() - settings.stepMillis();
  }

  private List<String> advancePending(SimOrder order, boolean hurry) {
    double roll = random.nextDouble();
    if (order.kind == OrderKind.TOP_UP || order.source.sells()) {
      if (hurry || roll < 0.5) {
        if (order.source.sells() && !hurry && roll < 0.05) {
          fail(order, "Customer abandoned the payment");
        } else {
          complete(order);
        }
        return List.of("state");
      }
      return List.of();
    }
    if (!hurry && roll < 0.05) {
      fail(order, "Provider rejected the request");
      return List.of("state");
    }
    if (!hurry && roll < 0.10 && order.source.shape().correctsPendingPrices() && order.recipients == null) {
      // The provider corrects the price before submitting: the partner is charged the difference.
      long delta = 1 + random.nextInt(50);
      long corrected = random.nextBoolean() && order.amountMinor - delta >= 100 ? order.amountMinor - delta : order.amountMinor + delta;
      move(order.source, order.amountMinor - corrected);
      order.amountMinor = corrected;
      return List.of("amount");
    }
    if (hurry || roll < 0.6) {
      order.state = SimState.PROCESSING;
      order.submittedAt = now;
      order.source.shape().submitted(order);
      if (order.recipients != null) {
        order.recipients.forEach(r -> r.state = SimState.PROCESSING);
      }
      return List.of("state");
    }
    return List.of();
  }

  private List<String> advanceProcessing(SimOrder order, boolean hurry) {
    double roll = random.nextDouble();
    if (!hurry) {
      List<String> inside = order.source.shape().changeWhileProcessing(order, roll);
      if (!inside.isEmpty()) {
        return inside;
      }
    }
    if (!hurry && roll >= 0.5) {
      return List.of();
    }
    if (order.recipients != null) {
      return advanceRecipients(order, hurry);
    }
    if (random.nextDouble() < 0.1) {
      fail(order, "Provider timeout");
    } else {
      complete(order);
    }
    return List.of("state");
  }

  /**
   * Some recipients of a bulk order finish while the order is still processing (about one in five fails and is
   * refunded on its own); once none is left in flight the order completes, or fails if every recipient did.
   */
  private List<String> advanceRecipients(SimOrder order, boolean hurry) {
    List<SimRecipient> inFlight = order.recipients.stream().filter(r -> r.state == SimState.PROCESSING).toList();
    if (inFlight.isEmpty()) {
      boolean anyCompleted = order.recipients.stream().anyMatch(r -> r.state == SimState.COMPLETED);
      if (anyCompleted) {
        complete(order);
      } else {
        fail(order, "All recipients failed");
      }
      return List.of("state");
    }
    int finishing = hurry ? inFlight.size() : 1 + random.nextInt(inFlight.size());
    for (SimRecipient recipient : inFlight.subList(0, finishing)) {
      recipient.state = random.nextDouble() < 0.2 ? SimState.FAILED : SimState.COMPLETED;
      recipient.completedAt = now;
      if (recipient.state == SimState.FAILED) {
        move(order.source, recipient.amountMinor);
        order.refundedMinor += recipient.amountMinor;
      }
    }
    return List.of("recipients");
  }

  /** A partially delivered gift card order delivers its last cards: a change of the source's status, not of the state. */
  private List<String> deliverTheRest(SimOrder order, boolean hurry) {
    if (hurry || random.nextBoolean()) {
      order.partiallyDelivered = false;
      return List.of("delivery");
    }
    return List.of();
  }

  private List<String> maybeReverse(SimOrder order, long age) {
    // About one completed order in twenty is reversed, whatever the step length: the chance is spread over the
    // steps of its reversal window. Bulk orders refund per recipient instead, and a partner's opening deposit stays.
    // A shape may cancel a delivered order instead of reversing it (gift cards have no reversal, seed 002).
    double perStep = 0.05 * settings.stepMillis() / reversalDeadline();
    boolean openingDeposit = order.sequence == 0 && order.kind == OrderKind.TOP_UP;
    if (order.recipients != null || openingDeposit
        || age + settings.stepMillis() >= reversalDeadline() || random.nextDouble() >= perStep) {
      return List.of();
    }
    boolean cancel = order.source.shape().cancelsAfterDelivery(order);
    order.state = cancel ? SimState.FAILED : SimState.REVERSED;
    order.cancelledAfterDelivery = cancel;
    order.errorMessage = cancel ? "Cancelled after delivery" : "Reversed by provider";
    if (chargedWhenPlaced(order)) {
      move(order.source, order.amountMinor - order.refundedMinor);
    } else {
      move(order.source, -order.amountMinor); // a top-up or a sale taken back
    }
    return List.of("state");
  }

  private void complete(SimOrder order) {
    order.state = SimState.COMPLETED;
    order.completedAt = now;
    order.errorMessage = null;
    order.source.shape().completed(order);
    // A multi-card order sometimes delivers only some cards first: still charged in full (seed 002's table).
    order.partiallyDelivered = order.kind == OrderKind.GIFT_CARD && order.amountMinor % 200 == 0 && order.sequence % 5 == 0;
    if (!chargedWhenPlaced(order)) {
      long before = wallets.getOrDefault(walletKey(order.source), 0L);
      move(order.source, order.amountMinor);
      order.walletBeforeMinor = before;
      order.walletAfterMinor = before + order.amountMinor;
    }
  }

  private void fail(SimOrder order, String message) {
    order.state = SimState.FAILED;
    order.errorMessage = message;
    order.source.shape().failed(order, message);
    if (order.recipients != null) {
      order.recipients.stream().filter(r -> r.state != SimState.FAILED && r.state != SimState.COMPLETED)
          .forEach(r -> r.state = SimState.FAILED);
    }
    if (chargedWhenPlaced(order)) {
      move(order.source, order.amountMinor - order.refundedMinor);
      order.refundedMinor = order.amountMinor;
    }
  }

  private void record(SimOrder order, List<String> what) {
    changes.add(new Change(order.source.id(), order.source.partnerId(), order.id, order.state, order.recipientStates(), order.updatedAt,
        what));
  }

  private void move(SimSource source, long deltaMinor) {
    wallets.merge(walletKey(source), deltaMinor, Long::sum);
  }

  private static String walletKey(SimSource source) {
    return source.partnerId() + "|" + source.currency();
  }

  private long price(OrderKind kind) {
    return switch (kind) {
      case DATA -> 100 + random.nextInt(4_900);
      case AIRTIME -> 100 * (1 + random.nextInt(50));
      case RESULT_CHECKER -> 1_500 + 100 * random.nextInt(10);
      case TOP_UP -> 10_000 * (5 + random.nextInt(20));
      case GIFT_CARD -> 500 * (5 + random.nextInt(20)) * (1 + random.nextInt(3));
      case ESIM -> 100 * (3 + random.nextInt(60));
      case PRODUCT -> 1_000 * (1 + random.nextInt(200));
      case BULK_DATA -> throw new IllegalStateException("bulk prices are per recipient");
    };
  }

  private String randomId(int length) {
    StringBuilder id = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }

  private String msisdn() {
    return "23354" + (1_000_000 + random.nextInt(8_999_999));
  }

  private static final class SourceOrders {
    final SimSource source;
    final List<SimOrder> orders = new ArrayList<>();
    final Map<String, SimOrder> byId = new HashMap<>();
    /** Orders that may still change: open, or completed within their reversal window. Keeps a step's cost bounded. */
    final List<SimOrder> unsettled = new java.util.LinkedList<>();

    SourceOrders(SimSource source) {
      this.source = source;
    }
  }
}
