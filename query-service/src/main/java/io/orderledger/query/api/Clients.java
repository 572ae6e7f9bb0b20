package io.orderledger.query.api;

import jakarta.servlet.http.HttpServletRequest;

/** The authenticated caller of a request, checked for its permissions (403 FORBIDDEN without one of them). */
final class Clients {

  private Clients() {
  }

  static ApiClient require(HttpServletRequest request, String... permissions) {
    ApiClient client = (ApiClient) request.getAttribute(ApiAccessFilter.CLIENT_ATTRIBUTE);
    if (client == null) {
      throw new ApiException(ApiError.UNAUTHORIZED, "Missing X-API-KEY header");
    }
    for (String permission : permissions) {
      if (!client.may(permission)) {
        throw new ApiException(ApiError.FORBIDDEN, "This API key lacks the " + permission + " permission");
      }
    }
    return client;
  }
}
