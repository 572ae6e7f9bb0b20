package io.orderledger.query.api;

import jakarta.servlet.http.HttpServletRequest;

/** The authenticated caller of a request, checked for one permission (403 FORBIDDEN without it). */
final class Clients {

  private Clients() {
  }

  static ApiClient require(HttpServletRequest request, String permission) {
    ApiClient client = (ApiClient) request.getAttribute(ApiAccessFilter.CLIENT_ATTRIBUTE);
    if (client == null) {
      throw new ApiException(ApiError.UNAUTHORIZED, "Missing X-API-KEY header");
    }
    if (!client.may(permission)) {
      throw new ApiException(ApiError.FORBIDDEN, "This API key lacks the " + permission + " permission");
    }
    return client;
  }
}
