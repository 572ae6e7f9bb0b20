package io.orderledger.query.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/ledger/public-key}: the key the ledger signs its wallet checkpoints with, for whoever checks them. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Ledger", description = "What the ledger signs with")
public class LedgerKeyController {

  /** The ledger's public key as configured here (Base64 X.509), its id, or nulls when none is configured. */
  public record PublishedKey(String publicKey, String keyId) {
  }

  private final PublishedKey key;

  public LedgerKeyController(PublishedKey key) {
    this.key = key;
  }

  @Operation(operationId = "getLedgerPublicKey", summary = "The ledger's checkpoint key",
      description = "The Ed25519 public key the ledger signs its wallet checkpoints with (Base64 of its X.509 encoding) and its id, as "
          + "the checkpoints name it. Pass it to ledger-audit verify --public-key; compare it with what the ledger's operator "
          + "published elsewhere before trusting it. Any valid key may ask.")
  @ApiResponse(responseCode = "200", description = "The key",
      content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiDocs.LedgerKeyResponse.class)))
  @GetMapping("/ledger/public-key")
  public ResponseEntity<byte[]> publicKey(HttpServletRequest request) {
    Clients.require(request);
    if (key.publicKey() == null) {
      throw new ApiException(ApiError.NOT_FOUND, "No checkpoint key is configured on this service");
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("algorithm", "Ed25519");
    data.put("keyId", key.keyId());
    data.put("publicKey", key.publicKey());
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
        .body(ResponseBodies.data(data));
  }
}
