package io.orderledger.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.query.cluster.ForwardingSignature;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Who gets past the API's door: a salted key, a forwarding signature, and nobody from an address that keeps failing. */
class ApiAccessFilterTest {

  private static final String SALT = "5f1d0c2a9b8e7d6c";
  private static final String KEY = "kq3M9xS0b1l0wJ5x7uRjv2yQ8bHk4cNfZtP6eWmYgAs";
  private final List<String> failures = new ArrayList<>();
  private final ForwardingSignature signature = ForwardingSignature.withSecret(
      Base64.getEncoder().encodeToString("a-cluster-secret-of-32-bytes-xyz".getBytes(StandardCharsets.UTF_8)), Clock.systemUTC());
  private final ApiAccessFilter filter = new ApiAccessFilter(new ApiKeyRegistry(List.of(new ApiKeyRegistry.Entry(SALT,
      HexFormat.of().parseHex(ApiKeyRegistry.saltedSha256Hex(SALT, KEY)), new ApiClient("partner-a", Set.of("orders:read"), "k1")))),
      RateLimiter.unlimited(), new AuthFailureLimiter(60, 5), signature, failures::add);

  private MockHttpServletResponse call(String address, String key, String forwarded) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/orders");
    request.setQueryString("orderType=all");
    request.setRemoteAddr(address);
    if (key != null) {
      request.addHeader("X-API-KEY", key);
    }
    if (forwarded != null) {
      request.addHeader(ForwardingSignature.HEADER, forwarded);
    }
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(request, response, new MockFilterChain());
    return response;
  }

  @Test
  void aSaltedKeyIsRecognisedAndItsPlainHashIsNot() throws Exception {
    assertThat(call("10.0.0.1", KEY, null).getStatus()).isEqualTo(200);
    ApiKeyRegistry unsalted = new ApiKeyRegistry(List.of(new ApiKeyRegistry.Entry(SALT, ApiKeyRegistry.sha256(KEY),
        new ApiClient("partner-a", Set.of(), "k1"))));
    assertThat(unsalted.resolve(KEY)).as("the key's plain SHA-256 is not what a salted entry holds").isEmpty();
    assertThat(ApiKeyRegistry.saltedSha256Hex(SALT, KEY)).as("printf '%%s:%%s' \"$salt\" \"$key\" | sha256sum")
        .isEqualTo(ApiKeyRegistry.sha256Hex(SALT + ":" + KEY));
  }

  @Test
  void anAddressThatKeepsFailingIsRefusedEvenWithTheRightKeyWhileOthersAreNot() throws Exception {
    for (int i = 0; i < 5; i++) {
      MockHttpServletResponse wrong = call("10.0.0.9", "guess-" + i, null);
      assertThat(wrong.getStatus()).as("guess %d", i).isEqualTo(401);
      assertThat(wrong.getContentAsString()).doesNotContain("guess-" + i);
    }
    MockHttpServletResponse refused = call("10.0.0.9", KEY, null);
    assertThat(refused.getStatus()).as("even a right guess, once the allowance is spent").isEqualTo(429);
    assertThat(refused.getHeader("Retry-After")).isNotBlank();
    assertThat(refused.getContentAsString()).contains("RATE_LIMITED");
    assertThat(call("10.0.0.10", KEY, null).getStatus()).as("another address").isEqualTo(200);
    assertThat(failures).containsExactly("unknown", "unknown", "unknown", "unknown", "unknown", "blocked");
  }

  @Test
  void aForwardedRequestIsTheSignaturesCallerAndAForgedOneIsABadRequest() throws Exception {
    String header = signature.sign("GET", "/api/v1/orders?orderType=all", new ForwardingSignature.Caller("partner-a", Set.of("orders:read")));
    assertThat(call("10.0.0.2", null, header).getStatus()).isEqualTo(200);

    MockHttpServletResponse forged = call("10.0.0.2", KEY, "1");
    assertThat(forged.getStatus()).as("a client's own X-Order-Ledger-Forwarded, whatever key it carries").isEqualTo(400);
    assertThat(forged.getContentAsString()).contains("INVALID_REQUEST");
    assertThat(failures).containsExactly("forged-forwarding");
  }
}
