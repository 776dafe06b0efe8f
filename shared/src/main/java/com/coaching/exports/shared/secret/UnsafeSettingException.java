package com.coaching.exports.shared.secret;

/** A setting the application refuses to start with; {@link UnsafeSettingFailureAnalyzer} reports it. */
public class UnsafeSettingException extends RuntimeException {

    private final String setting;
    private final String action;

    public UnsafeSettingException(String setting, String problem, String action) {
        super(setting + " " + problem);
        this.setting = setting;
        this.action = action;
    }

    /** The environment variable at fault, e.g. {@code EXPORTS_JWT_SECRET}. */
    public String setting() {
        return setting;
    }

    public String action() {
        return action;
    }
}
