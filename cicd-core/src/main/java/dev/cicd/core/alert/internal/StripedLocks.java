package dev.cicd.core.alert.internal;

import java.util.concurrent.locks.ReentrantLock;

/** A fixed set of locks picked by key hash, so work on one series is serialised without a lock per key. */
public final class StripedLocks {
  private final ReentrantLock[] locks;

  public StripedLocks(int stripes) {
    locks = new ReentrantLock[stripes];
    for (int i = 0; i < stripes; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  public ReentrantLock lockFor(Object key) {
    return locks[Math.floorMod(key.hashCode(), locks.length)];
  }
}
