package io.orderledger.benchmarks;

import io.orderledger.events.BulkRecipient;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.OrderSnapshot;
import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A realistic stream of order events for many partners, deterministic for a seed: each partner tops up first; orders
 * of the NetConnect types arrive and move through their lifecycles (pending, processing, then mostly completed, some
 * failed, a few reversed), interleaved across thousands of open orders; one in ten is a bulk order with partial
 * failures. Every event carries a full snapshot, as the poller writes it.
 */
final class OrderFlow {

  private static final String[][] OPERATORS = {{"kd7ff6sssan1v3d00dbbttwaa57yp27d", "MTN"}, {"kd7aa1bbbcc2dd3ee4ff5gg6hh7ii8jj", "AT"},
      {"kd7zz9yyx8ww7vv6uu5tt4ss3rr2qq1p", "Telecel"}};
  private static final String[] PACKAGES = {"1 GB", "2 GB", "5 GB", "10 GB", "WAEC checker", "GH₵ 5 airtime"};

  private final Random random;
  private final List<String> partners = new ArrayList<>();
  private final List<Open> open = new ArrayList<>();
  private final int maxOpen;
  private long clock = 1_775_046_434_454L;
  private long sequence;
  private int toppedUp;
  private long created;

  private static final class Open {
    OrderSnapshot.Builder order;
    String partnerId;
    OrderState state;
  }

  OrderFlow(long seed, int partnerCount, int maxOpen) {
    this.random = new Random(seed);
    this.maxOpen = maxOpen;
    for (int i = 0; i < partnerCount; i++) {
      partners.add(String.format("partner-%03d", i));
    }
  }

  List<String> partners() {
    return partners;
  }

  /** How many orders this flow has created so far (top-ups of the first round included). */
  long created() {
    return created;
  }

  OrderEvent next() {
    clock += 1 + random.nextInt(3);
    if (toppedUp < partners.size()) {
      return topUp(partners.get(toppedUp++));
    }
    if (open.size() < maxOpen && (open.isEmpty() || random.nextInt(100) < 38)) {
      return create();
    }
    return advance(open.get(random.nextInt(open.size())));
  }

  private OrderEvent topUp(String partner) {
    OrderSnapshot.Builder order = snapshot(partner, OrderType.TOP_UP, 5_000_000 + random.nextInt(5_000_000), false);
    order.setState(OrderState.COMPLETED).setCompletedAt(clock);
    return event(partner, order, null, OrderState.COMPLETED);
  }

  private OrderEvent create() {
    int roll = random.nextInt(100);
    OrderType type = roll < 45 ? OrderType.DATA : roll < 60 ? OrderType.RESULT_CHECKER : roll < 75 ? OrderType.AIRTIME
        : roll < 80 ? OrderType.VOICE : roll < 83 ? OrderType.AFA : roll < 85 ? OrderType.REGISTRATION : roll < 90 ? OrderType.TOP_UP : OrderType.DATA;
    boolean bulk = roll >= 90;
    String partner = partners.get(random.nextInt(partners.size()));
    long amount = type == OrderType.TOP_UP ? 10_000 + random.nextInt(200_000) : 100 + random.nextInt(5_000);
    Open order = new Open();
    order.partnerId = partner;
    order.order = snapshot(partner, type, amount, bulk);
    order.state = OrderState.PENDING;
    open.add(order);
    return event(partner, order.order, null, OrderState.PENDING);
  }

