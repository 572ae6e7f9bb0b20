package io.orderledger.ledger.model;

import io.orderledger.events.BulkRecipient;
import io.orderledger.events.MoneyFlow;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.OrderSnapshot;
import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A deliberately simple second implementation of DESIGN.md's ledger rules, written from the text rather than from
 * the production classes: maps and strings, no Avro state, no Kafka. The model test runs the same inputs through it
 * and through the real topology and demands identical outputs, decisions included.
 */
public final class ReferenceLedger {

  /** What one input produced. Strings so that a mismatch prints readably. */
  public record Output(List<String> views, List<String> journal, List<String> rejects, List<String> discrepancies,
                       List<String> decisions) {
  }

  private static final Pattern PARTNER = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Set<String> CURRENCIES = Set.of("GHS", "USD", "NGN", "EUR");

  private static final class Order {
    String partner;
    OrderState state;
    String currency;
    boolean sale;
    boolean booked;
    long bookedAmount;
    long refunded;
    Set<Integer> refundedRecipients = new HashSet<>();
    Long before;
    Long after;
    long updatedAt;
    long version;
    long bookedAt;
    boolean sourceChecked;
    Map<String, OrderEvent> applied = new HashMap<>();
  }

  /** One currency's wallet: balance, last sequence, last booking time. */
  private static final class Wallet {
    long balance;
    long sequence;
    long bookedAt;
  }

  private final Map<String, Order> orders = new HashMap<>();
  private final Map<String, String> owners = new HashMap<>();
  private final Map<String, Wallet> wallets = new HashMap<>();

  public Output undecodable() {
    return new Output(List.of(), List.of(), List.of("UNDECODABLE"), List.of(), List.of());
  }

