package io.orderledger.poller.source;

import io.orderledger.events.MoneyFlow;
import io.orderledger.events.topic.PartnerId;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One upstream source the poller watches.
 *
 * @param id           stable id: names the checkpoint, the transactional id and the metrics; prefixes the order ids of
 *                     sources other than NetConnect, so two sources cannot claim the same order id
 * @param kind         which upstream API it is
 * @param baseUrl      where the API lives, without a trailing slash
 * @param partnerId    the partner whose orders (and wallet) this source feeds
 * @param apiKey       the key, or the bearer token for Paystack
 * @param apiSecret    the gift-card reseller's {@code X-API-Secret}; unused by the other APIs
 * @param pageSize     orders per page asked for (each API caps it)
 * @param settleWindow how long after its creation an order can still change (reversals included). Orders older than
 *                     this, and final, are no longer watched; it bounds both the scan and the checkpoint.
 * @param moneyFlow    which way this source's money moves for the partner; by default {@link SourceKind#defaultMoneyFlow()}
 * @param detailFetch  when to read the single-order endpoint for what the list lacks
 * @param redaction    source fields dropped or hashed before they reach Kafka
 * @param detailRefresh how often the single-order answer of an open order is read again even though its list entry has
 *                     not changed, so that a change only the single order shows is captured; zero for never
 * @param amountUnit   what the source's integer amounts count, where its API does not say (the eSIM provider's)
 */
public record SourceConfig(String id, SourceKind kind, URI baseUrl, String partnerId, String apiKey, String apiSecret,
                           int pageSize, Duration settleWindow, MoneyFlow moneyFlow, DetailFetch detailFetch,
                           RedactionRules redaction, Duration detailRefresh, AmountUnit amountUnit) {

  /** The default for {@link #detailRefresh}: an open order's single-order answer is at most this old. */
  public static final Duration DEFAULT_DETAIL_REFRESH = Duration.ofSeconds(60);

  public SourceConfig {
    Objects.requireNonNull(id, "source id");
    if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException("source id must be 1-64 of [A-Za-z0-9._-], got " + id);
    }
    Objects.requireNonNull(kind, "shape of source " + id);
    Objects.requireNonNull(baseUrl, "base-url of source " + id);
    PartnerId.requireValid(partnerId);
    if (pageSize < 1) {
      throw new IllegalArgumentException("page-size of source " + id + " must be positive");
    }
    if (settleWindow == null || settleWindow.isNegative()) {
      throw new IllegalArgumentException("settle-window of source " + id + " must be a positive duration");
    }
    moneyFlow = moneyFlow == null ? kind.defaultMoneyFlow() : moneyFlow;
    detailFetch = detailFetch == null ? DetailFetch.AUTO : detailFetch;
    redaction = redaction == null ? RedactionRules.NONE : redaction;
    detailRefresh = detailRefresh == null ? DEFAULT_DETAIL_REFRESH : detailRefresh;
    if (detailRefresh.isNegative()) {
      throw new IllegalArgumentException("detail-refresh of source " + id + " must not be negative");
    }
    amountUnit = amountUnit == null ? AmountUnit.MINOR : amountUnit;
  }

  /** A source with the defaults: its shape's money flow, details fetched when the list lacks them, nothing redacted. */
  public SourceConfig(String id, SourceKind kind, URI baseUrl, String partnerId, String apiKey, String apiSecret, int pageSize,
                      Duration settleWindow) {
    this(id, kind, baseUrl, partnerId, apiKey, apiSecret, pageSize, settleWindow, null, null, null, null, null);
  }

  /** The canonical order id: NetConnect's ids are used as they are; other sources' are prefixed with the source id. */
  public String orderId(String nativeId) {
    return kind.keepsNativeOrderIds() ? nativeId : id + ":" + nativeId;
  }

  public URI resolve(String pathAndQuery) {
    String base = baseUrl.toString();
    return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery);
  }

  public SourceConfig withRedaction(RedactionRules rules) {
    return new SourceConfig(id, kind, baseUrl, partnerId, apiKey, apiSecret, pageSize, settleWindow, moneyFlow, detailFetch, rules,
        detailRefresh, amountUnit);
  }

  public SourceConfig withDetailRefresh(Duration refresh) {
    return new SourceConfig(id, kind, baseUrl, partnerId, apiKey, apiSecret, pageSize, settleWindow, moneyFlow, detailFetch, redaction,
        refresh, amountUnit);
  }

  public SourceConfig withAmountUnit(AmountUnit unit) {
    return new SourceConfig(id, kind, baseUrl, partnerId, apiKey, apiSecret, pageSize, settleWindow, moneyFlow, detailFetch, redaction,
        detailRefresh, unit);
  }
}
