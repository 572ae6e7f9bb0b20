package io.orderledger.simulator.sources.paystack;

import io.orderledger.simulator.api.ApiReply;
import io.orderledger.simulator.api.ApiRequest;
import io.orderledger.simulator.api.SourceApi;
import io.orderledger.simulator.world.ProviderWorld;
import io.orderledger.simulator.world.SimOrder;
import io.orderledger.simulator.world.SimSource;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Paystack orders (seed 004): {@code Authorization: Bearer}, {@code GET /order} (newest first, or oldest first if the
 * source is set so) with
 * {@code perPage}/{@code page}, {@code from}/{@code to} and a {@code meta} block, amounts in minor units, and
 * {@code GET /order/:id}.
 */
public final class PaystackApi extends SourceApi {

  @Override
  public boolean isListing(String path) {
    return path.equals("/order");
  }

  @Override
  public ApiReply handle(ProviderWorld.View world, SimSource source, ApiRequest request, PageFault pageFault) {
    if (!("Bearer " + source.apiKey()).equals(request.header("Authorization"))) {
      return failure(401, "Invalid key");
    }
    if (request.path().startsWith("/order/")) {
      SimOrder order = world.order(source.id(), request.path().substring("/order/".length()));
      if (order == null) {
        return failure(404, "Order not found");
      }
      ObjectNode body = JSON.createObjectNode().put("status", true).put("message", "Order retrieved");
      body.set("data", render(order, true));
      return reply(200, body);
    }
    if (!request.path().equals("/order")) {
      return failure(404, "Not found");
    }
    Integer page = request.intParam("page", 1);
    Integer perPage = request.intParam("perPage", 50);
    if (page == null || perPage == null || page < 1 || perPage < 1 || perPage > 1_000) {
      return failure(400, "perPage must be between 1 and 1000 and page at least 1");
    }
    Long from = time(request.param("from"), Long.MIN_VALUE);
    Long to = time(request.param("to"), Long.MAX_VALUE);
    if (from == null || to == null) {
      return failure(400, "from and to must be dates or ISO 8601 times");
    }
    List<SimOrder> window = createdBetween(world.orders(source.id()), from, to);
    int total = window.size();
    int skipped = (int) Math.min((long) (page - 1) * perPage, total);
    List<SimOrder> listed = inListOrder(window, source);
    List<SimOrder> items = listed.subList(skipped, Math.min(skipped + perPage, total));
    int size = perPage;
    ArrayNode data = JSON.createArrayNode();
    pageFault.apply(items, () -> skipped == 0 ? List.of() : listed.subList(Math.max(0, skipped - size), skipped))
        .forEach(order -> data.add(render(order, false)));
    ObjectNode body = JSON.createObjectNode().put("status", true).put("message", "Orders retrieved");
    body.set("data", data);
    body.putObject("meta")
        .put("total", total)
        .put("skipped", skipped)
        .put("perPage", perPage)
        .put("page", page)
        .put("pageCount", Math.max(1, (total + perPage - 1) / perPage));
    return reply(200, body);
  }

  /** Paystack accepts a date ({@code 2016-09-21}) or a full timestamp. */
  private static Long time(String value, long absent) {
    if (value == null || value.isBlank()) {
      return absent;
    }
    try {
      return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()
          : Instant.parse(value).toEpochMilli();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static String status(SimOrder order) {
    return switch (order.state()) {
      case PENDING -> "pending";
      case PROCESSING -> "processing";
      case COMPLETED -> "success";
      // Paystack marks an order nobody paid for as abandoned: for the wallet it is a failure.
      case FAILED -> order.sequence() % 3 == 0 ? "abandoned" : "failed";
      case REVERSED -> "reversed";
    };
  }

  private static ObjectNode render(SimOrder order, boolean withLineItems) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", Long.parseLong(order.id()));
    node.put("code", "ORD_" + Long.toString(Long.parseLong(order.id()) * 7919L, 36));
    node.put("amount", order.amountMinor());
    node.put("currency", order.source().currency());
    node.put("status", status(order));
    // The list shows the customer's email only; Fetch Order adds the customer id and the line items (seed 004).
    ObjectNode customer = node.putObject("customer");
    if (withLineItems) {
      customer.put("id", 297_346_561L + order.sequence());
    }
    customer.put("email", "buyer" + order.sequence() + "@example.com");
    if (withLineItems) {
      ObjectNode line = node.putArray("line_items").addObject();
      line.putObject("product").put("id", 2_196_244 + order.sequence() % 10).put("name", "Sample Product " + order.sequence() % 10);
      line.put("quantity", 1);
      line.put("amount", order.amountMinor());
    }
    node.put("createdAt", Instant.ofEpochMilli(order.createdAt()).toString());
    return node;
  }

  private static ApiReply failure(int status, String message) {
    return reply(status, JSON.createObjectNode().put("status", false).put("message", message));
  }
}