  /** @param timestamp the input record's timestamp: the ledger's time for it */
  public Output process(String key, OrderEvent e, long timestamp) {
    List<String> views = new ArrayList<>();
    List<String> journal = new ArrayList<>();
    List<String> discrepancies = new ArrayList<>();
    Order o = orders.get(e.getOrderId());
    String stateBefore = o == null ? "none" : o.state.name();
    long versionBefore = o == null ? 0 : o.version;
    String reason = check(key, e);
    if (reason != null) {
      String kind = reason.equals("STALE_EVENT") ? "STALE" : "REJECTED";
      return new Output(views, journal, List.of(reason + " " + e.getEventId()), discrepancies,
          List.of(decision(e, kind + " " + reason, stateBefore, stateBefore, versionBefore, versionBefore, List.of())));
    }
    if (o != null && o.applied.containsKey(e.getEventId())) {
      return new Output(views, journal, List.of(), discrepancies,
          List.of(decision(e, "DUPLICATE", stateBefore, stateBefore, versionBefore, versionBefore, List.of())));
    }
    if (o == null) {
      o = new Order();
      o.partner = e.getPartnerId();
      o.currency = e.getOrder().getCurrency();
      o.sale = e.getMoneyFlow() == MoneyFlow.SALE;
      o.updatedAt = e.getOccurredAt();
      orders.put(e.getOrderId(), o);
      owners.putIfAbsent(e.getOrderId(), e.getPartnerId());
    }
    o.bookedAt = Math.max(o.bookedAt, timestamp);
    OrderSnapshot s = e.getOrder();
    OrderState to = e.getState();
    long amount = s.getAmountMinor();
    List<String[]> planned = new ArrayList<>(); // {kind, previous, amount}
    if (o.sale || s.getOrderType() == OrderType.TOP_UP) {
      String prefix = o.sale ? "SALE" : "TOP_UP";
      if (!o.booked && (to == OrderState.COMPLETED || to == OrderState.REVERSED)) {
        o.booked = true;
        o.bookedAmount = amount;
        long[] b = move(e, prefix + "_CREDIT", +amount, null, timestamp, journal);
        o.before = b[0];
        o.after = b[1];
      } else if (o.booked && amount != o.bookedAmount) {
        boolean reversing = to == OrderState.REVERSED && o.state != OrderState.REVERSED;
        boolean exceeds = reversing && amount > o.bookedAmount - o.refunded;
        planned.add(new String[] {exceeds ? "REFUND_EXCEEDS_CREDIT" : "AMOUNT_CHANGED", "" + o.bookedAmount, "" + amount});
        if (live(o.state) && live(to)) {
          move(e, amount > o.bookedAmount ? "ADJUSTMENT_CREDIT" : "ADJUSTMENT_DEBIT", amount - o.bookedAmount, null, timestamp, journal);
          o.bookedAmount = amount;
        }
      }
      if (to == OrderState.REVERSED && o.booked && o.bookedAmount > o.refunded) {
        long back = o.bookedAmount - o.refunded;
        move(e, prefix + "_REVERSAL", -back, null, timestamp, journal);
        o.refunded += back;
      }
    } else {
      if (!o.booked) {
        o.booked = true;
        o.bookedAmount = amount;
        long[] b = move(e, "ORDER_DEBIT", -amount, null, timestamp, journal);
        o.before = b[0];
        o.after = b[1];
      } else if (amount != o.bookedAmount) {
        planned.add(new String[] {"AMOUNT_CHANGED", "" + o.bookedAmount, "" + amount});
        if (live(o.state) && live(to)) {
          move(e, amount > o.bookedAmount ? "ADJUSTMENT_DEBIT" : "ADJUSTMENT_CREDIT", o.bookedAmount - amount, null, timestamp, journal);
          o.bookedAmount = amount;
        }
      }
      if (s.getBulkRecipients() != null) {
        for (int i = 0; i < s.getBulkRecipients().size(); i++) {
          BulkRecipient r = s.getBulkRecipients().get(i);
          if (r.getStatus() == OrderState.FAILED && o.refundedRecipients.add(i)) {
            long back = Math.min(r.getAmountMinor(), o.bookedAmount - o.refunded);
            move(e, "BULK_RECIPIENT_REFUND", back, i, timestamp, journal);
            o.refunded += back;
          }
        }
      }
      if (!live(to) && o.bookedAmount > o.refunded) {
        long back = o.bookedAmount - o.refunded;
        move(e, "ORDER_REFUND", back, null, timestamp, journal);
        o.refunded += back;
      }
    }
    o.state = to;
    o.updatedAt = Math.max(o.updatedAt, e.getOccurredAt());
    o.version++;
    o.applied.put(e.getEventId(), withoutObservedAt(e));
    long balanceNow = balance(e.getPartnerId(), o.currency);
    for (String[] p : planned) {
      String entry = entryOf(journal, p[0].equals("AMOUNT_CHANGED") ? "ADJUSTMENT" : "_REVERSAL");
      discrepancies.add(e.getOrderId() + " " + p[0] + " " + p[1] + "->" + p[2] + " computed "
          + (entry == null ? balanceNow + "->" + balanceNow : entry));
    }
    if (!o.sourceChecked && o.before != null
        && (s.getSourceWalletBalanceBeforeMinor() != null || s.getSourceWalletBalanceAfterMinor() != null)) {
      o.sourceChecked = true;
      boolean beforeDiffers = s.getSourceWalletBalanceBeforeMinor() != null && s.getSourceWalletBalanceBeforeMinor().longValue() != o.before;
      boolean afterDiffers = s.getSourceWalletBalanceAfterMinor() != null && s.getSourceWalletBalanceAfterMinor().longValue() != o.after;
      if (beforeDiffers || afterDiffers) {
        discrepancies.add(e.getOrderId() + " SOURCE_BALANCE computed " + o.before + "->" + o.after);
      }
    }
    views.add(e.getPartnerId() + "/" + e.getOrderId() + " v" + o.version + " " + to + " " + o.before + "->" + o.after
        + " refunded " + o.refunded + " last " + e.getEventId() + " at " + o.bookedAt);
    List<String> sequences = journal.stream().map(j -> j.substring(j.lastIndexOf('#'))).toList();
    return new Output(views, journal, List.of(), discrepancies,
        List.of(decision(e, "APPLIED", stateBefore, to.name(), versionBefore, o.version, sequences)));
  }

  private static boolean live(OrderState state) {
    return state != OrderState.FAILED && state != OrderState.REVERSED;
  }

