package com.coaching.exports.shared.destination;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a destination's secrets for the database: AES-256-GCM, a random 12-byte nonce per value
 * (stored before the ciphertext), the destination's id as associated data, so a sealed value moved to
 * another destination's row fails to open instead of lending it its credentials.
 */
public final class SecretBox {

    public static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String CIPHER = "AES/GCM/NoPadding";

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    /** A box under the base64 key; throws when it is not 32 bytes ({@link DestinationKeyCheck} said so first). */
    public SecretBox(String base64Key) {
        this.key = new SecretKeySpec(
                decodeKey(base64Key)
                        .orElseThrow(() -> new IllegalArgumentException(
                                DestinationSettings.KEY_VARIABLE + " is not the base64 of 32 bytes")),
                "AES");
    }

    /** The key's bytes, when the text is the base64 of exactly {@value #KEY_BYTES} of them. */
    static Optional<byte[]> decodeKey(String base64) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64.trim());
            return bytes.length == KEY_BYTES ? Optional.of(bytes) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The nonce, then the ciphertext with its tag. */
    public byte[] seal(UUID destinationId, String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(destinationId));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** What {@link #seal} sealed for this destination; throws when the key or the id differ, or it was altered. */
    public String open(UUID destinationId, byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(destinationId));
            byte[] plain = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "the secrets of destination " + destinationId + " do not open with this key", e);
        }
    }

    private static byte[] associatedData(UUID id) {
        return id.toString().getBytes(StandardCharsets.UTF_8);
    }
}
