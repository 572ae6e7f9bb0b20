package io.orderledger.poller.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.OrderSnapshot;
import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import io.orderledger.events.SourceRecord;
import io.orderledger.poller.Seeds;
import io.orderledger.poller.checkpoint.Checkpoint;
import io.orderledger.poller.paging.ListDirection;
import io.orderledger.poller.paging.Listing;
import io.orderledger.poller.sources.netconnect.NetConnectPaging;
import io.orderledger.poller.sources.paystack.PaystackPaging;
import io.orderledger.poller.paging.ScanWindow;
import io.orderledger.poller.paging.SourcePaging;
import io.orderledger.poller.sources.SupportedSource;
import io.orderledger.poller.sources.SupportedSources;
import io.orderledger.poller.source.SourceConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The seeds' own example payloads through the capture the poller runs (single-order answer merged in, mapped,
 * canonicalised): the event's source record is the example itself, and the snapshot's fields are what the mapping
 * table in provider-poller/README.md says.
 */
class SeedCaptureTest {

  private static final long POLLED_AT = 1_780_000_000_000L;

  private static SourceConfig source(SupportedSource shape) {
    return new SourceConfig("src", shape, URI.create("http://127.0.0.1:1"), "partner-a", "k", "s", 10, Duration.ofMinutes(1));
  }

  /** A paging that lists nothing and answers single-order calls from the seed. */
  private static SourcePaging answering(SourcePaging real, Function<String, JsonNode> detail) {
    return new SourcePaging() {
      @Override
      public Listing scan(ScanWindow window) {
        throw new UnsupportedOperationException();
      }

      @Override
      public io.orderledger.poller.paging.EntryKeys entryKeys() {
        return real.entryKeys();
      }

      @Override
      public boolean needsDetail(JsonNode listEntry) {
        return real.needsDetail(listEntry);
      }

      @Override
      public JsonNode detail(String nativeId) {
        return detail.apply(nativeId);
      }
    };
  }

  private static CapturedOrder capture(SourceConfig source, SourcePaging paging, JsonNode entry) {
    Listing listing = new Listing(List.of(io.orderledger.poller.paging.ListEntry.of(entry, paging.entryKeys())), List.of(), null, 1, ListDirection.UNKNOWN, List.of());
    Capture capture = new RecordCapture(source, paging, SupportedSources.of(source).mapper(source)).capture(listing, Checkpoint.initial("src"), POLLED_AT);
    assertThat(capture.rejects()).isEmpty();
    return capture.orders().get(0);
  }

  @Test
  void netConnectListEntryWithItsGetOrderAnswerMerged() {
    SourceConfig source = source(SupportedSources.NETCONNECT);
    JsonNode entry = Seeds.json("netconnect-list-000.json");
    JsonNode single = Seeds.json("netconnect-get-001.json").get("data");
    NetConnectPaging paging = new NetConnectPaging(source, null);
    assertThat(paging.needsDetail(entry)).as("seed 000's list entry has no providerRef or payment fields").isTrue();

    CapturedOrder captured = capture(source, answering(paging, id -> single), entry);

    OrderSnapshot order = captured.observation().snapshot();
    assertThat(order.getOrderId()).isEqualTo("kh72y10adpkj8kr1bbrgcgnvcd841w5g");
    assertThat(order.getCreationTime()).isEqualTo("1775046434454.9124");
    assertThat(order.getAmountMinor()).isEqualTo(425L);
    assertThat(order.getProviderRef()).as("only seed 001 has it").isEqualTo("JESSCO-4175984");
    assertThat(order.getSourceWalletBalanceBeforeMinor()).as("only seed 000 has it").isEqualTo(25_000L);
    assertThat(order.getSourceWalletBalanceAfterMinor()).isEqualTo(24_610L);
    assertThat(order.getState()).isEqualTo(OrderState.PROCESSING);
    SourceRecord record = captured.sourceRecord();
    assertThat(record.getJson()).contains("\"walletBalanceBefore\":250.00", "\"providerRef\":\"JESSCO-4175984\"", "1775046434454.9124",
        "\"beneficiaryMsisdn\":\"233540983543\"");
    assertThat(order.getBeneficiaryMsisdn()).as("where the reads disagree the snapshot has the single order's value (seed 001)")
        .isEqualTo("233540983543");
    assertThat(record.getListValues()).as("and the list's value (seed 000) is kept beside it: the one field the seeds disagree on")
        .isEqualTo(java.util.Map.of("/beneficiaryMsisdn", "\"233541234567\""));
    assertThat(record.getSha256()).isEqualTo(Sha256.hex(record.getJson())).hasSize(64);
    assertThat(record.getSystem()).isEqualTo("netconnect");
    assertThat(record.getNativeStatus()).isEqualTo("processing");
    assertThat(record.getSourceUpdatedAt()).isEqualTo(1775046435554L);
  }

