package com.coaching.exports.api.security;

/** The calling trainer: the user id in the token's {@code sub}. A controller parameter of this type is resolved from the token. */
public record TrainerId(long value) {

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
