package io.orderledger.query.api;

import io.orderledger.query.model.DecisionDto;
import io.orderledger.query.model.OrderDto;
import io.orderledger.query.model.StatementEntryDto;
import io.orderledger.query.model.WalletDto;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * The response envelopes as types, for the OpenAPI description only: the controllers write the same JSON from bytes
 * rendered when the data was stored (contract tests hold the two together). Examples are the seeds' own.
 */
final class ApiDocs {

  private ApiDocs() {
  }

  /** Seed 000's example, with the ledger's computed balances. */
  static final String LIST_EXAMPLE = """
      {"success":true,"data":{"orders":[{"_id":"kh72y10adpkj8kr1bbrgcgnvcd841w5g","_creationTime":1775046434454.9124,
      "createdAt":1775046434454,"updatedAt":1775046435554,"shortReference":"563967","beneficiaryMsisdn":"233541234567",
      "operatorId":"kd7ff6sssan1v3d00dbbttwaa57yp27d","operatorName":"MTN","productId":"m17dnxcx4sww9qym18d73b5v6x7yqqah",
      "productName":"enterprise-api","packageId":"kn79vk1wapbwx3q3z252yvr8ph7yqmct","packageLabel":"1 GB","amount":4.25,
      "currency":"GHS","state":"processing","orderType":"data","providerRef":null,"submittedAt":1775046434454,"completedAt":null,
      "errorMessage":null,"paymentReference":null,"paymentGateway":null,"paymentGatewayStatus":null,"isBulkOrder":false,
      "bulkRecipients":null,"bulkCompletedCount":null,"bulkFailedCount":null,"walletBalanceBefore":250.00,"walletBalanceAfter":245.75}],
      "isDone":true,"continueCursor":"AQAAAZ1GTdb9"}}""";

  /** Seed 001's example. */
  static final String ORDER_EXAMPLE = """
      {"success":true,"data":{"_id":"kh72y10adpkj8kr1bbrgcgnvcd841w5g","_creationTime":1775046434454.9124,"createdAt":1775046434454,
      "updatedAt":1775046435554,"shortReference":"563967","beneficiaryMsisdn":"233540983543","operatorId":"kd7ff6sssan1v3d00dbbttwaa57yp27d",
      "operatorName":"MTN","productId":"m17dnxcx4sww9qym18d73b5v6x7yqqah","productName":"enterprise-api",
      "packageId":"kn79vk1wapbwx3q3z252yvr8ph7yqmct","packageLabel":"1 GB","amount":4.25,"currency":"GHS","state":"processing",
      "orderType":"data","providerRef":"JESSCO-4175984","submittedAt":1775046434454,"completedAt":null,"errorMessage":null,
      "paymentReference":null,"paymentGateway":null,"paymentGatewayStatus":null,"isBulkOrder":false,"bulkRecipients":null,
      "bulkCompletedCount":null,"bulkFailedCount":null,"walletBalanceBefore":250.00,"walletBalanceAfter":245.75}}""";

  static final String ERROR_EXAMPLE = """
      {"success":false,"error":{"code":"ORDER_NOT_FOUND","message":"Order not found"}}""";

  @Schema(name = "OrderListResponse")
  record OrderListResponse(boolean success, OrderListData data) {
  }

  @Schema(name = "OrderListData")
  record OrderListData(List<OrderDto> orders, boolean isDone, @Schema(description = "Pass as cursor to get the next page") String continueCursor) {
  }

  @Schema(name = "OrderResponse")
  record OrderResponse(boolean success, OrderDto data) {
  }

  @Schema(name = "LedgerKeyResponse")
  record LedgerKeyResponse(boolean success, LedgerKey data) {
  }

  @Schema(name = "LedgerKey")
  record LedgerKey(@Schema(allowableValues = "Ed25519") String algorithm,
                   @Schema(description = "First 16 hex characters of the SHA-256 of the key's X.509 encoding") String keyId,
                   @Schema(description = "Base64 of the key's X.509 encoding") String publicKey) {
  }

  @Schema(name = "WalletResponse")
  record WalletResponse(boolean success, WalletDto data) {
  }

  @Schema(name = "HistoryResponse")
  record HistoryResponse(boolean success, HistoryData data) {
  }

  @Schema(name = "HistoryData")
  record HistoryData(String orderId, List<HistoryEntry> history, boolean isDone, String continueCursor) {
  }

  /** A decision with the source's record of the change, as the source sent it (canonical JSON), or null before v4. */
  @Schema(name = "HistoryEntry", allOf = DecisionDto.class)
  record HistoryEntry(@Schema(types = {"object", "null"}, description = "The source's record of the change, as it sent it") Map<String, Object> sourceRecord) {
  }

  @Schema(name = "StatementResponse")
  record StatementResponse(boolean success, StatementData data) {
  }

  @Schema(name = "StatementData")
  record StatementData(String currency, List<StatementEntryDto> entries, boolean isDone, String continueCursor,
                       io.orderledger.query.model.ChainDto chain) {
  }

  record DiscrepanciesResponse(boolean success, DiscrepanciesData data) {
  }

  @Schema(name = "DiscrepanciesData")
  record DiscrepanciesData(List<io.orderledger.query.model.DiscrepancyDto> discrepancies, boolean isDone, String continueCursor) {
  }

  @Schema(name = "ErrorResponse", description = "Every error: success false, a stable code and a message", example = ERROR_EXAMPLE)
  record ErrorResponse(@Schema(description = "Always false on an error") boolean success, ErrorDetail error) {
  }

  @Schema(name = "Error")
  record ErrorDetail(
      @Schema(allowableValues = {"INVALID_ORDER_TYPE", "INVALID_STATE", "INVALID_LIMIT", "INVALID_CURSOR", "INVALID_TIME", "INVALID_RANGE",
          "INVALID_CURRENCY", "INVALID_REQUEST", "UNAUTHORIZED", "FORBIDDEN", "ORDER_NOT_FOUND", "ORDER_NOT_RECORDED_YET", "NOT_FOUND", "METHOD_NOT_ALLOWED",
          "NOT_ACCEPTABLE", "RATE_LIMITED", "UNAVAILABLE", "INTERNAL_ERROR"}) String code,
      String message) {
  }
}
