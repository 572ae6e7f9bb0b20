package io.orderledger.poller.paging;

/** A single-order answer that is not what the API promises: it goes to the rejects topic with its bytes. */
public final class UnreadableDetail extends RuntimeException {

  private final transient byte[] body;

  public UnreadableDetail(String detail, byte[] body) {
    super(detail);
    this.body = body;
  }

  public byte[] body() {
    return body;
  }
}
