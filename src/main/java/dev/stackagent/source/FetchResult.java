package dev.stackagent.source;

/**
 * Outcome of {@link GitSource#fetch()}.
 *
 * @param revision commit SHA the configured ref points at
 * @param changed the revision differs from the one the previous {@code fetch()} of this source
 *     returned (always true for the first call)
 * @param downloaded objects were fetched from the server; false when the local cache was already
 *     up to date and only the cheap ref check went over the network
 */
public record FetchResult(String revision, boolean changed, boolean downloaded) {
}
