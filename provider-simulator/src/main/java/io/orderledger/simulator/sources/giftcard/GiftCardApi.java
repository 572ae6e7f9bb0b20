package io.orderledger.simulator.sources.giftcard;

import io.orderledger.simulator.api.ApiReply;
import io.orderledger.simulator.api.ApiRequest;
import io.orderledger.simulator.api.SourceApi;
import io.orderledger.simulator.world.ProviderWorld;
import io.orderledger.simulator.world.SimOrder;
import io.orderledger.simulator.world.SimSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The gift-card reseller (seed 002): {@code X-API-Key} and {@code X-API-Secret}, {@code GET /api/v1/orders} (oldest
 * first, or newest first if the source is set so) with {@code page}/{@code limit} (max 100) and the {@code X-Page},
 * {@code X-Per-Page}, {@code X-Total-Count},
 * {@code X-Total-Pages} headers. An empty result is a 404 "No Matching Result Found!", as the seed documents.
 */
public final class GiftCardApi extends SourceApi {

  private static final Set<String> STATUSES = Set.of("pending", "processing", "delivered", "partially_delivered", "failed", "cancelled");

  @Override
  public boolean isListing(String path) {
    return path.equals("/api/v1/orders");
  }

  @Override
  public ApiReply handle(ProviderWorld.View world, SimSource source, ApiRequest request, PageFault pageFault) {
    if (!source.apiKey().equals(request.header("X-API-Key")) || !source.apiSecret().equals(request.header("X-API-Secret"))) {
      return error(401, "unauthorized", "Invalid or expired access token");
    }
    if (!request.path().equals("/api/v1/orders")) {
      return error(404, "not_found", "No Matching Result Found!");
    }
    Integer page = request.intParam("page", 1);
    Integer limit = request.intParam("limit", 10);
    if (page == null || limit == null || page < 1 || limit < 1 || limit > 100) {
      return error(400, "invalid_request", "page must be >= 1 and limit between 1 and 100");
    }
    String status = request.param("status") == null ? null : request.param("status").toLowerCase(Locale.ROOT);
    if (status != null && !STATUSES.contains(status)) {
      return error(400, "invalid_request", "Unknown status " + request.param("status"));
    }
    List<SimOrder> matching = inListOrder(world.orders(source.id()), source);
    if (status != null) {
      matching = matching.stream().filter(o -> status(o).equals(status)).toList();
    }
    int total = matching.size();
    int totalPages = (total + limit - 1) / limit;
    int from = (int) Math.min((long) (page - 1) * limit, total);
    List<SimOrder> items = matching.subList(from, Math.min(from + limit, total));
    if (items.isEmpty()) {
      return error(404, "not_found", "No Matching Result Found!");
    }
    List<SimOrder> all = matching;
    int size = limit;
    ArrayNode body = JSON.createArrayNode();
    pageFault.apply(items, () -> from == 0 ? List.of() : new ArrayList<>(all.subList(Math.max(0, from - size), from)))
        .forEach(order -> body.add(render(order)));
    return reply(200, body)
        .withHeader("X-Page", String.valueOf(page))
        .withHeader("X-Per-Page", String.valueOf(limit))
        .withHeader("X-Total-Count", String.valueOf(total))
        .withHeader("X-Total-Pages", String.valueOf(totalPages));
  }

  static String status(SimOrder order) {
    return switch (order.state()) {
      case PENDING -> "pending";
      case PROCESSING -> "processing";
      // A multi-card order sometimes delivers only some cards first: still charged in full (seed 002's table).
      case COMPLETED -> order.partiallyDelivered() ? "partially_delivered" : "delivered";
      case FAILED -> order.cancelledAfterDelivery() || order.sequence() % 4 == 0 ? "cancelled" : "failed";
      case REVERSED -> throw new IllegalStateException("gift cards are never reversed");
    };
  }

  static int quantity(SimOrder order) {
    long amount = order.amountMinor();
    return amount % 300 == 0 ? 3 : amount % 200 == 0 ? 2 : 1;
  }

  private static ObjectNode render(SimOrder order) {
    int quantity = quantity(order);
    ObjectNode node = JSON.createObjectNode();
    node.put("id", Long.parseLong(order.id()));
    node.put("product_name", order.sequence() % 2 == 0 ? "Amazon Gift Card" : "Google Play Gift Card");
    node.put("currency", order.source().currency());
    node.put("reference_code", "ORD-" + Integer.toString(order.sequence(), 36).toUpperCase(Locale.ROOT));
    node.put("transaction_id", 700 + order.sequence());
    node.put("product_id", order.sequence() % 2 == 0 ? 1001 : 2001);
    node.put("denomination", major(order.amountMinor() / quantity).toPlainString());
    node.put("quantity", quantity);
    node.put("amount", major(order.amountMinor()).toPlainString());
    node.put("status", status(order));
    node.put("email", order.sequence() % 3 == 0 ? null : "customer" + order.sequence() + "@example.com");
    ObjectNode mobile = node.putObject("mobile");
    mobile.put("mobile_country_code", "+233");
    mobile.put("mobile_number", order.msisdn().substring(3));
    node.put("placed_at", Instant.ofEpochMilli(order.createdAt()).toString());
    return node;
  }

  private static ApiReply error(int status, String code, String message) {
    return reply(status, JSON.createObjectNode().put("error", code).put("message", message));
  }
}
