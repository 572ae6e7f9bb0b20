package io.orderledger.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyRegistryTest {

  private final ApiClient a = new ApiClient("partner-a", Set.of(ApiClient.ORDERS_READ), "aaaa");
  private final ApiKeyRegistry registry = new ApiKeyRegistry(List.of(
      new ApiKeyRegistry.Entry(ApiKeyRegistry.sha256("demo-partner-a-key"), a),
      new ApiKeyRegistry.Entry(ApiKeyRegistry.sha256("demo-partner-b-key"), new ApiClient("partner-b", Set.of(), "bbbb"))));

  @Test
  void resolvesAKeyToItsPartner() {
    assertThat(registry.resolve("demo-partner-a-key")).contains(a);
  }

  @Test
  void knowsNothingOfOtherKeysOrNoKey() {
    assertThat(registry.resolve("demo-partner-a-kez")).isEmpty();
    assertThat(registry.resolve("")).isEmpty();
    assertThat(registry.resolve(null)).isEmpty();
    assertThat(registry.resolve("x".repeat(10_000))).isEmpty();
  }

  @Test
  void hashesAsTheConfigurationExpects() {
    assertThat(ApiKeyRegistry.sha256Hex("demo-partner-a-key")).hasSize(64).matches("[0-9a-f]+");
  }
}
