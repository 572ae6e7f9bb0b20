package io.orderledger.ledger.model;

import io.orderledger.events.BulkRecipient;
import io.orderledger.events.MoneyFlow;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.OrderSnapshot;
import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random event sequences: several partners, full and partly-observed lifecycles, bulk orders with partial
 * failures, top-ups, reversals; then mess: re-deliveries, reorderings, invalid transitions, a changed payload under
 * a known id, another partner's order id, bad amounts and currencies, wrong keys and undecodable bytes. Some partners
 * also sell (orders of a sale source, credited when they succeed); amounts change after booking; providers add details
 * to an order without changing its state.
 */
public final class EventSequences {

  /**
   * One input record: an event under a key, or raw bytes that are not an event, and the timestamp its producer gave
   * it. Each partner's records come from two producers whose clocks disagree (one runs up to a minute behind), so
   * record timestamps go back now and then within a partner, as they do with two pollers on one partition.
   */
  public record Input(String key, OrderEvent event, byte[] raw, long timestamp) {
    static Input of(OrderEvent e) {
      return new Input(e.getPartnerId(), e, null, e.getObservedAt());
    }
  }

  private static final List<List<OrderState>> LIFECYCLES = List.of(
      List.of(OrderState.PENDING, OrderState.PROCESSING, OrderState.COMPLETED),
      List.of(OrderState.PENDING, OrderState.FAILED),
      List.of(OrderState.PENDING, OrderState.PROCESSING, OrderState.FAILED),
      List.of(OrderState.PENDING, OrderState.PROCESSING, OrderState.COMPLETED, OrderState.REVERSED),
      List.of(OrderState.PROCESSING, OrderState.COMPLETED),
      List.of(OrderState.COMPLETED),
      List.of(OrderState.FAILED),
      // Cancelled after delivery (seed 002's CANCELLED after DELIVERED; eSIM refunded after completed): refunded.
      List.of(OrderState.PENDING, OrderState.COMPLETED, OrderState.FAILED));
  private static final List<List<OrderState>> SALE_LIFECYCLES = List.of(
      List.of(OrderState.PENDING, OrderState.COMPLETED),
      List.of(OrderState.PENDING, OrderState.FAILED),
      List.of(OrderState.PENDING, OrderState.COMPLETED, OrderState.REVERSED),
      List.of(OrderState.COMPLETED, OrderState.REVERSED),
      List.of(OrderState.PENDING, OrderState.REVERSED),
      List.of(OrderState.COMPLETED),
      List.of(OrderState.PENDING, OrderState.COMPLETED, OrderState.FAILED));
  private static final OrderType[] DEBIT_TYPES = {OrderType.DATA, OrderType.AIRTIME, OrderType.VOICE, OrderType.RESULT_CHECKER,
      OrderType.AFA, OrderType.REGISTRATION};

  private final Random random;
  private final String prefix;
  private final boolean crossPartner;
  private final List<String> partners = new ArrayList<>();
  private final List<List<OrderEvent>> lifecycles = new ArrayList<>();
  private int orderCount;

  private EventSequences(long seed, boolean crossPartner) {
    this.random = new Random(seed);
    this.prefix = "m" + Long.toHexString(seed);
    this.crossPartner = crossPartner;
  }

  public static List<Input> generate(long seed) {
    return new EventSequences(seed, true).build();
  }

  /**
   * Without one partner reusing another's order id. Across partitions that case is a race by nature (DESIGN: a
   * partner's events are ordered, two partners' are not), so tests on several partitions leave it out.
   */
  public static List<Input> generateWithoutSharedOrderIds(long seed) {
    return new EventSequences(seed, false).build();
  }

