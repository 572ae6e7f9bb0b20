package io.orderledger.audit.rules;

import io.orderledger.events.BulkRecipient;
import io.orderledger.events.MoneyFlow;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.OrderSnapshot;
import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import io.orderledger.events.money.MinorUnits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * The ledger's rules written a second time, for the auditor: from the README's "Rules" as text, with maps and longs,
 * sharing nothing with the ledger but the event schema and the money type ({@link MinorUnits}). The verify folds the
 * input log through this and compares with what the ledger published; two implementations that must agree is the
 * point: a rule that is wrong in one of them shows as a difference. Changing a rule means changing both, on purpose.
 *
 * <p>Laid out as the ledger's state is: an order is known on its input partition (a Kafka Streams task sees only its
 * own), order ids are claimed across partitions, and each partner has one booking clock and one wallet per currency.
 */
public final class IndependentLedger {

  private static final Pattern PARTNER = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  /** Order of the stages an order goes through: a move to an earlier one is a source's correction. */
  private static final Map<OrderState, Integer> STAGE = Map.of(OrderState.PENDING, 1, OrderState.PROCESSING, 2, OrderState.COMPLETED, 3,
      OrderState.FAILED, 4, OrderState.REVERSED, 4);
  private static final Set<String> ALLOWED = Set.of("PENDING>PROCESSING", "PENDING>COMPLETED", "PENDING>FAILED", "PENDING>REVERSED",
      "PROCESSING>COMPLETED", "PROCESSING>FAILED", "PROCESSING>REVERSED", "COMPLETED>REVERSED", "COMPLETED>FAILED");

  /** What the rules remember of an order. */
  private static final class Order {
    String partner;
    String orderId;
    OrderState state;
    String currency;
    boolean sale;
    boolean booked;
    long bookedAmount;
    long refunded;
    /** The bulk recipients already refunded, by index; null until the first (most orders are not bulk). */
    Set<Integer> refundedRecipients;
    Long before;
    Long after;
    long updatedAt;
    long version;
    long bookedAt;
    long firstSeenAt;
    boolean sourceChecked;
    String lastEventId;
    long lastAmount;
    int partition;
    final AppliedEvents applied = new AppliedEvents();

    boolean refundRecipient(int index) {
      if (refundedRecipients == null) {
        refundedRecipients = new HashSet<>(2);
      }
      return refundedRecipients.add(index);
    }
  }

  /**
   * One order's applied events: each event id's 64-bit fingerprint beside the digest of what the event said (without
   * observedAt), in one array. A map of id strings to boxed digests was the largest part of a verify's heap: a
   * one-million-event input no longer fitted 512 MiB. Two ids of one order sharing a fingerprint would make the rules
   * take the second for a re-delivery of the first, which the ledger does not: a difference reported, never one hidden.
   */
  static final class AppliedEvents {
    private long[] pairs = new long[6];
    private int size;