  @Test
  void giftCardListEntriesAsSeed002ShowsThem() {
    SourceConfig source = source(SupportedSources.GIFT_CARD);
    JsonNode second = Seeds.json("giftcard-list-002.json").get(1);

    CapturedOrder captured = capture(source, answering(new io.orderledger.poller.sources.giftcard.GiftCardPaging(source, null), id -> null), second);

    OrderSnapshot order = captured.observation().snapshot();
    assertThat(captured.sourceRecord().getJson()).isEqualTo(CanonicalJson.of(second));
    assertThat(order.getOrderId()).isEqualTo("src:12346");
    assertThat(order.getShortReference()).isEqualTo("ORD-DEF456");
    assertThat(order.getBeneficiaryMsisdn()).isEqualTo("447700900000");
    assertThat(order.getOperatorId()).isEmpty();
    assertThat(order.getOperatorName()).isEqualTo("Google Play");
    assertThat(order.getProductId()).isEqualTo("2001");
    assertThat(order.getProductName()).isEqualTo("Google Play Gift Card");
    assertThat(order.getPackageId()).isEqualTo("2001:50.00");
    assertThat(order.getPackageLabel()).isEqualTo("2 × 50.00 EUR");
    assertThat(order.getPaymentReference()).isEqualTo("790");
    assertThat(order.getAmountMinor()).isEqualTo(10_000L);
    assertThat(order.getCurrency()).isEqualTo("EUR");
    assertThat(order.getState()).isEqualTo(OrderState.PROCESSING);
    assertThat(order.getSourceStatus()).isEqualTo("processing");
    assertThat(order.getOrderType()).isEqualTo(OrderType.GIFT_CARD);
    assertThat(order.getUpdatedAt()).as("no update time upstream: the poll time").isEqualTo(POLLED_AT);
    assertThat(captured.sourceRecord().getSourceUpdatedAt()).isNull();
    assertSeedStringsPresent(order);
  }

  @Test
  void anEsimOrderWithItsIccidsKeepsEveryItemAndNamesItsEsim() {
    SourceConfig source = source(SupportedSources.ESIM);
    JsonNode order003 = Seeds.json("esim-order-003.json");

    CapturedOrder captured = capture(source, answering(new io.orderledger.poller.sources.esim.EsimPaging(source, null), id -> null), order003);

    OrderSnapshot order = captured.observation().snapshot();
    assertThat(captured.sourceRecord().getJson()).isEqualTo(CanonicalJson.of(order003))
        .contains("\"iccid\":\"8944538532046590117\"", "\"invoiceLink\":", "\"smdpAddress\":\"smdp.example.net\"");
    assertThat(order.getShortReference()).isEqualTo("b1a0c1e2-6a3c-4d3a-9c2e-0d6f7f1e2a11");
    assertThat(order.getProductId()).isEqualTo("esim_1GB_7D_GH_V2");
    assertThat(order.getPackageId()).as("the first eSIM's ICCID").isEqualTo("8944538532046590109");
    assertThat(order.getPackageLabel()).isEqualTo("2 × esim_1GB_7D_GH_V2, topup_1GB");
    assertThat(order.getAmountMinor()).isEqualTo(1_900L);
    assertThat(order.getState()).isEqualTo(OrderState.COMPLETED);
    assertThat(order.getOrderType()).isEqualTo(OrderType.ESIM);
    assertSeedStringsPresent(order);
  }

