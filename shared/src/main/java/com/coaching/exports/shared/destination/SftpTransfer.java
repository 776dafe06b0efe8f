package com.coaching.exports.shared.destination;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Iterator;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.SftpModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * Writes to a trainer's SFTP server (Apache MINA SSHD): the server's host key must match the pinned
 * fingerprint; a password or an OpenSSH private key authenticates; connecting, authenticating and each
 * packet have their timeouts. A file is written under a temporary name (a dot, the name, a random
 * part, {@code .part}) and renamed when complete, so its own name never shows a partial file.
 */
final class SftpTransfer {

    private final Destination.Sftp destination;
    private final DestinationSettings settings;
    private final DestinationNetwork network;

    SftpTransfer(Destination.Sftp destination, DestinationSettings settings, DestinationNetwork network) {
        this.destination = destination;
        this.settings = settings;
        this.network = network;
    }

    /** The file's path on the server: the directory, then the name. */
    String path(String fileName) {
        String directory = destination.directory();
        return directory.endsWith("/") ? directory + fileName : directory + "/" + fileName;
    }

    /** Writes the stream under a temporary name, then renames it; its location, {@code sftp://host/path}. */
    String upload(String fileName, InputStream in) {
        String path = path(fileName);
        String temporary =
                path("." + fileName + "." + UUID.randomUUID().toString().substring(0, 8) + ".part");
        withSftp(sftp -> {
            try {
                try (OutputStream out = sftp.write(temporary)) {
                    in.transferTo(out);
                }
                sftp.rename(temporary, path, SftpClient.CopyMode.Overwrite);
            } catch (IOException e) {
                removeQuietly(sftp, temporary);
                throw e;
            }
        });
        return "sftp://" + destination.host() + (path.startsWith("/") ? "" : "/") + path;
    }

    /** Writes a small file into the directory and removes it again. */
    void probe() {
        String probe = path(".exports-probe-" + UUID.randomUUID());
        withSftp(sftp -> {
            try (OutputStream out = sftp.write(probe)) {
                out.write("exports probe\n".getBytes(StandardCharsets.US_ASCII));
            }
            sftp.remove(probe);
        });
    }

    private static void removeQuietly(SftpClient sftp, String path) {
        try {
            sftp.remove(path);
        } catch (IOException e) {
            // a temporary name is never the file's: the trainer may remove it
        }
    }

    /** What is done over one session's SFTP channel. */
    private interface Work {
        void run(SftpClient sftp) throws IOException;
    }

    private void withSftp(Work work) {
        InetSocketAddress address = new InetSocketAddress(network.addresses(destination.host())[0], destination.port());
        AtomicBoolean hostKeyMismatch = new AtomicBoolean();
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((session, remote, key) -> {
            boolean pinned = destination.hostKeyFingerprint().equals(fingerprint(key));
            hostKeyMismatch.set(!pinned);
            return pinned;
        });
        CoreModuleProperties.IO_CONNECT_TIMEOUT.set(client, settings.connectTimeout());
        CoreModuleProperties.AUTH_TIMEOUT.set(client, settings.connectTimeout());
        CoreModuleProperties.NIO2_READ_TIMEOUT.set(client, settings.timeout());
        CoreModuleProperties.CHANNEL_OPEN_TIMEOUT.set(client, settings.timeout());
        CoreModuleProperties.WAIT_FOR_SPACE_TIMEOUT.set(client, settings.timeout());
        SftpModuleProperties.SFTP_CHANNEL_OPEN_TIMEOUT.set(client, settings.timeout());
        client.start();
        try (ClientSession session = client.connect(destination.username(), address)
                .verify(settings.connectTimeout())
                .getSession()) {
            authenticate(session, hostKeyMismatch);
            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                work.run(sftp);
            }
        } catch (SftpException e) {
            throw rejected(e);
        } catch (IOException e) {
            throw hostKeyMismatch.get() ? mismatch() : unreachable(e);
        } finally {
            client.stop();
        }
    }

    private void authenticate(ClientSession session, AtomicBoolean hostKeyMismatch) throws IOException {
        String password = destination.password();
        if (password != null) {
            session.addPasswordIdentity(password);
        } else {
            session.addPublicKeyIdentity(keyPair(
                    Objects.requireNonNull(destination.privateKey(), "an SFTP destination has a password or a key")));
        }
        try {
            session.auth().verify(settings.connectTimeout());
        } catch (SshException e) {
            if (hostKeyMismatch.get()) {
                throw mismatch();
            }
            throw new DeliveryFailure(
                    DeliveryFailure.AUTH_FAILED,
                    "the server refused user " + destination.username() + " with this "
                            + (destination.password() != null ? "password" : "private key"));
        }
    }

    /** The key pair of an unencrypted OpenSSH private key; throws naming no part of it. */
    static KeyPair keyPair(String openSshKey) {
        try {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(
                    null,
                    NamedResource.ofName("privateKey"),
                    new ByteArrayInputStream(openSshKey.getBytes(StandardCharsets.UTF_8)),
                    null);
            Iterator<KeyPair> first = pairs == null ? null : pairs.iterator();
            if (first == null || !first.hasNext()) {
                throw new IllegalArgumentException("no key");
            }
            return first.next();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not an unencrypted OpenSSH private key");
        }
    }

    /** {@code SHA256:} and the unpadded base64 of the key's SHA-256, as {@code ssh-keygen -lf} prints it. */
    static String fingerprint(java.security.PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }

    private DeliveryFailure mismatch() {
        return new DeliveryFailure(
                DeliveryFailure.HOST_KEY_MISMATCH,
                destination.host() + "'s host key is not the one pinned (" + destination.hostKeyFingerprint() + ")");
    }

    private DeliveryFailure rejected(SftpException e) {
        String why = switch (e.getStatus()) {
            case SftpConstants.SSH_FX_NO_SUCH_FILE, SftpConstants.SSH_FX_NO_SUCH_PATH ->
                "no such directory " + destination.directory();
            case SftpConstants.SSH_FX_PERMISSION_DENIED -> "permission denied in " + destination.directory();
            default -> "the server refused the file (" + SftpConstants.getStatusName(e.getStatus()) + ")";
        };
        return new DeliveryFailure(DeliveryFailure.REJECTED, why);
    }

    private DeliveryFailure unreachable(IOException e) {
        return new DeliveryFailure(
                DeliveryFailure.UNREACHABLE,
                "could not reach " + destination.host() + ":" + destination.port() + " ("
                        + e.getClass().getSimpleName() + ")");
    }
}