  private OrderEvent advance(Open o) {
    OrderState previous = o.state;
    int roll = random.nextInt(100);
    OrderState next = switch (previous) {
      case PENDING -> roll < 80 ? OrderState.PROCESSING : roll < 92 ? OrderState.COMPLETED : OrderState.FAILED;
      case PROCESSING -> roll < 85 ? OrderState.COMPLETED : OrderState.FAILED;
      case COMPLETED -> OrderState.REVERSED;
      default -> throw new IllegalStateException("closed orders are not advanced");
    };
    o.state = next;
    o.order.setState(next).setUpdatedAt(clock);
    if (next == OrderState.COMPLETED) {
      o.order.setCompletedAt(clock).setProviderRef("JESSCO-" + (4_000_000 + sequence));
    } else if (next == OrderState.FAILED) {
      o.order.setErrorMessage("Provider rejected the request");
    }
    if (o.order.getBulkRecipients() != null) {
      List<BulkRecipient> recipients = new ArrayList<>();
      for (BulkRecipient r : o.order.getBulkRecipients()) {
        OrderState status = next == OrderState.FAILED ? OrderState.FAILED
            : next == OrderState.COMPLETED ? (random.nextInt(10) == 0 ? OrderState.FAILED : OrderState.COMPLETED) : next;
        recipients.add(BulkRecipient.newBuilder(r).setStatus(r.getStatus() == OrderState.FAILED ? OrderState.FAILED : status).build());
      }
      o.order.setBulkRecipients(recipients)
          .setBulkCompletedCount((int) recipients.stream().filter(r -> r.getStatus() == OrderState.COMPLETED).count())
          .setBulkFailedCount((int) recipients.stream().filter(r -> r.getStatus() == OrderState.FAILED).count());
    }
    // Completed orders stay open for a possible reversal only rarely; the rest close.
    if (next == OrderState.FAILED || next == OrderState.REVERSED || (next == OrderState.COMPLETED && random.nextInt(50) != 0)) {
      open.remove(o);
    }
    return event(o.partnerId, o.order, previous, next);
  }

  private OrderSnapshot.Builder snapshot(String partner, OrderType type, long amount, boolean bulk) {
    created++;
    String id = Long.toString(36L * 36 * 36 * 36 * 36 * 36 + (sequence++ * 7919L), 36) + Long.toString(random.nextLong() & 0xffffffffffL, 36);
    String[] operator = OPERATORS[random.nextInt(OPERATORS.length)];
    OrderSnapshot.Builder order = OrderSnapshot.newBuilder()
        .setOrderId(partner.substring(8) + "k" + id)
        .setCreationTime(clock + "." + (1000 + random.nextInt(9000)))
        .setCreatedAt(clock)
        .setUpdatedAt(clock)
        .setShortReference(Integer.toString(100_000 + random.nextInt(900_000)))
        .setBeneficiaryMsisdn("23354" + (1_000_000 + random.nextInt(9_000_000)))
        .setOperatorId(operator[0])
        .setOperatorName(operator[1])
        .setProductId("m17dnxcx4sww9qym18d73b5v6x7yqqah")
        .setProductName("enterprise-api")
        .setPackageId("kn79vk1wapbwx3q3z252yvr8ph7yqmct")
        .setPackageLabel(PACKAGES[random.nextInt(PACKAGES.length)])
        .setAmountMinor(amount)
        .setCurrency("GHS")
        .setState(OrderState.PENDING)
        .setOrderType(type)
        .setSubmittedAt(clock)
        .setIsBulkOrder(bulk);
    if (bulk) {
      List<BulkRecipient> recipients = new ArrayList<>();
      long total = 0;
      for (int i = 0; i < 2 + random.nextInt(6); i++) {
        long each = 100 + random.nextInt(2_000);
        total += each;
        recipients.add(BulkRecipient.newBuilder().setBeneficiaryMsisdn("23355" + (1_000_000 + random.nextInt(9_000_000)))
            .setPackageId("kn79vk1wapbwx3q3z252yvr8ph7yqmct").setPackageLabel("1 GB").setAmountMinor(each).setStatus(OrderState.PENDING).build());
      }
      order.setBulkRecipients(recipients).setAmountMinor(total).setBulkCompletedCount(0).setBulkFailedCount(0);
    }
    return order;
  }

  private OrderEvent event(String partner, OrderSnapshot.Builder order, OrderState previous, OrderState state) {
    OrderSnapshot snapshot = order.build();
    return OrderEvent.newBuilder()
        .setEventId("netconnect-" + partner + ":" + snapshot.getOrderId() + ":" + state + ":" + clock)
        .setPartnerId(partner)
        .setOrderId(snapshot.getOrderId())
        .setSource("netconnect-" + partner)
        .setPreviousState(previous)
        .setState(state)
        .setOccurredAt(clock)
        .setObservedAt(clock + 150)
        .setOrder(snapshot)
        .build();
  }
}
