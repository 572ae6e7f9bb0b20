package io.orderledger.poller.http;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A body handler that collects the body up to a maximum size and gives up (cancelling the download) beyond it, so a
 * broken or hostile source cannot fill the heap. A {@code Content-Length} above the limit is refused before reading.
 */
final class LimitedBody implements HttpResponse.BodyHandler<byte[]> {

  /** Thrown (as the future's cause) when the body is too large. */
  static final class TooLarge extends RuntimeException {
    TooLarge(String message) {
      super(message, null, false, false);
    }
  }

  private final int limit;

  LimitedBody(int limit) {
    this.limit = limit;
  }

  @Override
  public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
    long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
    if (declared > limit) {
      return HttpResponse.BodySubscribers.replacing(null);
    }
    return new Subscriber(limit);
  }

  private static final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {
    private final int limit;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    Subscriber(int limit) {
      this.limit = limit;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer buffer : buffers) {
        if (out.size() + buffer.remaining() > limit) {
          subscription.cancel();
          body.completeExceptionally(new TooLarge("body exceeds " + limit + " bytes"));
          return;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        out.write(bytes, 0, bytes.length);
      }
    }

    @Override
    public void onError(Throwable throwable) {
      body.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
      body.complete(out.toByteArray());
    }
  }
}
