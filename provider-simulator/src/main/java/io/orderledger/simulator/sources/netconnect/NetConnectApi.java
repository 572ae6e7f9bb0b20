package io.orderledger.simulator.sources.netconnect;

import io.orderledger.simulator.api.ApiReply;
import io.orderledger.simulator.api.ApiRequest;
import io.orderledger.simulator.api.SourceApi;
import io.orderledger.simulator.world.ListOrder;
import io.orderledger.simulator.world.OrderKind;
import io.orderledger.simulator.world.ProviderWorld;
import io.orderledger.simulator.world.SimOrder;
import io.orderledger.simulator.world.SimRecipient;
import io.orderledger.simulator.world.SimSource;
import io.orderledger.simulator.world.SimState;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The NetConnect partner API (seeds 000 and 001): {@code X-API-KEY}, {@code GET /api/v1/orders} with an opaque
 * continue cursor (newest first, or oldest first if the source is set so), and {@code GET /api/v1/orders/{id}}. The
 * cursor marks a position in the source's creation order, so orders placed while a client pages do not shift the
 * pages it has not read yet.
 */
public final class NetConnectApi extends SourceApi {

  private static final Set<String> TYPES = Set.of("data", "airtime", "voice", "afa", "registration", "top_up", "result_checker", "all");
  private static final Set<String> STATES = Set.of("pending", "processing", "completed", "failed", "reversed");
  private static final String LIST_PATH = "/api/v1/orders";

  @Override
  public boolean isListing(String path) {
    return path.equals(LIST_PATH);
  }

  @Override
  public ApiReply handle(ProviderWorld.View world, SimSource source, ApiRequest request, PageFault pageFault) {
    if (!source.apiKey().equals(request.header("X-API-KEY"))) {
      return error(401, "UNAUTHORIZED", "Invalid or missing API key");
    }
    if (request.path().equals(LIST_PATH)) {
      return list(world, source, request, pageFault);
    }
    if (request.path().startsWith(LIST_PATH + "/")) {
      SimOrder order = world.order(source.id(), request.path().substring(LIST_PATH.length() + 1));
      if (order == null) {
        return error(404, "ORDER_NOT_FOUND", "Order not found");
      }
      ObjectNode body = JSON.createObjectNode().put("success", true);
      body.set("data", render(order, true));
      return reply(200, body);
    }
    return error(404, "NOT_FOUND", "No such endpoint");
  }

  private ApiReply list(ProviderWorld.View world, SimSource source, ApiRequest request, PageFault pageFault) {
    String type = request.param("orderType");
    if (type != null && !TYPES.contains(type)) {
      return error(400, "INVALID_ORDER_TYPE", "Invalid orderType: " + type);
    }
    String state = request.param("state");
    if (state != null && !STATES.contains(state)) {
      return error(400, "INVALID_STATE", "Invalid state: " + state);
    }
    Integer limit = request.intParam("limit", 20);
    if (limit == null || limit < 1) {
      return error(400, "INVALID_LIMIT", "limit must be a positive number");
    }
    limit = Math.min(limit, 100);
    boolean newestFirst = source.listOrder() == ListOrder.NEWEST_FIRST;
    Integer after = position(request.param("cursor"), newestFirst);
    if (after == null) {
      return error(400, "INVALID_CURSOR", "Invalid cursor");
    }
    List<SimOrder> orders = world.orders(source.id());
    // Walk the creation order from the cursor, one way or the other, collecting matching orders.
    int step = newestFirst ? -1 : 1;
    int index = newestFirst ? Math.min(after, orders.size()) - 1 : after + 1;
    List<SimOrder> page = new ArrayList<>(limit);
    for (; index >= 0 && index < orders.size() && page.size() < limit; index += step) {
      if (matches(orders.get(index), type, state)) {
        page.add(orders.get(index));
      }
    }
    boolean done = true;
    for (; index >= 0 && index < orders.size(); index += step) {
      if (matches(orders.get(index), type, state)) {
        done = false;
        break;
      }
    }
    int next = page.isEmpty() ? (newestFirst ? 0 : Math.max(after, -1)) : page.get(page.size() - 1).sequence();
    int pageSize = limit;
    Supplier<List<SimOrder>> previous = () -> {
      List<SimOrder> before = new ArrayList<>();
      for (int i = newestFirst ? Math.min(after, orders.size()) : after; i >= 0 && i < orders.size() && before.size() < pageSize; i -= step) {
        if (matches(orders.get(i), type, state)) {
          before.add(0, orders.get(i));
        }
      }
      return before;
    };
    ArrayNode rendered = JSON.createArrayNode();
    pageFault.apply(page, previous).forEach(order -> rendered.add(render(order, false)));
    ObjectNode data = JSON.createObjectNode();
    data.set("orders", rendered);
    data.put("isDone", done);
    data.put("continueCursor", next < 0 ? "" : "c" + Integer.toHexString(next));
    ObjectNode body = JSON.createObjectNode().put("success", true);
    body.set("data", data);
    return reply(200, body);
  }