  @Test
  void anEsimSourceWhoseIntegersAreWholeUnitsIsScaledAsConfigured() {
    SourceConfig source = source(SupportedSources.ESIM).withAmountUnit(io.orderledger.poller.source.AmountUnit.MAJOR);
    JsonNode order003 = Seeds.json("esim-order-003.json");

    CapturedOrder captured = capture(source, answering(new io.orderledger.poller.sources.esim.EsimPaging(source, null), id -> null), order003);

    assertThat(captured.observation().snapshot().getAmountMinor()).as("total 1900 read as 1,900.00 USD").isEqualTo(190_000L);
    assertThat(source(SupportedSources.ESIM).amountUnit()).as("the default: seed 003 says only \"integer\"")
        .isEqualTo(io.orderledger.poller.source.AmountUnit.MINOR);
  }

  @Test
  void aPaystackListEntryWithItsFetchOrderAnswerIsTheFetchOrderExample() {
    SourceConfig source = source(SupportedSources.PAYSTACK);
    JsonNode entry = Seeds.json("paystack-list-004.json").get("data").get(0);
    JsonNode fetched = Seeds.json("paystack-fetch-004.json").get("data");
    PaystackPaging paging = new PaystackPaging(source, null);
    assertThat(paging.needsDetail(entry)).as("seed 004's list has no line items").isTrue();

    CapturedOrder captured = capture(source, answering(paging, id -> {
      assertThat(id).isEqualTo("12345");
      return fetched;
    }), entry);

    OrderSnapshot order = captured.observation().snapshot();
    assertThat(captured.sourceRecord().getJson()).isEqualTo(CanonicalJson.of(fetched));
    assertThat(order.getShortReference()).isEqualTo("ORD_abc123def456");
    assertThat(order.getProductId()).isEqualTo("2196244");
    assertThat(order.getProductName()).isEqualTo("Sample Product");
    assertThat(order.getPackageLabel()).isEqualTo("2 × Sample Product");
    assertThat(order.getAmountMinor()).isEqualTo(20_000L);
    assertThat(order.getCurrency()).isEqualTo("NGN");
    assertThat(order.getState()).isEqualTo(OrderState.COMPLETED);
    assertThat(order.getPaymentGateway()).isEqualTo("paystack");
    assertThat(order.getOrderType()).isEqualTo(OrderType.PRODUCT);
    assertSeedStringsPresent(order);
  }

  @Test
  void anOrderReadThroughItsSingleOrderAnswerIsAsOfThatAnswerNotTheList() {
    // The list (read first) still says pending; the single-order answer, read 80 ms later, says success: the record
    // holds the answer's state, so it must not claim it at the list's time, before the source made the change.
    SourceConfig source = source(SupportedSources.PAYSTACK);
    tools.jackson.databind.node.ObjectNode listed = (tools.jackson.databind.node.ObjectNode) Seeds.json("paystack-list-004.json").get("data").get(0).deepCopy();
    listed.put("status", "pending");
    JsonNode fetched = Seeds.json("paystack-fetch-004.json").get("data");
    java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong(POLLED_AT);
    SourcePaging paging = answering(new PaystackPaging(source, null), id -> {
      clock.addAndGet(80);
      return fetched;
    });
    Listing listing = new Listing(List.of(io.orderledger.poller.paging.ListEntry.of(listed, paging.entryKeys())), List.of(), null, 1,
        ListDirection.UNKNOWN, List.of());

    CapturedOrder captured = new RecordCapture(source, paging, SupportedSources.of(source).mapper(source), clock::get)
        .capture(listing, Checkpoint.initial("src"), POLLED_AT).orders().get(0);

    assertThat(captured.observation().snapshot().getState()).isEqualTo(OrderState.COMPLETED);
    assertThat(captured.observation().snapshot().getUpdatedAt()).isEqualTo(POLLED_AT + 80);
    assertThat(captured.sourceRecord().getListValues()).containsEntry("/status", "\"pending\"");
  }

  /** Seed 000 types these as string: a source that has nothing for one says "" rather than null. */
  private static void assertSeedStringsPresent(OrderSnapshot order) {
    assertThat(List.of(order.getShortReference(), order.getBeneficiaryMsisdn(), order.getOperatorId(), order.getOperatorName(),
        order.getProductId(), order.getProductName(), order.getPackageId(), order.getPackageLabel())).doesNotContainNull();
  }
}
