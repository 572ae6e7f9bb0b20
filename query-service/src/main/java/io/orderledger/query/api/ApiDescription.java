package io.orderledger.query.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Map;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs}: the API-key scheme every operation needs, and the errors every
 * operation can answer with (each endpoint adds its own 400s and 404s), all in the one error envelope.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
    info = @Info(title = "Order ledger API", version = "1",
        description = "The NetConnect orders API (List Orders, Get Order) served from the ledger's Kafka Streams state stores, and "
            + "the audit trail: an order's history, an order or a wallet as of a time, and the wallet statement with its hash chain. "
            + "Money is an exact decimal with the currency's digits; times are unix epoch milliseconds.",
        license = @License(name = "Proprietary", url = "https://example.com/order-ledger/license")),
    servers = @Server(url = "http://127.0.0.1:8080", description = "The local stack (./run-local.sh)"),
    security = @SecurityRequirement(name = "apiKey"))
@SecurityScheme(name = "apiKey", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER, paramName = "X-API-KEY",
    description = "The partner's API key. Every key maps to one partner and carries permissions: orders:read, wallet:read, audit:read.")
public class ApiDescription {

  private static final Map<String, String> COMMON_ERRORS = Map.of(
      "401", "UNAUTHORIZED: no X-API-KEY, or a key that is not configured",
      "403", "FORBIDDEN: the key lacks the permission the endpoint needs",
      "429", "RATE_LIMITED: over the key's request rate; Retry-After says when to retry",
      "503", "UNAVAILABLE: the partner's data is restoring or moving; Retry-After says when to retry");

  @Bean
  OperationCustomizer commonErrors() {
    return (operation, handler) -> {
      ApiResponses responses = operation.getResponses();
      COMMON_ERRORS.forEach((status, description) -> {
        if (!responses.containsKey(status)) {
          String code = description.substring(0, description.indexOf(':'));
          responses.addApiResponse(status, new ApiResponse().description(description).content(new Content().addMediaType("application/json",
              new MediaType().schema(new Schema<>().$ref("#/components/schemas/ErrorResponse"))
                  .addExamples(code, new Example().value(Map.of("success", false, "error", Map.of("code", code, "message", description)))))));
        }
      });
      return operation;
    };
  }
}
