package io.orderledger.poller.sources;

import io.orderledger.poller.source.SourceConfig;
import io.orderledger.poller.source.SourceKind;
import io.orderledger.poller.sources.esim.EsimSource;
import io.orderledger.poller.sources.giftcard.GiftCardSource;
import io.orderledger.poller.sources.netconnect.NetConnectSource;
import io.orderledger.poller.sources.paystack.PaystackSource;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The registry of upstream APIs: a new source is its folder beside these and one line here. */
public final class SupportedSources {

  public static final SupportedSource NETCONNECT = NetConnectSource.API;
  public static final SupportedSource GIFT_CARD = GiftCardSource.API;
  public static final SupportedSource ESIM = EsimSource.API;
  public static final SupportedSource PAYSTACK = PaystackSource.API;

  /** Every supported API, in the order the seeds describe them. */
  public static final List<SupportedSource> ALL = List.of(NETCONNECT, GIFT_CARD, ESIM, PAYSTACK);

  private SupportedSources() {
  }

  /**
   * The API configured by name: {@code netconnect}, {@code gift_card}, {@code esim}, {@code paystack}, in any case and
   * with '-' for '_'.
   *
   * @throws IllegalArgumentException naming the known ones, when none has that name
   */
  public static SupportedSource named(String name) {
    String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    return ALL.stream().filter(source -> source.system().equals(wanted)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown source shape '" + name + "': one of "
            + ALL.stream().map(SourceKind::system).collect(Collectors.joining(", "))));
  }

  /** The API a configured source reads. */
  public static SupportedSource of(SourceConfig source) {
    return source.kind() instanceof SupportedSource api ? api : named(source.kind().system());
  }
}
