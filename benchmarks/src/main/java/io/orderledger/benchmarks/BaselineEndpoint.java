package io.orderledger.benchmarks;

import io.orderledger.query.api.ApiAccessFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The query benchmark's baseline, added to the service only by the benchmark: a pre-rendered JSON body of a requested
 * size behind the same filter (API key, rate limit) as the real endpoints, so that the difference between the two
 * measures the store reads and the assembly of the answer.
 */
@RestController
@RequestMapping("/api/v1")
public class BaselineEndpoint {

  private final Map<Integer, byte[]> bodies = new ConcurrentHashMap<>();

  @GetMapping("/_baseline")
  public ResponseEntity<byte[]> baseline(@RequestParam(defaultValue = "1000") int bytes, HttpServletRequest request) {
    if (request.getAttribute(ApiAccessFilter.CLIENT_ATTRIBUTE) == null) {
      return ResponseEntity.status(401).build();
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
        .body(bodies.computeIfAbsent(Math.max(40, Math.min(bytes, 1 << 20)), BaselineEndpoint::body));
  }

  /**
   * The same body at a path with a variable, as {@code /orders/{orderId}} has: Spring matches such a path against
   * every mapping's pattern, where a fixed path is one map look-up, so this is the get's fair baseline.
   */
  @GetMapping("/_baseline/{id}")
  public ResponseEntity<byte[]> baselineWithId(@PathVariable String id, @RequestParam(defaultValue = "1000") int bytes,
                                               HttpServletRequest request) {
    return baseline(bytes, request);
  }

  private static byte[] body(int size) {
    byte[] head = "{\"success\":true,\"data\":{\"padding\":\"".getBytes(StandardCharsets.US_ASCII);
    byte[] tail = "\"}}".getBytes(StandardCharsets.US_ASCII);
    byte[] body = new byte[size];
    Arrays.fill(body, (byte) 'x');
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(tail, 0, body, size - tail.length, tail.length);
    return body;
  }
}
