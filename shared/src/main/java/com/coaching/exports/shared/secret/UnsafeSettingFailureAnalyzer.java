package com.coaching.exports.shared.secret;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** One line naming the setting instead of a stack trace (registered in META-INF/spring.factories). */
public class UnsafeSettingFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeSettingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsafeSettingException cause) {
        return new FailureAnalysis("Refusing to start: " + cause.getMessage(), cause.action(), cause);
    }
}