  private List<Input> build() {
    int partnerCount = 2 + random.nextInt(3);
    for (int p = 0; p < partnerCount; p++) {
      String partner = prefix + "-p" + p;
      partners.add(partner);
      if (random.nextInt(10) < 8) {
        lifecycles.add(lifecycle(partner, OrderType.TOP_UP, List.of(OrderState.PENDING, OrderState.COMPLETED), false, MoneyFlow.PURCHASE));
      }
      int orders = 3 + random.nextInt(10);
      boolean sells = random.nextInt(3) == 0;
      for (int i = 0; i < orders; i++) {
        int kind = random.nextInt(20);
        if (sells && kind >= 14) {
          // An order of a sale source (Paystack): the partner's customer pays the partner.
          lifecycles.add(lifecycle(partner, OrderType.PRODUCT, SALE_LIFECYCLES.get(random.nextInt(SALE_LIFECYCLES.size())), false,
              MoneyFlow.SALE));
          continue;
        }
        OrderType type = kind < 2 ? OrderType.TOP_UP : DEBIT_TYPES[random.nextInt(DEBIT_TYPES.length)];
        List<OrderState> path = LIFECYCLES.get(random.nextInt(LIFECYCLES.size()));
        lifecycles.add(lifecycle(partner, type, path, kind >= 2 && kind < 5, MoneyFlow.PURCHASE));
      }
    }
    List<Input> inputs = interleave();
    int messes = 2 + random.nextInt(8);
    for (int i = 0; i < messes; i++) {
      mess(inputs);
    }
    return skewed(inputs);
  }

  private List<OrderEvent> lifecycle(String partner, OrderType type, List<OrderState> path, boolean bulk, MoneyFlow flow) {
    String orderId = prefix + "-o" + (orderCount++);
    String currency = random.nextInt(10) == 0 ? "USD" : "GHS";
    long time = 1_775_000_000_000L + random.nextInt(1_000_000);
    List<Long> recipientAmounts = new ArrayList<>();
    if (bulk) {
      for (int r = 0; r < 2 + random.nextInt(3); r++) {
        recipientAmounts.add(100L + random.nextInt(2_000));
      }
    }
    long amount = bulk ? recipientAmounts.stream().mapToLong(Long::longValue).sum()
        : flow == MoneyFlow.SALE ? 1_000 + random.nextInt(50_000)
        : type == OrderType.TOP_UP ? 10_000 + random.nextInt(90_000) : 100 + random.nextInt(5_000);
    List<OrderEvent> events = new ArrayList<>();
    OrderState previous = null;
    OrderState[] recipientStates = new OrderState[recipientAmounts.size()];
    java.util.Arrays.fill(recipientStates, OrderState.PENDING);
    for (int step = 0; step < path.size(); step++) {
      OrderState state = path.get(step);
      boolean last = step == path.size() - 1;
      // The poller only sees what it polls: middle states are sometimes never observed.
      if (!last && step > 0 && random.nextInt(5) == 0) {
        continue;
      }
      time += 1 + random.nextInt(50);
      if (!bulk && step > 0 && random.nextInt(6) == 0) {
        // The source changes the order's amount after it was booked: a price correction, or a refund that claims more.
        amount = Math.max(1, amount + random.nextInt(401) - 200);
      }
      if (!bulk && !events.isEmpty() && random.nextInt(5) == 0) {
        // A change inside a state (a provider reference arrives): a new version of the view, no movement.
        events.add(event(partner, orderId, type, currency, amount, previous, previous, time, null, false, flow, "PRV-" + time));
        time += 1 + random.nextInt(20);
      }
      if (bulk) {
        advanceRecipients(recipientStates, state);
        if (state == OrderState.PROCESSING && random.nextBoolean()) {
          // A same-state update: one recipient fails while the order is still processing.
          events.add(event(partner, orderId, type, currency, amount, previous, state, time, recipients(recipientAmounts, recipientStates), false,
              flow, null));
          recipientStates[random.nextInt(recipientStates.length)] = OrderState.FAILED;
          time += 1 + random.nextInt(20);
          previous = state;
        }
      }
      boolean sourceBalances = events.isEmpty() && random.nextInt(10) == 0;
      events.add(event(partner, orderId, type, currency, amount, previous, state, time,
          bulk ? recipients(recipientAmounts, recipientStates) : null, sourceBalances, flow, null));
      previous = state;
    }
    return events;
  }

  private void advanceRecipients(OrderState[] states, OrderState orderState) {
    for (int i = 0; i < states.length; i++) {
      if (states[i] == OrderState.FAILED || states[i] == OrderState.COMPLETED) {
        continue;
      }
      states[i] = switch (orderState) {
        case PROCESSING -> OrderState.PROCESSING;
        case COMPLETED, REVERSED -> random.nextInt(4) == 0 ? OrderState.FAILED : OrderState.COMPLETED;
        case FAILED -> OrderState.FAILED;
        default -> states[i];
      };
    }
  }

