package dev.edgeauth.common.problem;

import dev.edgeauth.common.logging.DecisionLog;
import reactor.core.publisher.Hooks;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Errors Reactor drops because nobody is subscribed any more. Most are a client that hung
 * up while its request body was still streaming (Reactor Netty signals the closed inbound
 * after the exchange has let go of it): routine, so one debug line
 * ({@code reason_id=client_disconnected}) instead of Reactor's default error with a stack
 * trace. Any other dropped error is still logged as an error, with its stack trace.
 */
public final class DroppedErrors implements InitializingBean {

    private static final DecisionLog decisions = DecisionLog.of(DroppedErrors.class);

    @Override
    public void afterPropertiesSet() {
        Hooks.onErrorDropped(DroppedErrors::log);
    }

    static void log(Throwable error) {
        if (DisconnectedClientHelper.isClientDisconnectedException(error)) {
            decisions.debug("client_disconnected", "where", "after_the_exchange", "cause",
                    error.getClass().getSimpleName());
        }
        else {
            decisions.error("error_dropped", error);
        }
    }

}
