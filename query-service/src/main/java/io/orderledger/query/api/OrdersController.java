package io.orderledger.query.api;

import io.orderledger.query.read.Cursor;
import io.orderledger.query.read.CursorCodec;
import io.orderledger.query.read.ListQuery;
import io.orderledger.query.read.OrderReader;
import io.orderledger.query.store.StoredOrder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/orders} (seed 000) and {@code GET /api/v1/orders/{orderId}} (seed 001). */
@RestController
@RequestMapping("/api/v1")
public class OrdersController {

  private final PartnerRequests requests;
  private final CursorCodec cursors;
  private final Clock clock;

  public OrdersController(PartnerRequests requests, CursorCodec cursors, Clock clock) {
    this.requests = requests;
    this.cursors = cursors;
    this.clock = clock;
  }

  @Operation(summary = "List Orders", description = "Paginate the authenticated partner's orders, newest first. By default only data and "
      + "result_checker orders; pass orderType=all or one type to change the scope.")
  @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ApiDocs.OrderListResponse.class)))
  @ApiResponse(responseCode = "400", description = "INVALID_ORDER_TYPE, INVALID_STATE, INVALID_LIMIT or INVALID_CURSOR",
      content = @Content(schema = @Schema(implementation = ApiDocs.ErrorResponse.class)))
  @GetMapping("/orders")
  public ResponseEntity<byte[]> list(
      @Parameter(description = "data, airtime, voice, afa, registration, top_up, result_checker, gift_card, esim, product, or all")
      @RequestParam(required = false) String orderType,
      @Parameter(description = "pending, processing, completed, failed, reversed") @RequestParam(required = false) String state,
      @Parameter(description = "Defaults to 20, capped at 100") @RequestParam(required = false) String limit,
      @Parameter(description = "Continue cursor from a previous page") @RequestParam(required = false) String cursor,
      HttpServletRequest request) {
    ApiClient client = Clients.require(request, ApiClient.ORDERS_READ);
    ListQuery query = ListParameters.parse(client.partnerId(), orderType, state, limit, cursor, cursors, clock.millis());
    return requests.answer(request, client, local -> {
      OrderReader.Page page = local.reader().list(query);
      String next = cursors.encode(new Cursor(client.partnerId(), query.filterSignature(), query.walkStartedAt(), page.lastPosition()));
      return ResponseBodies.list(page.orders(), StoredOrder.jsonOffset(), page.done(), next);
    });
  }

  @Operation(summary = "Get Order", description = "One full order record, if it belongs to the authenticated partner.")
  @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ApiDocs.OrderResponse.class)))
  @ApiResponse(responseCode = "404", description = "ORDER_NOT_FOUND: no such order, or another partner's",
      content = @Content(schema = @Schema(implementation = ApiDocs.ErrorResponse.class)))
  @GetMapping("/orders/{orderId}")
  public ResponseEntity<byte[]> get(@PathVariable String orderId, HttpServletRequest request) {
    ApiClient client = Clients.require(request, ApiClient.ORDERS_READ);
    return requests.answer(request, client, local -> local.reader().json(client.partnerId(), orderId)
        .map(ResponseBodies::data)
        // The same answer whether the order does not exist or is another partner's: never reveal which.
        .orElseThrow(() -> new ApiException(ApiError.ORDER_NOT_FOUND, "Order not found")));
  }
}
