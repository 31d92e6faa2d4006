package io.herald.architecture.broken.push;

import io.herald.architecture.broken.registry.ServletInRegistry;

/** Breaks the layering on purpose (see LayeringTest): the public API naming an internal type. */
public final class PushUsingInternals {
    public ServletInRegistry registry;
}