    private static long fingerprint(String eventId) {
      return org.apache.avro.SchemaNormalization.fingerprint64(eventId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    boolean contains(String eventId) {
      return indexOf(fingerprint(eventId)) >= 0;
    }

    /** The digest recorded for the event; only for one it {@link #contains}. */
    long digest(String eventId) {
      return pairs[indexOf(fingerprint(eventId)) + 1];
    }

    void put(String eventId, long digest) {
      long event = fingerprint(eventId);
      int at = indexOf(event);
      if (at < 0) {
        if (size * 2 == pairs.length) {
          pairs = java.util.Arrays.copyOf(pairs, pairs.length * 2);
        }
        at = size++ * 2;
        pairs[at] = event;
      }
      pairs[at + 1] = digest;
    }

    private int indexOf(long event) {
      for (int i = 0; i < size * 2; i += 2) {
        if (pairs[i] == event) {
          return i;
        }
      }
      return -1;
    }
  }

  /** One wallet: partner and currency. */
  private static final class Wallet {
    long balance;
    long sequence;
    String lastHash = ChainHash.GENESIS;
  }

  private final Map<String, Order> orders = new HashMap<>();
  private final Map<String, String> owners = new HashMap<>();
  /**
   * One instance of each partner id and currency code: every decoded event brings its own copies, and an order kept
   * its first event's (three strings per order held for good, where a few hundred distinct values exist).
   */
  private final Map<String, String> names = new HashMap<>();
  private final Map<String, Wallet> wallets = new HashMap<>();
  private final Map<String, Long> clocks = new HashMap<>();

  private String shared(String name) {
    return name == null ? null : names.computeIfAbsent(name, n -> n);
  }

  /**
   * @param key the input record's key as text, or null
   * @param timestamp the input record's timestamp
   */
  public Expected.Outcome process(OrderEvent e, String key, int partition, long offset, long timestamp) {
    Order o = orders.get(partition + ":" + e.getOrderId());
    boolean validPartner = e.getPartnerId() != null && PARTNER.matcher(e.getPartnerId()).matches();
    long bookedAt = Math.max(timestamp, validPartner ? clocks.getOrDefault(partition + ":" + e.getPartnerId(), 0L) : 0L);
    if (o != null) {
      bookedAt = Math.max(bookedAt, o.bookedAt);
    }
    String stateBefore = o == null ? null : o.state.name();
    long versionBefore = o == null ? 0 : o.version;

    String reason = check(key, e, o, validPartner);
    if (reason != null) {
      Expected.Decision decision = decision(e, partition, offset, reason.equals("STALE_EVENT") ? "STALE" : "REJECTED", reason,
          stateBefore, stateBefore, versionBefore, versionBefore, bookedAt, List.of(), List.of());
      return new Expected.Outcome(decision, null, List.of(), List.of(), reason, false);
    }
    long digest = digest(e);
    if (o != null && o.applied.contains(e.getEventId())) {
      if (o.applied.digest(e.getEventId()) == digest) {
        return new Expected.Outcome(decision(e, partition, offset, "DUPLICATE", null, stateBefore, stateBefore, versionBefore,
            versionBefore, bookedAt, List.of(), List.of()), null, List.of(), List.of(), null, false);
      }
      String why = "DUPLICATE_EVENT_DIFFERENT_PAYLOAD";
      return new Expected.Outcome(decision(e, partition, offset, "REJECTED", why, stateBefore, stateBefore, versionBefore, versionBefore,
          bookedAt, List.of(), List.of()), null, List.of(), List.of(), why, false);
    }

    boolean claim = false;
    if (o == null) {
      o = new Order();
      o.partner = shared(e.getPartnerId());
      o.orderId = e.getOrderId();
      o.currency = shared(e.getOrder().getCurrency());
      o.sale = e.getMoneyFlow() == MoneyFlow.SALE;
      o.updatedAt = e.getOccurredAt();
      o.firstSeenAt = e.getObservedAt();
      orders.put(partition + ":" + e.getOrderId(), o);
      claim = owners.putIfAbsent(e.getOrderId(), o.partner) == null;
    }
    clocks.put(partition + ":" + e.getPartnerId(), bookedAt);
    o.bookedAt = bookedAt;
    o.partition = partition;

    OrderSnapshot s = e.getOrder();
    OrderState to = e.getState();
    long amount = s.getAmountMinor();
    List<Expected.Movement> moved = new ArrayList<>();
    List<long[]> amountDiscrepancies = new ArrayList<>(); // {kind 0 AMOUNT_CHANGED / 1 REFUND_EXCEEDS_CREDIT, previous, amount}
    if (o.sale || s.getOrderType() == OrderType.TOP_UP) {
      creditOnSuccess(e, o, to, amount, bookedAt, moved, amountDiscrepancies);
    } else {
      debitFirst(e, o, to, amount, bookedAt, moved, amountDiscrepancies);
    }
    o.state = to;
    o.updatedAt = Math.max(o.updatedAt, e.getOccurredAt());
    o.version++;
    o.lastEventId = e.getEventId();
    o.lastAmount = amount;
    o.applied.put(e.getEventId(), digest);

    List<Expected.Discrepancy> discrepancies = new ArrayList<>();
    long balanceNow = wallet(partition, o.partner, o.currency).balance;
    for (long[] d : amountDiscrepancies) {
      String kind = d[0] == 0 ? "AMOUNT_CHANGED" : "REFUND_EXCEEDS_CREDIT";
      Expected.Movement about = firstOf(moved, d[0] == 0 ? Set.of("ADJUSTMENT_DEBIT", "ADJUSTMENT_CREDIT") : Set.of("SALE_REVERSAL", "TOP_UP_REVERSAL"));
      discrepancies.add(new Expected.Discrepancy(kind, o.partner, o.orderId, e.getEventId(), o.currency, d[2], d[1],
          about == null ? balanceNow : about.balanceBeforeMinor(), about == null ? balanceNow : about.balanceAfterMinor(), null, null, true,
          e.getOccurredAt()));
    }
    Long sourceBefore = s.getSourceWalletBalanceBeforeMinor();
    Long sourceAfter = s.getSourceWalletBalanceAfterMinor();
    if (!o.sourceChecked && o.before != null && (sourceBefore != null || sourceAfter != null)) {
      o.sourceChecked = true;
      boolean agrees = (sourceBefore == null || sourceBefore.longValue() == o.before) && (sourceAfter == null || sourceAfter.longValue() == o.after);
      if (!agrees) {
        boolean selfConsistent = sourceBefore == null || sourceAfter == null || sourceAfter - sourceBefore == o.after - o.before;
        discrepancies.add(new Expected.Discrepancy("SOURCE_BALANCE", o.partner, o.orderId, e.getEventId(), o.currency,
            o.booked ? o.bookedAmount : 0L, null, o.before, o.after, sourceBefore, sourceAfter, selfConsistent, e.getOccurredAt()));
      }
    }
    Expected.View view = new Expected.View(o.partner, o.orderId, o.version, e.getEventId(), o.firstSeenAt, to.name(), s.getAmountMinor(),
        s.getCurrency(), o.before, o.after, o.refunded, o.bookedAt);
    Expected.Decision decision = decision(e, partition, offset, "APPLIED", null, stateBefore, to.name(), versionBefore, o.version, bookedAt,
        moved, discrepancies.stream().map(Expected.Discrepancy::kind).toList());
    return new Expected.Outcome(decision, view, moved, discrepancies, null, claim);
  }

  /** A purchase: debited when first seen, refunded what is left when it fails or is reversed, bulk recipients one by one. */
  private void debitFirst(OrderEvent e, Order o, OrderState to, long amount, long bookedAt, List<Expected.Movement> moved,
                          List<long[]> discrepancies) {
    if (!o.booked) {
      o.booked = true;
      o.bookedAmount = amount;
      Expected.Movement charge = move(e, o, "ORDER_DEBIT", -amount, null, bookedAt, moved);
      o.before = charge.balanceBeforeMinor();
      o.after = charge.balanceAfterMinor();
    } else if (amount != o.bookedAmount) {
      discrepancies.add(new long[] {0, o.bookedAmount, amount});
      if (live(o.state) && live(to)) {
        Expected.Movement adjustment = amount > o.bookedAmount
            ? move(e, o, "ADJUSTMENT_DEBIT", o.bookedAmount - amount, null, bookedAt, moved)
            : move(e, o, "ADJUSTMENT_CREDIT", o.bookedAmount - amount, null, bookedAt, moved);
        o.after += adjustment.balanceAfterMinor() - adjustment.balanceBeforeMinor();
        o.bookedAmount = amount;
      }
    }
    List<BulkRecipient> recipients = e.getOrder().getBulkRecipients();
    if (recipients != null) {
      for (int i = 0; i < recipients.size(); i++) {
        if (recipients.get(i).getStatus() == OrderState.FAILED && o.refundRecipient(i)) {
          long back = Math.min(recipients.get(i).getAmountMinor(), o.bookedAmount - o.refunded);
          move(e, o, "BULK_RECIPIENT_REFUND", back, i, bookedAt, moved);
          o.refunded += back;
        }
      }
    }
    if (!live(to) && o.bookedAmount > o.refunded) {
      long back = o.bookedAmount - o.refunded;
      move(e, o, "ORDER_REFUND", back, null, bookedAt, moved);
      o.refunded += back;
    }
  }

  /**
   * A sale, or a purchase source's top-up: credited when it succeeds (seen completed, or already reversed), taken back
   * when it is reversed or, after it succeeded, fails (a cancellation after delivery).
   */
  private void creditOnSuccess(OrderEvent e, Order o, OrderState to, long amount, long bookedAt, List<Expected.Movement> moved,
                               List<long[]> discrepancies) {
    String prefix = o.sale ? "SALE" : "TOP_UP";
    boolean takingBack = to == OrderState.REVERSED || to == OrderState.FAILED;
    if (!o.booked && (to == OrderState.COMPLETED || to == OrderState.REVERSED)) {
      o.booked = true;
      o.bookedAmount = amount;
      Expected.Movement credit = move(e, o, prefix + "_CREDIT", amount, null, bookedAt, moved);
      o.before = credit.balanceBeforeMinor();
      o.after = credit.balanceAfterMinor();
    } else if (o.booked && amount != o.bookedAmount) {
      boolean exceeds = takingBack && live(o.state) && amount > o.bookedAmount - o.refunded;
      discrepancies.add(new long[] {exceeds ? 1 : 0, o.bookedAmount, amount});
      if (live(o.state) && live(to)) {
        Expected.Movement adjustment = amount > o.bookedAmount
            ? move(e, o, "ADJUSTMENT_CREDIT", amount - o.bookedAmount, null, bookedAt, moved)
            : move(e, o, "ADJUSTMENT_DEBIT", amount - o.bookedAmount, null, bookedAt, moved);
        o.after += adjustment.balanceAfterMinor() - adjustment.balanceBeforeMinor();
        o.bookedAmount = amount;
      }
    }
    if (takingBack && o.booked && o.bookedAmount > o.refunded) {
      long back = o.bookedAmount - o.refunded;
      move(e, o, prefix + "_REVERSAL", -back, null, bookedAt, moved);
      o.refunded += back;
    }
  }

  /** The first reason the input is not applied, in the README's order, or null. */
  private String check(String key, OrderEvent e, Order o, boolean validPartner) {
    OrderSnapshot s = e.getOrder();
    if (!validPartner) {
      return "INVALID_PARTNER_ID";
    }
    if (!e.getPartnerId().equals(key)) {
      return "KEY_MISMATCH";
    }
    if (!e.getOrderId().equals(s.getOrderId()) || e.getState() != s.getState()) {
      return "INCONSISTENT_EVENT";
    }
    if (e.getState() == null || e.getState() == OrderState.UNKNOWN) {
      return "UNKNOWN_STATE";
    }
    if (s.getAmountMinor() == null) {
      return "MISSING_AMOUNT";
    }
    if (s.getAmountMinor() < 0 || (s.getBulkRecipients() != null && s.getBulkRecipients().stream().anyMatch(r -> r.getAmountMinor() < 0))) {
      return "NEGATIVE_AMOUNT";
    }
    if (!MinorUnits.isKnownCurrency(s.getCurrency())) {
      return "INVALID_CURRENCY";
    }
    if (e.getMoneyFlow() != MoneyFlow.PURCHASE && e.getMoneyFlow() != MoneyFlow.SALE) {
      return "UNKNOWN_MONEY_FLOW";
    }
    if (s.getOrderType() == null || s.getOrderType() == OrderType.UNKNOWN) {
      return "UNKNOWN_ORDER_TYPE";
    }
    String owner = o != null ? o.partner : owners.get(e.getOrderId());
    if (owner != null && !owner.equals(e.getPartnerId())) {
      return "ORDER_OWNED_BY_ANOTHER_PARTNER";
    }
    if (o == null || o.applied.contains(e.getEventId())) {
      return null; // a new order, or a re-delivered event id (the caller tells a duplicate from a conflicting payload)
    }
    if (e.getOccurredAt() < o.updatedAt) {
      return "STALE_EVENT";
    }
    if (STAGE.get(e.getState()) < STAGE.get(o.state)) {
      return "SOURCE_CORRECTION";
    }
    if (o.state != e.getState() && !ALLOWED.contains(o.state + ">" + e.getState())) {
      return "INVALID_TRANSITION";
    }
    if (!o.currency.equals(s.getCurrency())) {
      return "CURRENCY_MISMATCH";
    }
    return null;
  }

  private static boolean live(OrderState state) {
    return state != OrderState.FAILED && state != OrderState.REVERSED;
  }

  /** Moves the order's wallet by a signed amount, as the journal's next entry. */
  private Expected.Movement move(OrderEvent e, Order o, String kind, long signed, Integer recipient, long bookedAt,
                                 List<Expected.Movement> moved) {
    Wallet wallet = wallet(o.partition, o.partner, e.getOrder().getCurrency());
    long before = wallet.balance;
    long after = Math.addExact(before, signed);
    String entryId = e.getEventId() + "/" + kind + (recipient == null ? "" : "/" + recipient);
    // A zero amount moves nothing and still books (a bulk refund capped at what is left): its direction is its kind's.
    String direction = signed < 0 || (signed == 0 && debits(kind)) ? "DEBIT" : "CREDIT";
    Expected.Movement unhashed = new Expected.Movement(entryId, o.partner, o.orderId, e.getEventId(), kind, direction, Math.abs(signed),
        e.getOrder().getCurrency(), before, after, wallet.sequence + 1, recipient, e.getOccurredAt(), bookedAt, wallet.lastHash, null);
    String hash = ChainHash.of(wallet.lastHash, unhashed);
    Expected.Movement movement = new Expected.Movement(entryId, o.partner, o.orderId, e.getEventId(), kind, direction, Math.abs(signed),
        e.getOrder().getCurrency(), before, after, wallet.sequence + 1, recipient, e.getOccurredAt(), bookedAt, wallet.lastHash, hash);
    wallet.balance = after;
    wallet.sequence++;
    wallet.lastHash = hash;
    moved.add(movement);
    return movement;
  }

  private static boolean debits(String kind) {
    return kind.equals("ORDER_DEBIT") || kind.equals("ADJUSTMENT_DEBIT") || kind.endsWith("_REVERSAL");
  }

  private static Expected.Movement firstOf(List<Expected.Movement> moved, Set<String> kinds) {
    return moved.stream().filter(m -> kinds.contains(m.kind())).findFirst().orElse(null);
  }

  private Wallet wallet(int partition, String partner, String currency) {
    return wallets.computeIfAbsent(partition + ":" + partner + "|" + currency, k -> new Wallet());
  }

  private static Expected.Decision decision(OrderEvent e, int partition, long offset, String kind, String reason, String stateBefore,
                                            String stateAfter, long versionBefore, long versionAfter, long decidedAt,
                                            List<Expected.Movement> movements, List<String> discrepancies) {
    return new Expected.Decision(e.getPartnerId(), e.getOrderId(), e.getEventId(), partition, offset, kind, reason, stateBefore, stateAfter,
        e.getState() == null ? null : e.getState().name(), versionBefore, versionAfter, decidedAt, e.getOrder().getAmountMinor(),
        e.getOrder().getCurrency(), movements, discrepancies);
  }

  private final SpecificDatumWriter<OrderEvent> eventWriter = new SpecificDatumWriter<>(OrderEvent.class);
  private final ByteArrayOutputStream eventBytes = new ByteArrayOutputStream(1024);
  private final MessageDigest sha256 = sha256();
  private BinaryEncoder encoder;

  /** What an event says, without when it was observed: SHA-256 of its Avro encoding with observedAt zeroed, cut to 64 bits. */
  private long digest(OrderEvent e) {
    long observedAt = e.getObservedAt();
    e.setObservedAt(0);
    try {
      eventBytes.reset();
      encoder = EncoderFactory.get().binaryEncoder(eventBytes, encoder);
      eventWriter.write(e, encoder);
      encoder.flush();
      sha256.reset();
      return ByteBuffer.wrap(sha256.digest(eventBytes.toByteArray())).getLong();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    } finally {
      e.setObservedAt(observedAt);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  /** The balance of a wallet as the rules have it (where the partner's inputs are, on the partition its id gives). */
  public long balance(String partner, String currency) {
    long[] head = walletHeads().get(partner + "|" + currency);
    return head == null ? 0 : head[1];
  }

  /**
   * Every wallet the rules moved: "partner|currency" → {sequence, balance}. A partner's inputs sit on one partition;
   * should some sit elsewhere (a producer that chose the partition), the ledger keeps a wallet there too, and the
   * longer one is the partner's.
   */
  public Map<String, long[]> walletHeads() {
    Map<String, long[]> heads = new HashMap<>();
    wallets.forEach((key, w) -> heads.merge(key.substring(key.indexOf(':') + 1), new long[] {w.sequence, w.balance},
        (a, b) -> a[0] >= b[0] ? a : b));
    return heads;
  }

  /** An order as the API should serve it: its state and the amount it is booked at (the source's, before it is booked). */
  public record ServedOrder(String state, long amountMinor, String currency) {
  }

  /** The partner's orders as the rules have them now, by order id. */
  public Map<String, ServedOrder> ordersOf(String partner) {
    Map<String, ServedOrder> served = new HashMap<>();
    for (Order o : orders.values()) {
      if (o.partner.equals(partner) && o.version > 0) {
        served.put(o.orderId, new ServedOrder(o.state.name(), o.booked ? o.bookedAmount : o.lastAmount, o.currency));
      }
    }
    return served;
  }

  /** The partner's wallet balances as the rules have them now, by currency. */
  public Map<String, Long> walletsOf(String partner) {
    Map<String, Long> balances = new HashMap<>();
    walletHeads().forEach((wallet, head) -> {
      if (wallet.startsWith(partner + "|")) {
        balances.put(wallet.substring(partner.length() + 1), head[1]);
      }
    });
    return balances;
  }

  /** Every order id the rules claimed, and for which partner. */
  public Map<String, String> owners() {
    return owners;
  }

  /** The partner's booking clock: the time of the last input applied for it (0 before any). */
  public long clock(String partner) {
    long clock = 0;
    for (Map.Entry<String, Long> entry : clocks.entrySet()) {
      if (entry.getKey().endsWith(":" + partner)) {
        clock = Math.max(clock, entry.getValue());
      }
    }
    return clock;
  }

  public long orders() {
    return orders.size();
  }
}
