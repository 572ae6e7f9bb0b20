package io.orderledger.query.read;

import static io.orderledger.query.Views.view;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.MovementDirection;
import io.orderledger.events.MovementKind;
import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import io.orderledger.events.OrderView;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.journal.JournalChain;
import io.orderledger.events.money.MinorUnits;
import io.orderledger.query.model.JsonRenderer;
import io.orderledger.query.model.WalletDto;
import io.orderledger.query.store.QueryDriver;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import io.orderledger.testing.seed.TestSeeds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Thousands of seeded random ledger outputs (view versions booked over time, several wallets' hash-chained journals,
 * interleaved, with equal booking times) through the query topology, and every point-in-time answer compared with a
 * reference computed from the outputs themselves: the order as of every version's booking time (and just before it),
 * every wallet as of every entry's booking time, and the statement read in random pages and periods. The ledger's
 * model test shows that its outputs equal its reference fold; this one shows that the answers equal the outputs.
 * A failure names the seed: re-run one with {@code -Dquery.model.seed=<seed> -Dquery.model.sequences=1}.
 */
class AuditModelTest {

  private static final long FIRST_SEED = TestSeeds.seed("AuditModelTest", "query.model.seed", 20_261_129L);
  private static final int SEQUENCES = Integer.getInteger("query.model.sequences", TestSeeds.exploring() ? 20_000 : 2_000);
  private static final OrderState[] STATES = OrderState.values();
  private static final List<String> CURRENCIES = List.of("GHS", "USD", "NGN");
  private static final QueryDriver QUERY = new QueryDriver();

  @AfterAll
  static void close() {
    QUERY.close();
  }

  private record Version(String partner, String orderId, long version, long bookedAt, long updatedAt) {
  }

  @Test
  void everyPointInTimeAnswerAndEveryStatementPageEqualsTheOutputsItWasBuiltFrom() {
    long versionsChecked = 0;
    long entriesChecked = 0;
    for (int n = 0; n < SEQUENCES; n++) {
      long seed = FIRST_SEED + n;
      String context = "seed " + seed + "; re-run with -Dquery.model.seed=" + seed + " -Dquery.model.sequences=1";
      Random random = new Random(seed);
      List<String> partners = List.of("m" + seed + "-a", "m" + seed + "-b");
      List<Version> versions = new ArrayList<>();
      Map<String, List<WalletEntry>> journals = new LinkedHashMap<>();
      generateAndSend(random, partners, versions, journals);

      PartnerData data = QUERY.data();
      versionsChecked += checkOrdersAsOf(data.orders(), versions, context);
      for (List<WalletEntry> journal : journals.values()) {
        entriesChecked += journal.size();
        checkStatement(data.statements(), journal, random, context);
      }
      for (String partner : partners) {
        checkWalletAsOf(data.wallets(), partner, journals, context);
      }
    }
    assertThat(versionsChecked).as("order versions checked").isGreaterThan(SEQUENCES * 10L);
    assertThat(entriesChecked).as("journal entries checked").isGreaterThan(SEQUENCES * 10L);
  }

