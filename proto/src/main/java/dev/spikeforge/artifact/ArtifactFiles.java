package dev.spikeforge.artifact;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Reads and writes artifact files: a 20-byte header (4 magic bytes, uint16 format version, uint16 reserved,
 * uint64 payload length, uint32 CRC-32C of the payload, all little-endian) followed by the protobuf payload.
 * Writes go to a temporary file in the same directory and are renamed into place, so a crash never leaves half a file.
 */
public final class ArtifactFiles {
    public static final int FORMAT_VERSION = 1;
    public static final int HEADER_BYTES = 20;

    private ArtifactFiles() {}

    public static void write(Path file, Message message) {
        writeAtomically(file, encode(message));
    }

    /** The exact bytes of an artifact file: header then payload (what a device upload sends, too). */
    public static byte[] encode(Message message) {
        ArtifactKind kind = ArtifactKind.of(message);
        byte[] payload = message.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer bytes = ByteBuffer.allocate(HEADER_BYTES + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put(kind.magic()).putShort((short) FORMAT_VERSION).putShort((short) 0)
                .putLong(payload.length).putInt((int) crc.getValue()).put(payload);
        return bytes.array();
    }

    /** Writes bytes to a sibling temp file, then renames it over {@code file}. */
    public static void writeAtomically(Path file, byte[] bytes) {
        Path tmp = null;
        try {
            tmp = newTempSibling(file);
            Files.write(tmp, bytes);
            moveIntoPlace(tmp, file);
        } catch (IOException e) {
            throw new ArtifactException(file, ArtifactException.Problem.IO, "cannot write: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the rename succeeded or the write failed; either way nothing more to clean
                }
            }
        }
    }

    /**
     * Creates an empty, hidden, uniquely named file beside {@code file} (creating the directory) for a writer that
     * renames it into place with {@link #moveIntoPlace}. It is created like any new file, so the umask sets its mode
     * (0644 under the usual 022): Files.createTempFile would make it 0600, and the rename would keep that.
     */
    public static Path newTempSibling(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + file.getFileName() + "." + Long.toUnsignedString(java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            try {
                Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt == 100) throw e;
            }
        }
    }

    /** Renames {@code tmp} over {@code file}: atomically where the file system can, else a plain replace. */
    public static void moveIntoPlace(Path tmp, Path file) throws IOException {
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Reads an artifact of the expected kind; any other content is an {@link ArtifactException} saying why. */
    @SuppressWarnings("unchecked")
    public static <T extends Message> T read(Path file, ArtifactKind expected) {
        Message m = decode(file, readBytes(file), expected);
        return (T) m;
    }

    /** Reads an artifact of whatever kind it is. */
    public static Message readAny(Path file) {
        return decode(file, readBytes(file), null);
    }

    public static Message decode(Path file, byte[] bytes, ArtifactKind expected) {
        if (bytes.length < 4 || ArtifactKind.byMagic(bytes) == null) {
            String hint = bytes.length > 0 && (bytes[0] == '{' || bytes[0] == ' ' || bytes[0] == '\n')
                    ? " It looks like JSON: turn it into an artifact with `spikeforge convert FILE.json --out FILE`."
                    : " Expected a file written by Spikeforge (it starts with SFTN or SFCN).";
            throw new ArtifactException(file, ArtifactException.Problem.NOT_AN_ARTIFACT,
                    bytes.length < 4 ? "truncated or empty (" + bytes.length + " bytes): not a Spikeforge artifact." + hint
                            : "not a Spikeforge artifact (unknown magic bytes)." + hint);
        }
        ArtifactKind kind = ArtifactKind.byMagic(bytes);
        if (expected != null && kind != expected) {
            throw new ArtifactException(file, ArtifactException.Problem.WRONG_KIND,
                    "is a " + kind.description() + ", but a " + expected.description() + " is needed here.");
        }
        if (bytes.length < HEADER_BYTES) {
            throw new ArtifactException(file, ArtifactException.Problem.TRUNCATED,
                    "truncated: " + bytes.length + " bytes, shorter than the " + HEADER_BYTES + "-byte header. Copy or write the file again.");
        }
        ByteBuffer header = ByteBuffer.wrap(bytes, 4, HEADER_BYTES - 4).order(ByteOrder.LITTLE_ENDIAN);
        int version = Short.toUnsignedInt(header.getShort());
        header.getShort();
        long length = header.getLong();
        int crc = header.getInt();
        if (version != FORMAT_VERSION) {
            throw new ArtifactException(file, ArtifactException.Problem.WRONG_VERSION,
                    "format version " + version + ", but this Spikeforge reads version " + FORMAT_VERSION
                            + ". Use the Spikeforge version that wrote it to convert it to JSON (`spikeforge inspect`), then `convert` it here.");
        }
        long actual = bytes.length - HEADER_BYTES;
        if (actual < length) {
            throw new ArtifactException(file, ArtifactException.Problem.TRUNCATED,
                    "truncated: the header promises " + length + " payload bytes but only " + actual
                            + " are present (an interrupted copy?). Copy or write the file again.");
        }
        if (actual > length) {
            throw new ArtifactException(file, ArtifactException.Problem.CORRUPT,
                    "corrupt: " + (actual - length) + " unexpected bytes after the " + length + "-byte payload.");
        }
        CRC32C check = new CRC32C();
        check.update(bytes, HEADER_BYTES, (int) length);
        if ((int) check.getValue() != crc) {
            throw new ArtifactException(file, ArtifactException.Problem.CORRUPT,
                    String.format("corrupt: payload checksum is %08x, the header says %08x. The file was damaged after it was written; write it again.",
                            (int) check.getValue(), crc));
        }
        try {
            return kind.newBuilder().mergeFrom(bytes, HEADER_BYTES, (int) length).build();
        } catch (InvalidProtocolBufferException e) {
            throw new ArtifactException(file, ArtifactException.Problem.CORRUPT,
                    "corrupt: the checksum matches but the payload is not a valid " + kind.description() + " (" + e.getMessage() + ").", e);
        }
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ArtifactException(file, ArtifactException.Problem.MISSING, "no such file.", e);
        } catch (IOException e) {
            throw new ArtifactException(file, ArtifactException.Problem.IO, "cannot read: " + e.getMessage(), e);
        }
    }
}
