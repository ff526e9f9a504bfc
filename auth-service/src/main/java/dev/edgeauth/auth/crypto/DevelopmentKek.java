package dev.edgeauth.auth.crypto;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * The development key-encryption key: without {@code EDGEAUTH_KEK}, and only with the
 * embedded database, a random KEK kept unprotected in
 * {@code edgeauth.keys.development-key-file}, created on first use and shared by the
 * instances of one host.
 */
final class DevelopmentKek {

    private DevelopmentKek() {
    }

    /**
     * The id of a KEK given in configuration form, for messages that tell the operator
     * which KEK the stored keys need (such as the development one).
     * @param file the development KEK file
     * @return its KEK id, or {@code null} when there is no readable file
     */
    static @Nullable String id(Path file) {
        try {
            return Files.isRegularFile(file)
                    ? Kek.decode(Files.readString(file).trim(), "the development KEK file").id() : null;
        }
        catch (IOException | KeyEncryptionKeyException ex) {
            return null;
        }
    }

    /**
     * The development KEK in its file, created on first use (owner-only permissions).
     * @param file the file
     * @param random the random source of a new key
     * @return the KEK
     */
    static Kek readOrCreate(Path file, SecureRandom random) {
        try {
            if (!Files.exists(file)) {
                create(file, random);
            }
            return Kek.decode(Files.readString(file).trim(), "the development key-encryption key in " + file);
        }
        catch (IOException ex) {
            throw new KeyEncryptionKeyException(
                    "EDGEAUTH_KEK is not set and the development key-encryption key file " + file.toAbsolutePath()
                            + " cannot be read or created (" + ex.getClass().getSimpleName() + ")",
                    "Set EDGEAUTH_KEK, or make the folder of edgeauth.keys.development-key-file writable. "
                            + Kek.GENERATE_HINT);
        }
    }

    private static void create(Path file, SecureRandom random) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        byte[] key = new byte[Kek.LENGTH];
        random.nextBytes(key);
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            else {
                Files.createFile(file);
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
        }
        catch (FileAlreadyExistsException ex) {
            // Another instance on this host created it first: use theirs.
        }
        finally {
            Arrays.fill(key, (byte) 0);
        }
    }

}
