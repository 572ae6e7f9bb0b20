package io.orderledger.query.api;

import io.orderledger.events.money.MinorUnits;
import io.orderledger.query.model.WalletDto;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/wallet} (now or as of a time) and {@code GET /api/v1/wallet/statement}: the ledger's own figures. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Wallet", description = "The partner's wallets as the ledger computed them from its journal, and their statements")
public class WalletController {

  private final PartnerAnswers answers;
  private final Clock clock;

  public WalletController(PartnerAnswers answers, Clock clock) {
    this.answers = answers;
    this.clock = clock;
  }

  @Operation(operationId = "getWallet", summary = "Get Wallet",
      description = "The partner's computed wallet balances, with the time and order of the last movement; with asOf, every "
          + "currency's balance as it stood then (needs audit:read).")
  @ApiResponse(responseCode = "200", description = "The wallets", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiDocs.WalletResponse.class)))
  @ApiResponse(responseCode = "400", description = "INVALID_TIME", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiDocs.ErrorResponse.class)))
  @GetMapping("/wallet")
  public ResponseEntity<byte[]> wallet(@Parameter(description = "The balances as they were at this time: unix ms or RFC 3339")
                                       @RequestParam(required = false) String asOf,
                                       HttpServletRequest request) {
    ApiClient client = asOf == null ? Clients.require(request, ApiClient.WALLET_READ)
        : Clients.require(request, ApiClient.WALLET_READ, ApiClient.AUDIT_READ);
    Long at = TimeParameters.parse("asOf", asOf, clock.millis());
    return answers.answer(request, client, data -> ResponseBodies.data(
        at == null ? data.wallets().now(client.partnerId()) : data.wallets().asOf(client.partnerId(), at)));
  }

  @Operation(operationId = "getWalletStatement", summary = "Get Wallet Statement",
      description = "Every movement of one currency's wallet in sequence order: kind, order, amount, balance before and after, "
          + "when it was booked, and its link in the wallet's hash chain (previousHash, hash), with where the chain stands. "
          + "from and to read only that period. Cursor-paged. Needs audit:read.")
  @ApiResponse(responseCode = "200", description = "A page of the statement",
      content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiDocs.StatementResponse.class)))
  @ApiResponse(responseCode = "400", description = "INVALID_CURRENCY, INVALID_TIME, INVALID_RANGE, INVALID_LIMIT or INVALID_CURSOR",
      content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiDocs.ErrorResponse.class)))
  @GetMapping("/wallet/statement")
  public ResponseEntity<byte[]> statement(
      @Parameter(description = "ISO 4217 code; by default the wallet of the partner's most recent movement") @RequestParam(required = false) String currency,
      @Parameter(description = "Movements booked at or after this: unix ms or RFC 3339") @RequestParam(required = false) String from,
      @Parameter(description = "Movements booked at or before this: unix ms or RFC 3339") @RequestParam(required = false) String to,
      @Parameter(description = "Page size: defaults to 20, capped at 100", schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "20")) @RequestParam(required = false) String limit,
      @Parameter(description = "Continue cursor from a previous page") @RequestParam(required = false) String cursor,
      HttpServletRequest request) {
    ApiClient client = Clients.require(request, ApiClient.WALLET_READ, ApiClient.AUDIT_READ);
    String code = currency == null ? null : currency.trim().toUpperCase(Locale.ROOT);
    if (code != null && !MinorUnits.isKnownCurrency(code)) {
      throw new ApiException(ApiError.INVALID_CURRENCY, "currency must be an ISO 4217 code such as GHS");
    }
    Long[] period = TimeParameters.range("from", from, "to", to, clock.millis());
    int pageSize = ListParameters.limit(limit);
    return answers.answer(request, client, data -> {
      String wallet = code != null ? code : primaryCurrency(data.wallets().now(client.partnerId()));
      return ResponseBodies.statement(data.statements().statement(client.partnerId(), wallet, period[0], period[1], cursor, pageSize));
    });
  }

  @Operation(operationId = "getWalletDiscrepancies", summary = "Get Wallet Discrepancies",
      description = "Where the sources' own wallet figures disagreed with the ledger's (both shown), an amount changed after it was "
          + "booked, or a sale was reversed for more than it credited: newest first, cursor-paged. Needs audit:read.")
  @ApiResponse(responseCode = "200", description = "A page of discrepancies",
      content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiDocs.DiscrepanciesResponse.class)))
  @ApiResponse(responseCode = "400", description = "INVALID_LIMIT or INVALID_CURSOR",
      content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiDocs.ErrorResponse.class)))
  @GetMapping("/wallet/discrepancies")
  public ResponseEntity<byte[]> discrepancies(
      @Parameter(description = "Page size: defaults to 20, capped at 100", schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "20")) @RequestParam(required = false) String limit,
      @Parameter(description = "Continue cursor from a previous page") @RequestParam(required = false) String cursor,
      HttpServletRequest request) {
    ApiClient client = Clients.require(request, ApiClient.WALLET_READ, ApiClient.AUDIT_READ);
    int pageSize = ListParameters.limit(limit);
    return answers.answer(request, client, data -> ResponseBodies.discrepancies(data.discrepancies().discrepancies(client.partnerId(), cursor,
        pageSize)));
  }

  /** The currency of the partner's most recent movement; GHS, the NetConnect API's, before any. */
  private static String primaryCurrency(WalletDto wallet) {
    return wallet.currency() == null ? "GHS" : wallet.currency();
  }
}