  /** The "before->after" of this event's first journal line whose kind contains the marker, or null. */
  private static String entryOf(List<String> journal, String marker) {
    for (String line : journal) {
      String kind = line.split(" ")[0];
      if (kind.contains(marker)) {
        return line.split(" ")[2];
      }
    }
    return null;
  }

  private static String decision(OrderEvent e, String what, String before, String after, long versionBefore, long versionAfter,
                                 List<String> movements) {
    return e.getEventId() + " " + what + " " + before + ">" + after + " v" + versionBefore + ">" + versionAfter + " " + movements;
  }

  private String check(String key, OrderEvent e) {
    OrderSnapshot s = e.getOrder();
    if (e.getPartnerId() == null || !PARTNER.matcher(e.getPartnerId()).matches()) {
      return "INVALID_PARTNER_ID";
    }
    if (!e.getPartnerId().equals(key)) {
      return "KEY_MISMATCH";
    }
    if (!e.getOrderId().equals(s.getOrderId()) || e.getState() != s.getState()) {
      return "INCONSISTENT_EVENT";
    }
    if (e.getState() == OrderState.UNKNOWN) {
      return "UNKNOWN_STATE";
    }
    if (s.getAmountMinor() == null) {
      return "MISSING_AMOUNT";
    }
    if (s.getAmountMinor() < 0 || (s.getBulkRecipients() != null && s.getBulkRecipients().stream().anyMatch(r -> r.getAmountMinor() < 0))) {
      return "NEGATIVE_AMOUNT";
    }
    if (!CURRENCIES.contains(s.getCurrency())) {
      return "INVALID_CURRENCY";
    }
    String owner = owners.get(e.getOrderId());
    if (owner != null && !owner.equals(e.getPartnerId())) {
      return "ORDER_OWNED_BY_ANOTHER_PARTNER";
    }
    Order o = orders.get(e.getOrderId());
    if (o == null) {
      return null;
    }
    OrderEvent earlier = o.applied.get(e.getEventId());
    if (earlier != null) {
      return earlier.equals(withoutObservedAt(e)) ? null : "DUPLICATE_EVENT_DIFFERENT_PAYLOAD";
    }
    if (e.getOccurredAt() < o.updatedAt) {
      return "STALE_EVENT";
    }
    if (!allowed(o.state, e.getState())) {
      return "INVALID_TRANSITION";
    }
    if (!o.currency.equals(s.getCurrency())) {
      return "CURRENCY_MISMATCH";
    }
    return null;
  }

  private static boolean allowed(OrderState from, OrderState to) {
    String move = from + ">" + to;
    return from == to || Set.of("PENDING>PROCESSING", "PENDING>COMPLETED", "PENDING>FAILED", "PENDING>REVERSED",
        "PROCESSING>COMPLETED", "PROCESSING>FAILED", "PROCESSING>REVERSED", "COMPLETED>REVERSED").contains(move);
  }

  /** Moves the wallet by a signed amount; returns {before, after}. */
  private long[] move(OrderEvent e, String kind, long signedAmount, Integer recipient, long timestamp, List<String> journal) {
    Wallet wallet = wallets.computeIfAbsent(e.getPartnerId() + "|" + e.getOrder().getCurrency(), k -> new Wallet());
    long before = wallet.balance;
    wallet.balance += signedAmount;
    wallet.sequence++;
    wallet.bookedAt = Math.max(wallet.bookedAt, timestamp);
    journal.add(kind + " " + e.getEventId() + "/" + kind + (recipient == null ? "" : "/" + recipient)
        + " " + before + "->" + wallet.balance + " " + Math.abs(signedAmount) + " at " + wallet.bookedAt + " #" + wallet.sequence);
    return new long[] {before, wallet.balance};
  }

  private static OrderEvent withoutObservedAt(OrderEvent e) {
    return OrderEvent.newBuilder(e).setObservedAt(0).build();
  }

  public long balance(String partner, String currency) {
    Wallet wallet = wallets.get(partner + "|" + currency);
    return wallet == null ? 0 : wallet.balance;
  }
}