  /** Order versions and journal entries, interleaved in booking order as the ledger writes them; times may repeat. */
  private static void generateAndSend(Random random, List<String> partners, List<Version> versions, Map<String, List<WalletEntry>> journals) {
    Map<String, Long> nextVersion = new HashMap<>();
    Map<String, Long> createdAt = new HashMap<>();
    Map<String, String> previousHash = new HashMap<>();
    Map<String, Long> balance = new HashMap<>();
    long clock = 1_780_000_000_000L + random.nextInt(1_000_000);
    int steps = 20 + random.nextInt(40);
    for (int step = 0; step < steps; step++) {
      clock += random.nextInt(3); // 0: two outputs booked in the same millisecond
      String partner = partners.get(random.nextInt(partners.size()));
      if (random.nextBoolean()) {
        String orderId = "o" + random.nextInt(6);
        String key = partner + "/" + orderId;
        long version = nextVersion.merge(key, 1L, Long::sum);
        long created = createdAt.computeIfAbsent(key, k -> random.nextLong(1_700_000_000_000L, 1_779_000_000_000L));
        OrderView view = OrderView.newBuilder(view(partner, orderId, OrderType.DATA, STATES[1 + random.nextInt(STATES.length - 1)], created, version))
            .setBookedAt(clock).build();
        QUERY.send(view);
        versions.add(new Version(partner, orderId, version, clock, view.getOrder().getUpdatedAt()));
      } else {
        String currency = CURRENCIES.get(random.nextInt(CURRENCIES.size()));
        String wallet = partner + "|" + currency;
        List<WalletEntry> journal = journals.computeIfAbsent(wallet, w -> new ArrayList<>());
        long before = balance.getOrDefault(wallet, 0L);
        boolean credit = journal.isEmpty() || random.nextInt(3) == 0;
        long amount = 1 + random.nextInt(credit ? 100_000 : 5_000);
        long after = credit ? before + amount : before - amount;
        String previous = previousHash.getOrDefault(wallet, JournalChain.GENESIS);
        WalletEntry entry = WalletEntry.newBuilder().setEntryId(wallet + "#" + journal.size()).setPartnerId(partner)
            .setOrderId("o" + random.nextInt(6)).setEventId("e" + step).setKind(credit ? MovementKind.TOP_UP_CREDIT : MovementKind.ORDER_DEBIT)
            .setDirection(credit ? MovementDirection.CREDIT : MovementDirection.DEBIT).setAmountMinor(amount).setCurrency(currency)
            .setBalanceBeforeMinor(before).setBalanceAfterMinor(after).setSequence(journal.size() + 1L).setOccurredAt(clock - 5)
            .setBookedAt(clock).setPreviousHash(previous).setHash(null).build();
        entry.setHash(JournalChain.hash(previous, entry));
        QUERY.send(entry);
        journal.add(entry);
        previousHash.put(wallet, entry.getHash());
        balance.put(wallet, after);
      }
    }
  }

  /** At every version's booking time, the last version booked by then; a millisecond before the first, nothing. */
  private static long checkOrdersAsOf(OrderReader orders, List<Version> versions, String context) {
    Map<String, List<Version>> byOrder = new LinkedHashMap<>();
    versions.forEach(v -> byOrder.computeIfAbsent(v.partner() + "/" + v.orderId(), k -> new ArrayList<>()).add(v));
    for (List<Version> history : byOrder.values()) {
      Version first = history.get(0);
      assertThat(orders.asOf(first.partner(), first.orderId(), first.bookedAt() - 1).version()).as("%s before its first version, %s", first, context)
          .isEmpty();
      assertThat(orders.asOf(first.partner(), first.orderId(), first.bookedAt() - 1).recordedLater()).as("recorded after, %s", context).isTrue();
      for (Version v : history) {
        Version inForce = history.stream().filter(other -> other.bookedAt() <= v.bookedAt()).reduce((a, b) -> b).orElseThrow();
        JsonNode answer = json(orders.asOf(v.partner(), v.orderId(), v.bookedAt()).version()
            .orElseThrow(() -> new AssertionError(v + " missing, " + context)));
        assertThat(answer.get("updatedAt").asLong()).as("%s as of %d, %s", v.orderId(), v.bookedAt(), context).isEqualTo(inForce.updatedAt());
        assertThat(answer.get("_id").asString()).isEqualTo(v.orderId());
      }
      Version last = history.get(history.size() - 1);
      assertThat(json(orders.asOf(last.partner(), last.orderId(), Long.MAX_VALUE / 2).version().orElseThrow()))
          .as("as of the far future is now, %s", context).isEqualTo(json(orders.json(last.partner(), last.orderId()).orElseThrow()));
    }
    return versions.size();
  }

