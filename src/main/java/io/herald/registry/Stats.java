package io.herald.registry;

/**
 * Counts of one app, or of all of them.
 *
 * @param sockets connected namespace sockets
 * @param users   distinct user keys
 * @param rooms   app rooms
 */
public record Stats(int sockets, int users, int rooms) {
    Stats plus(Stats other) {
        return new Stats(sockets + other.sockets, users + other.users, rooms + other.rooms);
    }
}
