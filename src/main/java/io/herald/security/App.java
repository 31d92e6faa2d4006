package io.herald.security;

import java.util.List;

/**
 * One tenant of Herald: its sockets, rooms and user keys are visible to it alone.
 *
 * @param id                 the name used in configuration and logs
 * @param key                the public identifier: pages pass it as {@code app} when they connect, backends
 *                           send it with signed requests; {@code null} for an app without an emit API
 * @param secret             signs emit requests and registration tokens; never leaves the backend
 * @param origins            the browser origins whose pages may connect to this app
 * @param signedRegistration whether {@code register} needs a token made with the secret (the default)
 * @param unsignedEmit       whether the doit-socket {@code /emit} form, which cannot sign, is accepted
 * @param unsignedNetworks   the only networks such unsigned emits may come from
 */
public record App(String id, String key, String secret, OriginPolicy origins, boolean signedRegistration,
                  boolean unsignedEmit, List<Cidr> unsignedNetworks) {

    public App {
        if (id == null || !id.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("an app id is 1 to 64 letters, digits, '.', '_' or '-': " + id);
        }
        if (origins == null) origins = OriginPolicy.NONE;
        unsignedNetworks = unsignedNetworks == null ? List.of() : List.copyOf(unsignedNetworks);
        if (signedRegistration && (secret == null || secret.isEmpty())) {
            throw new IllegalArgumentException("app " + id + " requires signed registrations but has no secret");
        }
    }

    /** Whether an unsigned emit from this address is allowed. */
    public boolean acceptsUnsignedFrom(String remoteAddress) {
        if (!unsignedEmit) return false;
        byte[] address = Cidr.literal(remoteAddress); // once per emit, not once per network
        if (address == null) return false;
        for (Cidr network : unsignedNetworks) {
            if (network.contains(address)) return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return "App[" + id + "]"; // never the secret
    }
}
