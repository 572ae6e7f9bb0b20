package io.orderledger.query.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;

/** One entry of {@code bulkRecipients[]} (seed 001). */
@JsonPropertyOrder({"beneficiaryMsisdn", "packageId", "packageLabel", "amount", "status", "providerRef", "errorMessage",
    "submittedAt", "completedAt"})
@Schema(name = "BulkRecipient")
public record BulkRecipientDto(
    @JsonProperty("beneficiaryMsisdn") String beneficiaryMsisdn,
    @JsonProperty("packageId") String packageId,
    @JsonProperty("packageLabel") String packageLabel,
    @JsonProperty("amount") BigDecimal amount,
    @JsonProperty("status") @Schema(allowableValues = {"pending", "processing", "completed", "failed"}) String status,
    @JsonProperty("providerRef") String providerRef,
    @JsonProperty("errorMessage") String errorMessage,
    @JsonProperty("submittedAt") Long submittedAt,
    @JsonProperty("completedAt") Long completedAt) {
}
