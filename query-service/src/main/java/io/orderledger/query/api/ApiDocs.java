package io.orderledger.query.api;

import io.orderledger.query.model.OrderDto;
import io.orderledger.query.model.WalletDto;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The response envelopes as types, for the OpenAPI description only: the controllers write the same JSON from bytes
 * rendered when orders were stored (a contract test holds the two together).
 */
final class ApiDocs {

  private ApiDocs() {
  }

  @Schema(name = "OrderListResponse")
  record OrderListResponse(boolean success, OrderListData data) {
  }

  @Schema(name = "OrderListData")
  record OrderListData(List<OrderDto> orders, boolean isDone, String continueCursor) {
  }

  @Schema(name = "OrderResponse")
  record OrderResponse(boolean success, OrderDto data) {
  }

  @Schema(name = "WalletResponse")
  record WalletResponse(boolean success, WalletDto data) {
  }

  @Schema(name = "ErrorResponse")
  record ErrorResponse(boolean success, ErrorDetail error) {
  }

  @Schema(name = "Error")
  record ErrorDetail(
      @Schema(allowableValues = {"INVALID_ORDER_TYPE", "INVALID_STATE", "INVALID_LIMIT", "INVALID_CURSOR", "INVALID_REQUEST",
          "UNAUTHORIZED", "FORBIDDEN", "ORDER_NOT_FOUND", "NOT_FOUND", "METHOD_NOT_ALLOWED", "NOT_ACCEPTABLE", "RATE_LIMITED",
          "UNAVAILABLE", "INTERNAL_ERROR"}) String code,
      String message) {
  }
}
