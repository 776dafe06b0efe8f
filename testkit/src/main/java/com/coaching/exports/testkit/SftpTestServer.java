package com.coaching.exports.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A real SFTP server for tests (Apache MINA SSHD) on 127.0.0.1, serving a directory: one user who
 * signs in with a password or with a key, a host key made at start. It records every path a client
 * opened and every rename, and can hold writes until the test lets them go (to look at the directory
 * while a transfer runs). Never in an image: testkit is a test dependency.
 */
public final class SftpTestServer implements AutoCloseable {

    public static final String USER = "trainer";

    private final SshServer server;
    private final Path root;
    private final String password;
    private final KeyPair clientKey;
    private final List<String> opened = new CopyOnWriteArrayList<>();
    private final List<String> renamedTo = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch writes = new CountDownLatch(0);
    private volatile CountDownLatch writing = new CountDownLatch(1);

    private SftpTestServer(Path root, String password) throws IOException, GeneralSecurityException {
        this.root = root;
        this.password = password;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        this.clientKey = generator.generateKeyPair();
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider());
        server.setPasswordAuthenticator((user, given, session) -> USER.equals(user) && password.equals(given));
        server.setPublickeyAuthenticator(
                (user, key, session) -> USER.equals(user) && KeyUtils.compareKeys(key, clientKey.getPublic()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        sftp.addSftpEventListener(new Recorder());
        server.setSubsystemFactories(List.of(sftp));
        server.start();
    }

    /** A server serving {@code root}, where {@link #USER} signs in with {@code password} or {@link #privateKey}. */
    public static SftpTestServer start(Path root, String password) {
        try {
            return new SftpTestServer(root, password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return server.getPort();
    }

    public Path root() {
        return root;
    }

    public String password() {
        return password;
    }

    /** The server's host key as {@code ssh-keygen -lf} prints it: what a destination pins. */
    public String fingerprint() {
        try {
            PublicKey hostKey =
                    server.getKeyPairProvider().loadKeys(null).iterator().next().getPublic();
            return KeyUtils.getFingerPrint(BuiltinDigests.sha256, hostKey);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key {@link #USER} may sign in with, as an unencrypted OpenSSH private key. */
    public String privateKey() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new OpenSSHKeyPairResourceWriter().writePrivateKey(clientKey, "test", null, out);
            return out.toString(StandardCharsets.US_ASCII);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Another key of the right format that the server does not accept. */
    public static String strangerKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new OpenSSHKeyPairResourceWriter().writePrivateKey(generator.generateKeyPair(), "stranger", null, out);
            return out.toString(StandardCharsets.US_ASCII);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every path a client opened (files and directories), in order, as the client named it. */
    public List<String> opened() {
        return List.copyOf(opened);
    }

    /** The file name every rename gave, in order. */
    public List<String> renamedTo() {
        return List.copyOf(renamedTo);
    }

    /** Holds every write until {@link #releaseWrites()}; {@link #awaitWriting()} returns once one is held. */
    public void holdWrites() {
        writing = new CountDownLatch(1);
        writes = new CountDownLatch(1);
    }

    /** Waits until a client is writing (and held). */
    public void awaitWriting() throws InterruptedException {
        if (!writing.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no client wrote within 30 s");
        }
    }

    public void releaseWrites() {
        writes.countDown();
    }

    @Override
    public void close() throws IOException {
        releaseWrites();
        server.stop(true);
    }

    /** Records what clients do, and holds writes when asked. */
    private final class Recorder implements SftpEventListener {

        @Override
        public void open(ServerSession session, String remoteHandle, Handle localHandle) {
            opened.add(localHandle.getFile().getFileName().toString());
        }

        @Override
        public void moved(
                ServerSession session,
                Path source,
                Path destination,
                java.util.Collection<java.nio.file.CopyOption> opts,
                Throwable thrown) {
            if (thrown == null) {
                renamedTo.add(destination.getFileName().toString());
            }
        }

        @Override
        public void writing(
                ServerSession session,
                String remoteHandle,
                FileHandle localHandle,
                long offset,
                byte[] data,
                int dataOffset,
                int dataLen)
                throws IOException {
            writing.countDown();
            try {
                if (!writes.await(30, TimeUnit.SECONDS)) {
                    throw new IOException("the test did not release the writes");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }
}
