package io.flightrecorder;

import java.time.Instant;

/**
 * Settings a running recorder records with for a bounded time, in place of its own: see
 * {@link Boosts#start}.
 *
 * @param name what the settings are called, such as {@code profile}
 * @param until when the recorder goes back to its own settings
 */
public record Boost(String name, Instant until) {

}