  /** The whole statement in random page sizes, then a random period: the journal's entries, in order, chained. */
  private static void checkStatement(StatementReader statements, List<WalletEntry> journal, Random random, String context) {
    WalletEntry head = journal.get(0);
    String partner = head.getPartnerId();
    String currency = head.getCurrency();
    List<JsonNode> lines = new ArrayList<>();
    String cursor = null;
    StatementReader.Page page;
    do {
      page = statements.statement(partner, currency, null, null, cursor, 1 + random.nextInt(7));
      page.entries().forEach(e -> lines.add(json(e)));
      cursor = page.done() ? null : page.continueCursor();
    } while (!page.done());
    assertThat(page.chain().status()).as("chain of %s %s, %s", partner, currency, context).isEqualTo("verified");
    assertThat(page.chain().checkedThrough()).isEqualTo(journal.size());
    assertThat(lines).hasSize(journal.size());
    for (int i = 0; i < journal.size(); i++) {
      WalletEntry entry = journal.get(i);
      JsonNode line = lines.get(i);
      assertThat(line.get("sequence").asLong()).as(context).isEqualTo(entry.getSequence());
      assertThat(line.get("hash").asString()).as(context).isEqualTo(entry.getHash());
      assertThat(line.get("balanceAfter").decimalValue()).as(context).isEqualByComparingTo(decimal(entry.getBalanceAfterMinor(), currency));
      assertThat(line.get("chain").asString()).isEqualTo("ok");
      if (i > 0) {
        assertThat(line.get("balanceBefore").decimalValue()).as("continuity at %d, %s", entry.getSequence(), context)
            .isEqualByComparingTo(lines.get(i - 1).get("balanceAfter").decimalValue());
      }
    }

    long from = journal.get(random.nextInt(journal.size())).getBookedAt();
    long to = from + random.nextInt(5);
    List<Long> expected = journal.stream().filter(e -> e.getBookedAt() >= from && e.getBookedAt() <= to).map(WalletEntry::getSequence).toList();
    List<Long> period = statements.statement(partner, currency, from, to, null, 100).entries().stream()
        .map(e -> json(e).get("sequence").asLong()).toList();
    assertThat(period).as("period %d..%d of %s %s, %s", from, to, partner, currency, context).isEqualTo(expected);
  }

  /** At every entry's booking time, each currency's balance after its last entry booked by then. */
  private static void checkWalletAsOf(WalletReader wallets, String partner, Map<String, List<WalletEntry>> journals, String context) {
    List<WalletEntry> partnerEntries = journals.values().stream().flatMap(List::stream).filter(e -> e.getPartnerId().equals(partner)).toList();
    for (WalletEntry at : partnerEntries) {
      long time = at.getBookedAt();
      Map<String, BigDecimal> expected = new HashMap<>();
      for (WalletEntry e : partnerEntries) {
        if (e.getBookedAt() <= time) {
          expected.merge(e.getCurrency(), decimal(e.getBalanceAfterMinor(), e.getCurrency()),
              (old, now) -> now); // entries of one wallet are listed in sequence order
        }
      }
      WalletDto answer = wallets.asOf(partner, time);
      Map<String, BigDecimal> actual = new HashMap<>();
      answer.wallets().forEach(w -> actual.put(w.currency(), w.balance()));
      assertThat(actual.keySet()).as("%s's currencies as of %d, %s", partner, time, context).isEqualTo(expected.keySet());
      expected.forEach((currency, balance) -> assertThat(actual.get(currency)).as("%s %s as of %d, %s", partner, currency, time, context)
          .isEqualByComparingTo(balance));
    }
  }

  private static BigDecimal decimal(long minor, String currency) {
    return MinorUnits.toDecimal(minor, currency);
  }

  private static JsonNode json(JsonSlice slice) {
    return JsonRenderer.mapper().readTree(slice.toString());
  }
}