  /**
   * The cursor is "c" and the creation position (hex) of the last order returned; absent means from the start: the
   * newest order when listing newest first, the oldest otherwise.
   */
  private static Integer position(String cursor, boolean newestFirst) {
    if (cursor == null || cursor.isEmpty()) {
      return newestFirst ? Integer.MAX_VALUE : -1;
    }
    if (cursor.charAt(0) != 'c' || cursor.length() > 9) {
      return null;
    }
    try {
      return Integer.parseInt(cursor.substring(1), 16);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The default scope is data and result checkers only (seed 000); {@code all} is every type. */
  private static boolean matches(SimOrder order, String type, String state) {
    String orderType = order.kind().netConnectType();
    boolean typeMatches = type == null ? orderType.equals("data") || orderType.equals("result_checker")
        : type.equals("all") || type.equals(orderType);
    return typeMatches && (state == null || state.equals(order.state().lower()));
  }

  /**
   * One order. The list and the single-order answer differ as seeds 000 and 001 do: only the single order carries
   * providerRef and the payment fields; only the list carries the wallet balances.
   */
  static ObjectNode render(SimOrder order, boolean single) {
    ObjectNode node = JSON.createObjectNode();
    node.put("_id", order.id());
    node.put("_creationTime", new BigDecimal(order.createdAt() + "." + String.format(Locale.ROOT, "%04d", order.sequence() % 10_000)));
    node.put("createdAt", order.createdAt());
    node.put("updatedAt", order.updatedAt());
    node.put("shortReference", String.valueOf(100_000 + order.sequence()));
    node.put("beneficiaryMsisdn", order.msisdn());
    node.put("operatorId", "kd7ff6sssan1v3d00dbbttwaa57yp27d");
    node.put("operatorName", "MTN");
    node.put("productId", "m17dnxcx4sww9qym18d73b5v6x7yqqah");
    node.put("productName", "enterprise-api");
    node.put("packageId", order.kind() == OrderKind.AIRTIME ? null : "kn79vk1wapbwx3q3z252yvr8ph7yqmct");
    node.put("packageLabel", label(order));
    node.put("amount", major(order.amountMinor()));
    node.put("currency", order.source().currency());
    node.put("state", order.state().lower());
    node.put("orderType", order.kind().netConnectType());
    if (single) {
      node.put("providerRef", order.providerRef());
    }
    putNullable(node, "submittedAt", order.submittedAt());
    putNullable(node, "completedAt", order.completedAt());
    node.put("errorMessage", order.errorMessage());
    if (single) {
      boolean paidByMomo = order.kind() == OrderKind.TOP_UP;
      node.put("paymentReference", paidByMomo ? "MOMO-" + (700_000 + order.sequence()) : null);
      node.put("paymentGateway", paidByMomo ? "momo" : null);
      node.put("paymentGatewayStatus", !paidByMomo ? null : order.state() == SimState.COMPLETED ? "completed"
          : order.state() == SimState.FAILED ? "failed" : "pending");
    }
    node.put("isBulkOrder", order.isBulk());
    if (order.isBulk()) {
      ArrayNode recipients = node.putArray("bulkRecipients");
      int completed = 0;
      int failed = 0;
      for (SimRecipient recipient : order.recipients()) {
        ObjectNode r = recipients.addObject();
        r.put("beneficiaryMsisdn", recipient.msisdn());
        r.put("packageId", "kn79vk1wapbwx3q3z252yvr8ph7yqmct");
        r.put("packageLabel", "1 GB");
        r.put("amount", major(recipient.amountMinor()));
        r.put("status", recipient.state().lower());
        r.put("errorMessage", recipient.state() == SimState.FAILED ? "Recipient not reachable" : null);
        putNullable(r, "completedAt", recipient.completedAt());
        completed += recipient.state() == SimState.COMPLETED ? 1 : 0;
        failed += recipient.state() == SimState.FAILED ? 1 : 0;
      }
      node.put("bulkCompletedCount", completed);
      node.put("bulkFailedCount", failed);
    } else {
      node.putNull("bulkRecipients");
      node.putNull("bulkCompletedCount");
      node.putNull("bulkFailedCount");
    }
    if (single) {
      return node;
    }
    if (order.walletBeforeMinor() != null) {
      node.put("walletBalanceBefore", major(order.walletBeforeMinor()));
      node.put("walletBalanceAfter", major(order.walletAfterMinor()));
    } else {
      node.putNull("walletBalanceBefore");
      node.putNull("walletBalanceAfter");
    }
    return node;
  }

  private static String label(SimOrder order) {
    return switch (order.kind()) {
      case DATA, BULK_DATA -> "1 GB";
      case RESULT_CHECKER -> "WASSCE checker";
      case TOP_UP -> "Wallet top-up";
      default -> null;
    };
  }

  private static void putNullable(ObjectNode node, String field, Long value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }

  private static ApiReply error(int status, String code, String message) {
    ObjectNode body = JSON.createObjectNode().put("success", false);
    body.putObject("error").put("code", code).put("message", message);
    return reply(status, body);
  }
}
