package io.flightrecorder.trigger;

import java.util.List;
import java.util.Set;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;

/**
 * Which observations the observation triggers watch: those of the given names, less the
 * requests whose {@code uri} starts with an ignored prefix (the actuator's, by default). A
 * health probe that is slow while the application starts must not fire a dump, and so hold
 * back the dumps of the application's own requests.
 */
public final class WatchedObservations {

	private final Set<String> names;

	private final Set<String> ignoredUris;

	private final List<String> ignoredUriDirectories;

	/**
	 * Creates the selection.
	 * @param names the observation names to watch, such as {@code http.server.requests}
	 * @param ignoredUriPrefixes the {@code uri} prefixes to leave out, such as
	 * {@code /actuator}: a request is left out if its uri equals one or starts with it and a
	 * {@code /}
	 */
	public WatchedObservations(Set<String> names, List<String> ignoredUriPrefixes) {
		this.names = Set.copyOf(names);
		this.ignoredUris = Set.copyOf(ignoredUriPrefixes);
		this.ignoredUriDirectories = ignoredUriPrefixes.stream()
			.map((prefix) -> prefix.endsWith("/") ? prefix : prefix + "/")
			.toList();
	}

	/**
	 * Returns whether a stopped observation is watched, by its name and its uri. Called for
	 * every observation that may fire a trigger, so it allocates nothing.
	 */
	boolean watches(Observation.Context context) {
		if (!this.names.contains(context.getName())) {
			return false;
		}
		KeyValue uri = context.getLowCardinalityKeyValue("uri");
		return uri == null || !ignored(uri.getValue());
	}

	private boolean ignored(String uri) {
		if (this.ignoredUris.contains(uri)) {
			return true;
		}
		for (String directory : this.ignoredUriDirectories) {
			if (uri.startsWith(directory)) {
				return true;
			}
		}
		return false;
	}

}
