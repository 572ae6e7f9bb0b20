package io.orderledger.query.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;

/**
 * One order as the NetConnect API shows it (seeds 000 and 001): the seed's names, order and JSON types. Money is a
 * JSON number with the currency's decimals (4.25, 246.10), never a binary float; absent values are null.
 */
@JsonPropertyOrder({"_id", "_creationTime", "createdAt", "updatedAt", "shortReference", "beneficiaryMsisdn", "operatorId",
    "operatorName", "productId", "productName", "packageId", "packageLabel", "amount", "currency", "state", "orderType",
    "providerRef", "submittedAt", "completedAt", "errorMessage", "paymentReference", "paymentGateway", "paymentGatewayStatus",
    "isBulkOrder", "bulkRecipients", "bulkCompletedCount", "bulkFailedCount", "walletBalanceBefore", "walletBalanceAfter"})
@Schema(name = "Order", description = "The order object of seeds 000 and 001.")
public record OrderDto(
    @JsonProperty("_id") @Schema(description = "Order record ID") String id,
    @JsonProperty("_creationTime") @Schema(description = "Record creation timestamp (unix ms, may carry a fraction)") BigDecimal creationTime,
    @JsonProperty("createdAt") @Schema(description = "Order creation timestamp (unix ms)") long createdAt,
    @JsonProperty("updatedAt") @Schema(description = "Last update timestamp (unix ms)") long updatedAt,
    @JsonProperty("shortReference") String shortReference,
    @JsonProperty("beneficiaryMsisdn") String beneficiaryMsisdn,
    @JsonProperty("operatorId") String operatorId,
    @JsonProperty("operatorName") String operatorName,
    @JsonProperty("productId") String productId,
    @JsonProperty("productName") String productName,
    @JsonProperty("packageId") String packageId,
    @JsonProperty("packageLabel") String packageLabel,
    @JsonProperty("amount") @Schema(description = "The amount the order is booked at in the wallet, in the currency's units (4.25): the "
        + "source's amount, including a change the ledger booked as an adjustment. walletBalanceBefore - amount = walletBalanceAfter for a"
        + " purchase, + for a sale or a top-up. Where the source changed the amount once the order had failed or been reversed, nothing "
        + "moved and the source's figure is in the order's history and in the discrepancies") BigDecimal amount,
    @JsonProperty("currency") String currency,
    @JsonProperty("state") @Schema(allowableValues = {"pending", "processing", "completed", "failed", "reversed"}) String state,
    @JsonProperty("orderType") @Schema(allowableValues = {"data", "airtime", "voice", "afa", "registration", "top_up",
        "result_checker", "gift_card", "esim", "product"}) String orderType,
    @JsonProperty("providerRef") @Schema(types = {"string", "null"}) String providerRef,
    @JsonProperty("submittedAt") @Schema(types = {"integer", "null"}) Long submittedAt,
    @JsonProperty("completedAt") @Schema(types = {"integer", "null"}) Long completedAt,
    @JsonProperty("errorMessage") @Schema(types = {"string", "null"}) String errorMessage,
    @JsonProperty("paymentReference") @Schema(types = {"string", "null"}) String paymentReference,
    @JsonProperty("paymentGateway") @Schema(types = {"string", "null"}) String paymentGateway,
    @JsonProperty("paymentGatewayStatus") @Schema(types = {"string", "null"}) String paymentGatewayStatus,
    @JsonProperty("isBulkOrder") @Schema(types = {"boolean", "null"}) Boolean isBulkOrder,
    @JsonProperty("bulkRecipients") @Schema(types = {"array", "null"}) List<BulkRecipientDto> bulkRecipients,
    @JsonProperty("bulkCompletedCount") @Schema(types = {"integer", "null"}) Integer bulkCompletedCount,
    @JsonProperty("bulkFailedCount") @Schema(types = {"integer", "null"}) Integer bulkFailedCount,
    @JsonProperty("walletBalanceBefore") @Schema(types = {"number", "null"}, description = "Wallet balance just before the order was charged"
        + " (or credited), as the ledger computed it; null until it is")
    BigDecimal walletBalanceBefore,
    @JsonProperty("walletBalanceAfter") @Schema(types = {"number", "null"}, description = "walletBalanceBefore moved by the amount the order"
        + " is booked at: the balance just after the charge, moved by any adjustment of the order since. Each movement's own balances "
        + "are in the wallet's statement")
    BigDecimal walletBalanceAfter) {
}
