package io.orderledger.poller.paging;

/**
 * Where one page of a listing was: the request token that fetched it (a cursor or a page number; null for the first
 * page) and its first order's creation time. A later scan of an oldest-first listing can start at the last page that
 * began before its window.
 */
public record PageMark(String token, long firstCreatedAt) {
}
