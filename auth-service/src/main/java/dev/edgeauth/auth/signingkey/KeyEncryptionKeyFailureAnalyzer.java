package dev.edgeauth.auth.signingkey;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link KeyEncryptionKeyException} at start-up into Spring Boot's "APPLICATION
 * FAILED TO START" report: the one-line reason and what to do, without a stack trace (an
 * operator's configuration mistake is not a bug).
 */
final class KeyEncryptionKeyFailureAnalyzer extends AbstractFailureAnalyzer<KeyEncryptionKeyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, KeyEncryptionKeyException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }

}