  private static List<BulkRecipient> recipients(List<Long> amounts, OrderState[] states) {
    List<BulkRecipient> list = new ArrayList<>();
    for (int i = 0; i < amounts.size(); i++) {
      list.add(BulkRecipient.newBuilder().setBeneficiaryMsisdn("23354000000" + i).setAmountMinor(amounts.get(i)).setStatus(states[i]).build());
    }
    return list;
  }

  private OrderEvent event(String partner, String orderId, OrderType type, String currency, Long amount, OrderState previous,
                           OrderState state, long time, List<BulkRecipient> recipients, boolean sourceBalances, MoneyFlow flow,
                           String providerRef) {
    OrderSnapshot.Builder snapshot = OrderSnapshot.newBuilder()
        .setOrderId(orderId)
        .setCreatedAt(time)
        .setUpdatedAt(time)
        .setAmountMinor(amount)
        .setCurrency(currency)
        .setState(state)
        .setOrderType(type)
        .setIsBulkOrder(recipients != null)
        .setBulkRecipients(recipients)
        .setProviderRef(providerRef);
    if (sourceBalances) {
      long before = random.nextInt(100_000);
      snapshot.setSourceWalletBalanceBeforeMinor(before).setSourceWalletBalanceAfterMinor(before - (amount == null ? 0 : amount));
    }
    return OrderEvent.newBuilder()
        .setEventId(orderId + ":" + state + ":" + time + ":" + (recipients == null ? 0 : recipients.hashCode() & 0xffff))
        .setMoneyFlow(flow)
        .setChangedFields(previous == null ? List.of() : providerRef != null ? List.of("providerRef") : List.of("state"))
        .setPartnerId(partner)
        .setOrderId(orderId)
        .setSource("model")
        .setPreviousState(previous)
        .setState(state)
        .setOccurredAt(time)
        .setObservedAt(time + 10)
        .setOrder(snapshot.build())
        .build();
  }

  /** Gives each record the timestamp of one of its partner's two producers, the second running behind by its skew. */
  private List<Input> skewed(List<Input> inputs) {
    java.util.Map<String, Long> skews = new java.util.HashMap<>();
    List<Input> out = new ArrayList<>(inputs.size());
    for (Input input : inputs) {
      long skew = skews.computeIfAbsent(input.key(), k -> (long) random.nextInt(60_000));
      long base = input.event() == null ? input.timestamp() : input.event().getObservedAt();
      out.add(new Input(input.key(), input.event(), input.raw(), random.nextBoolean() ? base : base - skew));
    }
    return out;
  }

  /** Merges the lifecycles, keeping each order's own events in order. */
  private List<Input> interleave() {
    List<Input> inputs = new ArrayList<>();
    List<List<OrderEvent>> pending = new ArrayList<>();
    for (List<OrderEvent> lifecycle : lifecycles) {
      pending.add(new ArrayList<>(lifecycle));
    }
    pending.removeIf(List::isEmpty);
    while (!pending.isEmpty()) {
      List<OrderEvent> next = pending.get(random.nextInt(pending.size()));
      inputs.add(Input.of(next.remove(0)));
      if (next.isEmpty()) {
        pending.remove(next);
      }
    }
    return inputs;
  }

