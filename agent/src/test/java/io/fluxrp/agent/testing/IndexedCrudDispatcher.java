package io.fluxrp.agent.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import java.net.HttpURLConnection;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The stock CRUD dispatcher with its lookups of one object by name indexed: the stock one compares
 * every stored object with the request (a GET, or the existence check of each POST, PUT and PATCH),
 * so its time per request grows with the number of objects stored. Here a named GET and {@link
 * #findResource} compare only the stored objects of that name ({@link StoreIndex}), in the order of
 * the stock store, with the stock matching; what they answer is unchanged. Lists, watches,
 * discovery and deletes still go through the stock code (rare requests).
 */
class IndexedCrudDispatcher extends KubernetesCrudDispatcher {

  private final StoreIndex index = new StoreIndex();
  private final ReadWriteLock indexLock = new ReentrantReadWriteLock();

  @Override
  public MockResponse handleGet(String path) {
    AttributeSet query = getKey(path);
    if (isWatch(path) || !StoreIndex.hasExactName(query)) {
      return super.handleGet(path);
    }
    return firstMatch(query)
        .map(entry -> new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(entry))
        .orElseGet(() -> new MockResponse().setResponseCode(HttpURLConnection.HTTP_NOT_FOUND));
  }

  @Override
  public Map.Entry<AttributeSet, String> findResource(AttributeSet attributes) {
    if (!StoreIndex.hasExactName(attributes)) {
      return super.findResource(attributes);
    }
    indexLock.readLock().lock();
    try {
      for (AttributeSet key : index.named(attributes)) {
        String stored = map.get(key);
        if (stored != null && key.matches(attributes)) {
          return new AbstractMap.SimpleImmutableEntry<>(key, stored);
        }
      }
      return null;
    } finally {
      indexLock.readLock().unlock();
    }
  }

  @Override
  public void processEvent(
      String path,
      AttributeSet pathAttributes,
      AttributeSet oldAttributes,
      GenericKubernetesResource resource,
      String newState) {
    indexLock.writeLock().lock();
    try {
      super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
      if (oldAttributes != null) {
        index.remove(oldAttributes);
      }
      if (newState != null) {
        indexStored(storedKey(pathAttributes, resource, newState));
      }
    } finally {
      indexLock.writeLock().unlock();
    }
  }

  @Override
  public void reset() {
    indexLock.writeLock().lock();
    try {
      super.reset();
      index.clear();
    } finally {
      indexLock.writeLock().unlock();
    }
  }

  private Optional<String> firstMatch(AttributeSet query) {
    return Optional.ofNullable(findResource(query)).map(Map.Entry::getValue);
  }

  /**
   * The key the stock {@code processEvent} stored {@code newState} under, computed the same way.
   */
  private AttributeSet storedKey(
      AttributeSet pathAttributes, GenericKubernetesResource resource, String newState) {
    KubernetesAttributesExtractor extractor = (KubernetesAttributesExtractor) attributeExtractor;
    AttributeSet key =
        resource != null ? extractor.extract(resource) : extractor.fromResource(newState);
    return key.containsKey(KubernetesAttributesExtractor.PLURAL)
        ? key
        : AttributeSet.merge(pathAttributes, key);
  }

  /** Indexes {@code key}, or rebuilds the index from the store if the stock code stored another. */
  private void indexStored(AttributeSet key) {
    if (map.containsKey(key)) {
      index.add(key);
      return;
    }
    index.clear();
    List<AttributeSet> keys;
    synchronized (map) {
      keys = List.copyOf(map.keySet());
    }
    keys.stream().filter(Objects::nonNull).forEach(index::add);
  }

  /** The stock dispatcher's test for a watch request. */
  private static boolean isWatch(String path) {
    int query = path.indexOf('?');
    return query >= 0 && path.substring(query).contains("watch=true");
  }
}
