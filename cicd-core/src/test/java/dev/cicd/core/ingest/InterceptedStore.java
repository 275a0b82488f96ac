package dev.cicd.core.ingest;

import dev.cicd.core.store.BuildStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/** A store for ingestion tests: runs a hook before every call (to count, hold or fail it), then delegates. */
final class InterceptedStore {
  /** Runs before the call named {@code method}; throwing fails the call without delegating. */
  interface Hook {
    void before(String method, Object[] args) throws Throwable;
  }

  private InterceptedStore() {}

  static BuildStore of(BuildStore target, Hook hook) {
    return (BuildStore) Proxy.newProxyInstance(InterceptedStore.class.getClassLoader(),
        new Class<?>[] {BuildStore.class}, (proxy, method, args) -> {
          hook.before(method.getName(), args);
          try {
            return method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
