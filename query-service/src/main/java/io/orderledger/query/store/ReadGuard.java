package io.orderledger.query.store;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps direct reads of one task's stores away from the moment they close: any number of readers at once, none after
 * {@link #close} (which waits for those in flight). One per registered partition.
 */
final class ReadGuard {

  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  /** True when the caller may read; it must then call {@link #exit}. False once the stores are closing. */
  boolean enter() {
    lock.readLock().lock();
    if (closed) {
      lock.readLock().unlock();
      return false;
    }
    return true;
  }

  void exit() {
    lock.readLock().unlock();
  }

  /** No read starts after this returns, and none is still running. */
  void close() {
    lock.writeLock().lock();
    try {
      closed = true;
    } finally {
      lock.writeLock().unlock();
    }
  }
}
