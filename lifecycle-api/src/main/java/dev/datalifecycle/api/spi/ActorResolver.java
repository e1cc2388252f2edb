package dev.datalifecycle.api.spi;

import dev.datalifecycle.api.Actor;

/**
 * Tells who is acting now, where the library acts without being handed an actor: a host's own {@code
 * em.remove} routed through the library (an opt-in boot setting). Typically reads the host's security
 * context.
 *
 * <pre>{@code
 * ActorResolver fromSecurity = () -> Actor.of(currentUser().id(), currentUser().tenant(), currentUser().roles());
 * }</pre>
 */
@FunctionalInterface
public interface ActorResolver {

    /**
     * The actor acting now; never null.
     *
     * @throws dev.datalifecycle.api.AccessDeniedException or another exception when nobody is acting, which refuses the work
     */
    Actor currentActor();
}
