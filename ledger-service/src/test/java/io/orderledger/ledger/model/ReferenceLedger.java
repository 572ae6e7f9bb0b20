package io.orderledger.ledger.model;

import io.orderledger.events.BulkRecipient;
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
 * and through the real topology and demands identical outputs.
 */
public final class ReferenceLedger {

  /** What one input produced. Strings so that a mismatch prints readably. */
  public record Output(List<String> views, List<String> journal, List<String> rejects, List<String> discrepancies) {
  }

  private static final Pattern PARTNER = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Set<String> CURRENCIES = Set.of("GHS", "USD", "NGN", "EUR");

  private static final class Order {
    String partner;
    OrderState state;
    String currency;
    boolean charged;
    long chargedAmount;
    long refunded;
    Set<Integer> refundedRecipients = new HashSet<>();
    Long before;
    Long after;
    long updatedAt;
    long version;
    boolean sourceChecked;
    Map<String, OrderEvent> applied = new HashMap<>();
  }

  private final Map<String, Order> orders = new HashMap<>();
  private final Map<String, String> owners = new HashMap<>();
  private final Map<String, long[]> wallets = new HashMap<>(); // partner|currency -> {balance, sequence}

  public Output undecodable() {
    return new Output(List.of(), List.of(), List.of("UNDECODABLE"), List.of());
  }

  public Output process(String key, OrderEvent e) {
    List<String> views = new ArrayList<>();
    List<String> journal = new ArrayList<>();
    List<String> discrepancies = new ArrayList<>();
    String reason = check(key, e);
    if (reason != null) {
      return new Output(views, journal, List.of(reason + " " + e.getEventId()), discrepancies);
    }
    Order o = orders.get(e.getOrderId());
    if (o != null && o.applied.containsKey(e.getEventId())) {
      return new Output(views, journal, List.of(), discrepancies); // re-delivery: nothing
    }
    boolean isNew = o == null;
    if (isNew) {
      o = new Order();
      o.partner = e.getPartnerId();
      o.currency = e.getOrder().getCurrency();
      o.updatedAt = e.getOccurredAt();
      orders.put(e.getOrderId(), o);
      owners.putIfAbsent(e.getOrderId(), e.getPartnerId());
    }
    OrderSnapshot s = e.getOrder();
    OrderState to = e.getState();
    if (s.getOrderType() == OrderType.TOP_UP) {
      if (!o.charged && (to == OrderState.COMPLETED || to == OrderState.REVERSED)) {
        o.charged = true;
        o.chargedAmount = s.getAmountMinor();
        long[] b = move(e, "TOP_UP_CREDIT", +s.getAmountMinor(), null, journal);
        o.before = b[0];
        o.after = b[1];
      }
      if (to == OrderState.REVERSED && o.charged && o.chargedAmount > o.refunded) {
        long amount = o.chargedAmount - o.refunded;
        move(e, "TOP_UP_REVERSAL", -amount, null, journal);
        o.refunded += amount;
      }
    } else {
      if (!o.charged) {
        o.charged = true;
        o.chargedAmount = s.getAmountMinor();
        long[] b = move(e, "ORDER_DEBIT", -s.getAmountMinor(), null, journal);
        o.before = b[0];
        o.after = b[1];
      }
      if (s.getBulkRecipients() != null) {
        for (int i = 0; i < s.getBulkRecipients().size(); i++) {
          BulkRecipient r = s.getBulkRecipients().get(i);
          if (r.getStatus() == OrderState.FAILED && o.refundedRecipients.add(i)) {
            long amount = Math.min(r.getAmountMinor(), o.chargedAmount - o.refunded);
            move(e, "BULK_RECIPIENT_REFUND", amount, i, journal);
            o.refunded += amount;
          }
        }
      }
      if ((to == OrderState.FAILED || to == OrderState.REVERSED) && o.chargedAmount > o.refunded) {
        long amount = o.chargedAmount - o.refunded;
        move(e, "ORDER_REFUND", amount, null, journal);
        o.refunded += amount;
      }
    }
    o.state = to;
    o.updatedAt = Math.max(o.updatedAt, e.getOccurredAt());
    o.version++;
    o.applied.put(e.getEventId(), withoutObservedAt(e));
    if (!o.sourceChecked && o.before != null
        && (s.getSourceWalletBalanceBeforeMinor() != null || s.getSourceWalletBalanceAfterMinor() != null)) {
      o.sourceChecked = true;
      boolean beforeDiffers = s.getSourceWalletBalanceBeforeMinor() != null && s.getSourceWalletBalanceBeforeMinor().longValue() != o.before;
      boolean afterDiffers = s.getSourceWalletBalanceAfterMinor() != null && s.getSourceWalletBalanceAfterMinor().longValue() != o.after;
      if (beforeDiffers || afterDiffers) {
        discrepancies.add(e.getOrderId() + " computed " + o.before + "->" + o.after);
      }
    }
    views.add(e.getPartnerId() + "/" + e.getOrderId() + " v" + o.version + " " + to + " " + o.before + "->" + o.after
        + " refunded " + o.refunded + " last " + e.getEventId());
    return new Output(views, journal, List.of(), discrepancies);
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
  private long[] move(OrderEvent e, String kind, long signedAmount, Integer recipient, List<String> journal) {
    long[] wallet = wallets.computeIfAbsent(e.getPartnerId() + "|" + e.getOrder().getCurrency(), k -> new long[2]);
    long before = wallet[0];
    wallet[0] += signedAmount;
    wallet[1]++;
    journal.add(e.getEventId() + "/" + kind + (recipient == null ? "" : "/" + recipient)
        + " " + Math.abs(signedAmount) + " " + before + "->" + wallet[0] + " #" + wallet[1]);
    return new long[] {before, wallet[0]};
  }

  private static OrderEvent withoutObservedAt(OrderEvent e) {
    return OrderEvent.newBuilder(e).setObservedAt(0).build();
  }

  public long balance(String partner, String currency) {
    long[] wallet = wallets.get(partner + "|" + currency);
    return wallet == null ? 0 : wallet[0];
  }
}
