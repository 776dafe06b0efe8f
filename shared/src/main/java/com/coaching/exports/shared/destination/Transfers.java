package com.coaching.exports.shared.destination;

import java.io.InputStream;
import org.springframework.stereotype.Component;

/**
 * Writes to destinations: a job's file (the worker's deliveries) or a probe ({@code POST
 * /api/v1/destinations/{id}/test}). Each call opens its own connection with the destination's
 * credentials, checks the addresses it connects to, and closes it.
 */
@Component
public class Transfers {

    private final DestinationSettings settings;
    private final DestinationNetwork network;

    public Transfers(DestinationSettings settings) {
        this.settings = settings;
        this.network = new DestinationNetwork(settings.allowPrivateNetworks());
    }

    /**
     * Writes the file there under {@code fileName}, whole or not at all; its location ({@code
     * s3://bucket/key}, {@code sftp://host/path}).
     *
     * @throws DeliveryFailure why it could not
     */
    public String deliver(Destination destination, String fileName, String contentType, InputStream in) {
        if (destination instanceof Destination.S3 s3) {
            return new S3Transfer(s3, settings, network).upload(fileName, contentType, in);
        }
        return new SftpTransfer((Destination.Sftp) destination, settings, network).upload(fileName, in);
    }

    /** Writes and removes a small file; throws {@link DeliveryFailure} naming why it could not. */
    public void probe(Destination destination) {
        if (destination instanceof Destination.S3 s3) {
            new S3Transfer(s3, settings, network).probe();
        } else {
            new SftpTransfer((Destination.Sftp) destination, settings, network).probe();
        }
    }

    /** Whether the text is an unencrypted OpenSSH private key a transfer can authenticate with. */
    public static boolean readablePrivateKey(String openSshKey) {
        try {
            SftpTransfer.keyPair(openSshKey);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The network rules the destinations are held to, for their registration. */
    public DestinationNetwork network() {
        return network;
    }
}
