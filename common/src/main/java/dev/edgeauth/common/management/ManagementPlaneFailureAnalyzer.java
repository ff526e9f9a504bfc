package dev.edgeauth.common.management;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link ManagementPlaneException} at start-up into Spring Boot's "APPLICATION
 * FAILED TO START" report: the one-line reason and what to do.
 */
final class ManagementPlaneFailureAnalyzer extends AbstractFailureAnalyzer<ManagementPlaneException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ManagementPlaneException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }

}
