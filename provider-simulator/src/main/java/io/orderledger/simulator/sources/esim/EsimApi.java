package io.orderledger.simulator.sources.esim;

import io.orderledger.simulator.api.ApiReply;
import io.orderledger.simulator.api.ApiRequest;
import io.orderledger.simulator.api.SourceApi;
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
 * The eSIM provider (seed 003): {@code X-API-Key}, {@code GET /orders} (oldest first, or newest first if the source
 * is set so) with {@code page}/{@code limit} (max 10000), {@code createdAt=gte:…&createdAt=lte:…} windows in RFC 3339
 * and {@code includeIccids}. Totals are integers in minor units.
 */
public final class EsimApi extends SourceApi {

  @Override
  public boolean isListing(String path) {
    return path.equals("/orders");
  }

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
    List<SimOrder> window = inListOrder(createdBetween(orders, from, to), source);
    boolean iccids = "true".equalsIgnoreCase(request.param("includeIccids"));
    int start = (int) Math.min((long) (page - 1) * limit, window.size());
    List<SimOrder> items = window.subList(start, Math.min(start + limit, window.size()));
    int size = limit;
    ArrayNode body = JSON.createArrayNode();
    pageFault.apply(items, () -> start == 0 ? List.of() : new ArrayList<>(window.subList(Math.max(0, start - size), start)))
        .forEach(order -> body.add(render(order, iccids)));
    return reply(200, body);
  }

  static String status(SimOrder order) {
    return switch (order.state()) {
      case PENDING -> "pending";
      case PROCESSING -> "processing";
      case COMPLETED -> "completed";
      case FAILED -> order.cancelledAfterDelivery() ? "cancelled" : "failed";
      case REVERSED -> "refunded";
    };
  }

  /**
   * One order: a bundle item and, for one order in four, a top-up item beside it. With {@code includeIccids=true}
   * the bundle carries its eSIM (ICCID, matching id, SM-DP+ address) once it has one, and the order an ICCIDs array.
   */
  private static ObjectNode render(SimOrder order, boolean iccids) {
    ObjectNode node = JSON.createObjectNode();
    ArrayNode items = node.putArray("order");
    boolean withTopUp = order.sequence() % 4 == 1 && order.amountMinor() > 200;
    long topUp = withTopUp ? 100 : 0;
    long bundles = order.amountMinor() - topUp;
    int quantity = bundles % 2 == 0 && bundles >= 200 ? 2 : 1;
    ObjectNode item = items.addObject();
    item.put("type", "bundle");
    item.put("item", "esim_" + (1 + order.sequence() % 20) + "GB_30D_GH_V2");
    item.put("quantity", quantity);
    item.put("subTotal", bundles);
    item.put("pricePerUnit", bundles / quantity);
    if (iccids && order.iccid() != null) {
      item.putArray("esims").addObject()
          .put("iccid", order.iccid())
          .put("matchingId", "MATCH-" + order.id().toUpperCase(java.util.Locale.ROOT))
          .put("smdpAddress", "smdp.example.net");
    }
    if (withTopUp) {
      ObjectNode extra = items.addObject();
      extra.put("type", "topup");
      extra.put("item", "topup_1GB");
      extra.put("quantity", 1);
      extra.put("subTotal", topUp);
      extra.put("pricePerUnit", topUp);
      extra.put("invoiceLink", "https://esim.example.net/invoices/" + order.id());
    }
    node.put("total", order.amountMinor());
    node.put("currency", order.source().currency());
    node.put("status", status(order));
    node.put("statusMessage", order.statusMessage());
    if (iccids) {
      ArrayNode list = node.putArray("iccids");
      if (order.iccid() != null) {
        list.add(order.iccid());
      }
    }
    node.put("orderReference", order.id());
    node.put("createDate", Instant.ofEpochMilli(order.createdAt()).toString());
    return node;
  }

  private static ApiReply message(int status, String message) {
    return reply(status, JSON.createObjectNode().put("message", message));
  }
}
