package io.orderledger.simulator.api;

import io.orderledger.simulator.world.ProviderWorld;
import io.orderledger.simulator.world.SimOrder;
import io.orderledger.simulator.world.SimSource;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The eSIM provider (seed 003): {@code X-API-Key}, {@code GET /orders} oldest first with {@code page}/{@code limit}
 * (max 10000) and {@code createdAt=gte:…&createdAt=lte:…} windows in RFC 3339. Totals are integers in minor units.
 */
public final class EsimApi extends SourceApi {

  @Override
  public ApiReply handle(ProviderWorld.View world, SimSource source, ApiRequest request, PageFault pageFault) {
    if (!source.apiKey().equals(request.header("X-API-Key"))) {
      return message(403, "Unauthorised");
    }
    if (!request.path().equals("/orders")) {
      return message(404, "Not found");
    }
    Integer page = request.intParam("page", 1);
    Integer limit = request.intParam("limit", 10);
    if (page == null || limit == null || page < 1 || limit < 1 || limit > 10_000) {
      return message(400, "Bad Request: page must be >= 1 and limit between 1 and 10000");
    }
    long from = Long.MIN_VALUE;
    long to = Long.MAX_VALUE;
    for (String bound : request.params("createdAt")) {
      try {
        if (bound.startsWith("gte:")) {
          from = Instant.parse(bound.substring(4)).toEpochMilli();
        } else if (bound.startsWith("lte:")) {
          to = Instant.parse(bound.substring(4)).toEpochMilli();
        } else {
          return message(400, "Bad Request: createdAt must be gte:<time> or lte:<time>");
        }
      } catch (DateTimeParseException e) {
        return message(400, "Bad Request: createdAt is not an RFC 3339 time");
      }
    }
    List<SimOrder> orders = world.orders(source.id());
    List<SimOrder> window = createdBetween(orders, from, to);
    int start = (int) Math.min((long) (page - 1) * limit, window.size());
    List<SimOrder> items = window.subList(start, Math.min(start + limit, window.size()));
    int size = limit;
    ArrayNode body = JSON.createArrayNode();
    pageFault.apply(items, () -> start == 0 ? List.of() : new ArrayList<>(window.subList(Math.max(0, start - size), start)))
        .forEach(order -> body.add(render(order)));
    return reply(200, body);
  }

  static String status(SimOrder order) {
    return switch (order.state()) {
      case PENDING -> "pending";
      case PROCESSING -> "processing";
      case COMPLETED -> "completed";
      case FAILED -> "failed";
      case REVERSED -> "refunded";
    };
  }

  private static ObjectNode render(SimOrder order) {
    ObjectNode node = JSON.createObjectNode();
    ArrayNode items = node.putArray("order");
    int quantity = order.amountMinor() % 200 == 0 ? 2 : 1;
    ObjectNode item = items.addObject();
    item.put("type", "bundle");
    item.put("item", "esim_" + (1 + order.sequence() % 20) + "GB_30D_GH_V2");
    item.put("quantity", quantity);
    item.put("subTotal", order.amountMinor());
    item.put("pricePerUnit", order.amountMinor() / quantity);
    node.put("total", order.amountMinor());
    node.put("currency", order.source().currency());
    node.put("status", status(order));
    node.put("statusMessage", order.errorMessage() == null ? "Order " + status(order) : order.errorMessage());
    node.put("orderReference", order.id());
    node.put("createDate", Instant.ofEpochMilli(order.createdAt()).toString());
    return node;
  }

  private static ApiReply message(int status, String message) {
    return reply(status, JSON.createObjectNode().put("message", message));
  }
}