  private void mess(List<Input> inputs) {
    List<Integer> events = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      if (inputs.get(i).event() != null) {
        events.add(i);
      }
    }
    if (events.isEmpty()) {
      return;
    }
    int at = events.get(random.nextInt(events.size()));
    OrderEvent e = inputs.get(at).event();
    int later = at + 1 + random.nextInt(inputs.size() - at);
    switch (random.nextInt(16)) {
      case 0 -> inputs.add(later, Input.of(OrderEvent.newBuilder(e).setObservedAt(e.getObservedAt() + 1_000).build()));
      case 1 -> { // reorder: move the event after a later one
        Input moved = inputs.remove(at);
        inputs.add(Math.min(later, inputs.size()), moved);
      }
      case 2 -> inputs.add(later, Input.of(withState(e, OrderState.PENDING, e.getState(), e.getOccurredAt() + 5_000)));
      case 3 -> inputs.add(later, Input.of(OrderEvent.newBuilder(e)
          .setOrder(OrderSnapshot.newBuilder(e.getOrder()).setAmountMinor(e.getOrder().getAmountMinor() == null ? 1 : e.getOrder().getAmountMinor() + 1).build()).build()));
      case 4 -> { // another partner uses this order's id
        if (!crossPartner) {
          return;
        }
        String other = partners.get(random.nextInt(partners.size()));
        inputs.add(later, Input.of(OrderEvent.newBuilder(withState(e, OrderState.PENDING, null, e.getOccurredAt() + 7))
            .setPartnerId(other).setEventId(e.getOrderId() + ":as:" + other).build()));
      }
      case 5 -> inputs.add(later, Input.of(newOrder(e, -50L, "GHS")));
      case 6 -> inputs.add(later, Input.of(newOrder(e, null, "GHS")));
      case 7 -> inputs.add(later, Input.of(newOrder(e, 500L, "CEDI")));
      case 8 -> inputs.add(later, new Input(e.getPartnerId(), null, ("garbage " + random.nextInt()).getBytes(StandardCharsets.UTF_8),
          e.getObservedAt()));
      case 9 -> inputs.add(later, new Input(partners.get(random.nextInt(partners.size())) + "x", newOrder(e, 700L, "GHS"), null,
          e.getObservedAt()));
      case 12 -> { // a final order told to end the other final way: one of the two is a move out of a final state
        inputs.add(later, Input.of(withState(e, OrderState.REVERSED, e.getState(), e.getOccurredAt() + 20_000)));
        inputs.add(Math.min(later + 1, inputs.size()), Input.of(withState(e, OrderState.FAILED, OrderState.REVERSED, e.getOccurredAt() + 21_000)));
      }
      case 13 -> inputs.add(later, Input.of(OrderEvent.newBuilder(newOrder(e, 400L, "GHS")).setMoneyFlow(MoneyFlow.UNKNOWN).build()));
      // A newer writer's order type reads UNKNOWN: whether it is a top-up (a credit) or a purchase cannot be told.
      case 15 -> inputs.add(later, Input.of(OrderEvent.newBuilder(withState(e, e.getState(), e.getState(), e.getOccurredAt() + 15))
          .setOrder(OrderSnapshot.newBuilder(e.getOrder()).setOrderType(OrderType.UNKNOWN).setUpdatedAt(e.getOccurredAt() + 15).build())
          .setEventId(e.getOrderId() + ":unknown-type").build()));
      case 11 -> inputs.add(later, Input.of(OrderEvent.newBuilder(withState(e, e.getState(), e.getState(), e.getOccurredAt() + 11))
          // A later event of the order names the other money flow: the order keeps the flow of its first event.
          .setMoneyFlow(e.getMoneyFlow() == MoneyFlow.SALE ? MoneyFlow.PURCHASE : MoneyFlow.SALE).setEventId(e.getOrderId() + ":flip").build()));
      default -> inputs.add(later, Input.of(OrderEvent.newBuilder(newOrder(e, 300L, "USD"))
          .setOrderId(e.getOrderId()).setOrder(OrderSnapshot.newBuilder(e.getOrder()).setCurrency("USD")
              .setState(OrderState.COMPLETED).setUpdatedAt(e.getOccurredAt() + 9).build())
          .setState(OrderState.COMPLETED).setOccurredAt(e.getOccurredAt() + 9).setEventId(e.getOrderId() + ":usd").build()));
    }
  }

  private static OrderEvent withState(OrderEvent e, OrderState state, OrderState previous, long time) {
    return OrderEvent.newBuilder(e)
        .setEventId(e.getOrderId() + ":" + state + ":" + time + ":x")
        .setPreviousState(previous)
        .setState(state)
        .setOccurredAt(time)
        .setObservedAt(time + 10)
        .setOrder(OrderSnapshot.newBuilder(e.getOrder()).setState(state).setUpdatedAt(time).build())
        .build();
  }

  private OrderEvent newOrder(OrderEvent like, Long amount, String currency) {
    String orderId = prefix + "-o" + (orderCount++);
    return OrderEvent.newBuilder(like)
        .setEventId(orderId + ":new")
        .setOrderId(orderId)
        .setPreviousState(null)
        .setState(OrderState.PENDING)
        .setOrder(OrderSnapshot.newBuilder(like.getOrder()).setOrderId(orderId).setAmountMinor(amount).setCurrency(currency)
            .setState(OrderState.PENDING).setOrderType(OrderType.DATA).setBulkRecipients(null).setIsBulkOrder(false).build())
        .build();
  }
}
