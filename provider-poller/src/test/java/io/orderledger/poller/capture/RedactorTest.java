package io.orderledger.poller.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderledger.poller.Seeds;
import io.orderledger.poller.source.RedactionRules;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Personal data configured to be dropped or hashed never appears in what the poller keeps. */
class RedactorTest {

  private static final byte[] KEY = "a-secret-key-of-32-bytes-or-more".getBytes(StandardCharsets.UTF_8);

  @Test
  void dropsAndHashesNamedFieldsInACopy() {
    JsonNode order = Seeds.json("giftcard-list-002.json").get(1);
    Redactor redactor = new Redactor(new RedactionRules(List.of("email"), List.of("mobile.mobile_number"), KEY));

    Redactor.Redacted redacted = redactor.apply(order);

    String kept = CanonicalJson.of(redacted.record());
    assertThat(kept).doesNotContain("user@example.com", "7700900000").contains("\"mobile_country_code\":\"+44\"");
    assertThat(redacted.record().get("mobile").get("mobile_number").asString()).isEqualTo(redactor.hash("7700900000"))
        .startsWith("hmac-sha256:").hasSize("hmac-sha256:".length() + 64);
    assertThat(redacted.paths()).containsExactly("email", "mobile.mobile_number");
    assertThat(order.get("email").asString()).as("the listed entry itself is untouched").isEqualTo("user@example.com");
  }

  @Test
  void reachesIntoArraysAndReportsOnlyWhatMatched() {
    JsonNode fetched = Seeds.json("paystack-fetch-004.json").get("data");
    Redactor redactor = new Redactor(new RedactionRules(List.of("line_items[].product.name", "no.such.field"), List.of("customer.email"), KEY));

    Redactor.Redacted redacted = redactor.apply(fetched);

    assertThat(CanonicalJson.of(redacted.record())).doesNotContain("Sample Product", "customer@email.com").contains("2196244");
    assertThat(redacted.paths()).containsExactly("line_items[].product.name", "customer.email");
  }

  @Test
  void aMalformedPageKeepsNoPersonalData() {
    Redactor redactor = new Redactor(new RedactionRules(List.of("email"), List.of("customer.email"), KEY));
    String page = "[{\"id\":12345,\"email\":\"jane.doe@example.com\",\"customer\":{\"email\":\"jane.doe@example.com\"},\"total\":";

    String kept = new String(redactor.body(page.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);

    assertThat(kept).as("cut in the middle: not JSON, so only its shape").doesNotContain("jane", "doe", "example", "12345")
        .contains("\"notJson\":true", "\"bytes\":" + page.length(), "[{\\\"xx\\\":00000,\\\"xxxxx\\\"");
  }

  @Test
  void aPageOfTheWrongShapeHasEveryConfiguredFieldRedactedWhereverItIs() {
    Redactor redactor = new Redactor(new RedactionRules(List.of("buyer_email"), List.of("customer.email"), KEY));
    String page = "{\"unexpected\":{\"orders\":[{\"id\":1,\"buyer_email\":\"jane.doe@example.com\",\"customer\":{\"email\":\"j@example.com\"}}]}}";

    String kept = new String(redactor.body(page.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);

    assertThat(kept).doesNotContain("example.com").contains("\"id\":1", redactor.hash("j@example.com"));
  }

  @Test
  void hashingWithoutAKeyIsRefusedAtStartup() {
    assertThatThrownBy(() -> new RedactionRules(List.of(), List.of("email"), null)).hasMessageContaining("key");
    assertThatThrownBy(() -> new RedactionRules(List.of("a..b"), List.of(), null)).hasMessageContaining("not a field path");
  }
}
