package io.orderledger.query.api;

import io.orderledger.query.read.HistoryReader;
import io.orderledger.query.read.ListQuery;
import io.orderledger.query.read.OrderReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/orders} (seed 000), {@code GET /api/v1/orders/{orderId}} (seed 001, and as of a time), and an
 * order's history.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Orders", description = "The partner's orders (seeds 000 and 001), as they are now or were at a time, and their history")
public class OrdersController {

  private final PartnerAnswers answers;
  private final Clock clock;

  public OrdersController(PartnerAnswers answers, Clock clock) {
    this.answers = answers;
    this.clock = clock;
  }

  @Operation(operationId = "listOrders", summary = "List Orders",
      description = "Paginate the authenticated partner's orders, newest first. By default only data and result_checker orders; "
          + "pass orderType=all or one type to change the scope. createdFrom and createdTo narrow the list to a creation period.")
  @ApiResponse(responseCode = "200", description = "A page of orders", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiDocs.OrderListResponse.class),
      examples = @ExampleObject(name = "seed-000", value = ApiDocs.LIST_EXAMPLE)))
  @ApiResponse(responseCode = "400", description = "INVALID_ORDER_TYPE, INVALID_STATE, INVALID_LIMIT, INVALID_CURSOR, INVALID_TIME or INVALID_RANGE",
      content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiDocs.ErrorResponse.class)))
  @GetMapping("/orders")
  public ResponseEntity<byte[]> list(
      @Parameter(description = "data, airtime, voice, afa, registration, top_up, result_checker, gift_card, esim, product, or all")
      @RequestParam(required = false) String orderType,
      @Parameter(description = "pending, processing, completed, failed, reversed") @RequestParam(required = false) String state,
      @Parameter(description = "Page size: defaults to 20, capped at 100", schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "20")) @RequestParam(required = false) String limit,
      @Parameter(description = "Continue cursor from a previous page") @RequestParam(required = false) String cursor,
      @Parameter(description = "Orders created at or after this: unix ms or RFC 3339") @RequestParam(required = false) String createdFrom,
      @Parameter(description = "Orders created at or before this: unix ms or RFC 3339") @RequestParam(required = false) String createdTo,
      HttpServletRequest request) {
    ApiClient client = Clients.require(request, ApiClient.ORDERS_READ);
    ListQuery query = ListParameters.parse(client.partnerId(), orderType, state, limit, cursor, createdFrom, createdTo, clock.millis());
    return answers.answer(request, client, data -> ResponseBodies.list(data.orders().list(query)));
  }

  @Operation(operationId = "getOrder", summary = "Get Order",
      description = "One full order record, if it belongs to the authenticated partner. With asOf, the order as the ledger had booked it "
          + "at that time: the last version whose booking time is at or before asOf (needs audit:read). Booking times come from one "
          + "clock per partner, the same the wallet's entries carry, so an order and the wallet as of the same time always agree.")
  @ApiResponse(responseCode = "200", description = "The order", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiDocs.OrderResponse.class),
      examples = @ExampleObject(name = "seed-001", value = ApiDocs.ORDER_EXAMPLE)))
  @ApiResponse(responseCode = "400", description = "INVALID_TIME", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiDocs.ErrorResponse.class)))
  @ApiResponse(responseCode = "404", description = "ORDER_NOT_FOUND: no such order, or another partner's. ORDER_NOT_RECORDED_YET: with "
      + "asOf, the partner's order was first recorded after that time",
      content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiDocs.ErrorResponse.class)))
  @GetMapping("/orders/{orderId}")
  public ResponseEntity<byte[]> get(@Parameter(description = "Order identifier") @PathVariable String orderId,
                                    @Parameter(description = "The order as it was at this time: unix ms or RFC 3339")
                                    @RequestParam(required = false) String asOf,
                                    HttpServletRequest request) {
    ApiClient client = asOf == null ? Clients.require(request, ApiClient.ORDERS_READ)
        : Clients.require(request, ApiClient.ORDERS_READ, ApiClient.AUDIT_READ);
    Long at = TimeParameters.parse("asOf", asOf, clock.millis());
    return answers.answer(request, client, data -> {
      if (at == null) {
        // The same answer whether the order does not exist or is another partner's: never reveal which.
        return ResponseBodies.data(data.orders().json(client.partnerId(), orderId).orElseThrow(OrdersController::notFound));
      }
      OrderReader.AsOf then = data.orders().asOf(client.partnerId(), orderId, at);
      if (then.recordedLater()) {
        throw new ApiException(ApiError.ORDER_NOT_RECORDED_YET, "The order was first recorded after asOf");
      }
      return ResponseBodies.data(then.version().orElseThrow(OrdersController::notFound));
    });
  }

  @Operation(operationId = "getOrderHistory", summary = "Get Order History",
      description = "Every decision the ledger made on the order, oldest first: applied changes with the fields that changed and the "
          + "wallet movements they made, and duplicate, stale or rejected inputs with their reasons, each with the source's own "
          + "record of the change. Cursor-paged like the list. Needs audit:read.")
  @ApiResponse(responseCode = "200", description = "A page of the order's history",
      content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiDocs.HistoryResponse.class)))
  @ApiResponse(responseCode = "400", description = "INVALID_LIMIT or INVALID_CURSOR",
      content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiDocs.ErrorResponse.class)))
  @ApiResponse(responseCode = "404", description = "ORDER_NOT_FOUND: no such order, or another partner's",
      content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiDocs.ErrorResponse.class)))
  @GetMapping("/orders/{orderId}/history")
  public ResponseEntity<byte[]> history(@Parameter(description = "Order identifier") @PathVariable String orderId,
                                        @Parameter(description = "Page size: defaults to 20, capped at 100", schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "20")) @RequestParam(required = false) String limit,
                                        @Parameter(description = "Continue cursor from a previous page") @RequestParam(required = false) String cursor,
                                        HttpServletRequest request) {
    ApiClient client = Clients.require(request, ApiClient.ORDERS_READ, ApiClient.AUDIT_READ);
    int pageSize = ListParameters.limit(limit);
    return answers.answer(request, client, data -> {
      if (!data.orders().exists(client.partnerId(), orderId)) {
        throw notFound();
      }
      return ResponseBodies.history(orderId, data.history().history(client.partnerId(), orderId, cursor, pageSize));
    });
  }

  private static ApiException notFound() {
    return new ApiException(ApiError.ORDER_NOT_FOUND, "Order not found");
  }
}
