package io.orderledger.poller.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderledger.events.OrderState;
import io.orderledger.events.RejectReason;
import io.orderledger.poller.http.ResilienceSettings;
import io.orderledger.poller.http.UpstreamHttp;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Mapping of single upstream orders: seed examples map exactly; each kind of bad value gets its own reject reason. */
class UpstreamPayloadTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final UpstreamHttp UNUSED = new UpstreamHttp("t", ResilienceSettings.defaults(), f -> { });

  private static SourceConfig source(ApiShape shape) {
    return new SourceConfig("src", shape, URI.create("http://127.0.0.1:1"), "partner-a", "k", "s", 10, Duration.ofMinutes(1));
  }

  private static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  private static final String SEED_000 = """
      {"_id":"kh72y10adpkj8kr1bbrgcgnvcd841w5g","_creationTime":1775046434454.9124,"createdAt":1775046434454,
       "updatedAt":1775046435554,"shortReference":"563967","beneficiaryMsisdn":"233541234567","operatorId":"kd7ff6sssan1v3d00dbbttwaa57yp27d",
       "operatorName":"MTN","productId":"m17dnxcx4sww9qym18d73b5v6x7yqqah","productName":"enterprise-api",
       "packageId":"kn79vk1wapbwx3q3z252yvr8ph7yqmct","packageLabel":"1 GB","amount":4.25,"currency":"GHS","state":"processing",
       "orderType":"data","submittedAt":1775046434454,"completedAt":null,"errorMessage":null,"isBulkOrder":false,
       "walletBalanceBefore":250.00,"walletBalanceAfter":246.10}""";

  @Test
  void seed000MapsFieldForFieldWithExactMoney() {
    Observation observation = new NetConnectAdapter(source(ApiShape.NETCONNECT), UNUSED, () -> 1L).map(json(SEED_000), -1, 1L);

    assertThat(observation.orderId()).isEqualTo("kh72y10adpkj8kr1bbrgcgnvcd841w5g");
    assertThat(observation.snapshot().getAmountMinor()).isEqualTo(425L);
    assertThat(observation.snapshot().getCreationTime()).isEqualTo("1775046434454.9124");
    assertThat(observation.snapshot().getState()).isEqualTo(OrderState.PROCESSING);
    assertThat(observation.snapshot().getSourceWalletBalanceBeforeMinor()).isEqualTo(25_000L);
    assertThat(observation.snapshot().getSourceWalletBalanceAfterMinor()).isEqualTo(24_610L);
    assertThat(observation.snapshot().getUpdatedAt()).isEqualTo(1775046435554L);
  }

  @Test
  void seed002ExampleMapsWithThePartiallyDeliveredAndCancelledRules() {
    GiftCardAdapter adapter = new GiftCardAdapter(source(ApiShape.GIFT_CARD), UNUSED, () -> 7L);
    Observation observation = adapter.map(json("""
        {"id":12346,"product_name":"Google Play Gift Card","currency":"EUR","reference_code":"ORD-DEF456","transaction_id":790,
         "product_id":2001,"denomination":"50.00","quantity":2,"amount":"100.00","status":"processing","email":"user@example.com",
         "mobile":{"mobile_country_code":"+44","mobile_number":"7700900000"},"placed_at":"2024-01-15T11:45:00Z"}"""), 0, 7L);

    assertThat(observation.orderId()).isEqualTo("src:12346");
    assertThat(observation.snapshot().getAmountMinor()).isEqualTo(10_000L);
    assertThat(observation.snapshot().getCurrency()).isEqualTo("EUR");
    assertThat(observation.snapshot().getBeneficiaryMsisdn()).isEqualTo("447700900000");
    assertThat(GiftCardAdapter.state("PARTIALLY_DELIVERED")).isEqualTo(OrderState.COMPLETED);
    assertThat(GiftCardAdapter.state("cancelled")).isEqualTo(OrderState.FAILED);
  }

  @Test
  void seed004ExampleMapsMinorUnitsAsTheyAre() {
    Observation observation = new PaystackAdapter(source(ApiShape.PAYSTACK), UNUSED, () -> 7L).map(json("""
        {"id":12345,"code":"ORD_abc123def456","amount":20000,"currency":"NGN","status":"success",
         "customer":{"email":"customer@email.com"},"createdAt":"2024-11-01T12:00:00.000Z"}"""), -1, 7L);

    assertThat(observation.snapshot().getAmountMinor()).isEqualTo(20_000L);
    assertThat(observation.snapshot().getState()).isEqualTo(OrderState.COMPLETED);
    assertThat(observation.snapshot().getSourceStatus()).isEqualTo("success");
  }

  @Test
  void eachKindOfBadOrderHasItsOwnReason() {
    NetConnectAdapter adapter = new NetConnectAdapter(source(ApiShape.NETCONNECT), UNUSED, () -> 1L);
    assertReason(() -> adapter.map(json(SEED_000.replace("\"_id\":\"kh72y10adpkj8kr1bbrgcgnvcd841w5g\",", "")), -1, 1L),
        RejectReason.UPSTREAM_MISSING_FIELD);
    assertReason(() -> adapter.map(json(SEED_000.replace("\"processing\"", "\"teleported\"")), -1, 1L),
        RejectReason.UPSTREAM_UNKNOWN_STATUS);
    assertReason(() -> adapter.map(json(SEED_000.replace("4.25", "-4.25")), -1, 1L), RejectReason.UPSTREAM_INVALID_AMOUNT);
    assertReason(() -> adapter.map(json(SEED_000.replace("4.25", "4.255")), -1, 1L), RejectReason.UPSTREAM_INVALID_AMOUNT);
    assertReason(() -> adapter.map(json(SEED_000.replace("\"GHS\"", "\"XYZ1\"")), -1, 1L), RejectReason.INVALID_CURRENCY);
    assertReason(() -> adapter.map(json(SEED_000.replace("1775046434454,", "\"yesterday\",")), -1, 1L),
        RejectReason.UPSTREAM_MALFORMED_PAYLOAD);
    PaystackAdapter paystack = new PaystackAdapter(source(ApiShape.PAYSTACK), UNUSED, () -> 7L);
    assertReason(() -> paystack.map(json("{\"id\":1,\"amount\":200.5,\"currency\":\"NGN\",\"status\":\"success\",\"createdAt\":\"2024-11-01T12:00:00Z\"}"), -1, 7L),
        RejectReason.UPSTREAM_INVALID_AMOUNT);
  }

  private static void assertReason(Runnable mapping, RejectReason reason) {
    assertThatThrownBy(mapping::run).isInstanceOfSatisfying(MappingException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
