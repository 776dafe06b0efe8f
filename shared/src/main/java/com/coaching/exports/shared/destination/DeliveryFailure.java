package com.coaching.exports.shared.destination;

/**
 * Why a destination could not be written: a stable code and a sentence for the trainer (the job's
 * {@code delivery.error}, the {@code reason} of a probe). Never a stack trace, an address a host name
 * resolves to, nor a secret.
 */
public class DeliveryFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The host could not be resolved, connected to, or did not answer in time. */
    public static final String UNREACHABLE = "DESTINATION_UNREACHABLE";
    /** The host resolves to an address destinations may not reach (a private network). */
    public static final String ADDRESS_REFUSED = "DESTINATION_ADDRESS_REFUSED";
    /** The credentials were refused: a wrong password, key, access key or secret. */
    public static final String AUTH_FAILED = "DESTINATION_AUTH_FAILED";
    /** The SFTP server's host key is not the pinned one. */
    public static final String HOST_KEY_MISMATCH = "DESTINATION_HOST_KEY_MISMATCH";
    /** The destination refused the file: no such bucket or directory, no permission. */
    public static final String REJECTED = "DESTINATION_REJECTED";
    /** The destination was deleted before the file reached it. */
    public static final String DELETED = "DESTINATION_DELETED";
    /** Anything else. */
    public static final String FAILED = "DELIVERY_FAILED";

    private final String code;

    public DeliveryFailure(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
