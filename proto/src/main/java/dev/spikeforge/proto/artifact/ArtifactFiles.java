package dev.spikeforge.proto.artifact;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.spikeforge.proto.artifact.validate.ArtifactValidator;
import dev.spikeforge.proto.artifact.validate.FormatLimits;
import dev.spikeforge.proto.artifact.validate.InvalidArtifactException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Reads and writes artifact files: a 20-byte header (4 magic bytes, uint16 format version, uint16
 * reserved, uint64 payload length, uint32 CRC-32C of the payload, all little-endian) followed by
 * the protobuf payload. Writes go to a temporary file in the same directory and are renamed into
 * place, so a crash never leaves half a file.
 */
public final class ArtifactFiles {
    public static final int FORMAT_VERSION = 1;
    public static final int HEADER_BYTES = 20;

    private ArtifactFiles() {}

    public static void write(Path file, Message message) {
        writeAtomically(file, encode(message));
    }

    /**
     * The exact bytes of an artifact file: header then payload (what a device upload sends, too).
     */
    public static byte[] encode(Message message) {
        ArtifactKind kind = ArtifactKind.of(message);
        byte[] payload = message.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer bytes =
                ByteBuffer.allocate(HEADER_BYTES + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put(kind.magic())
                .putShort((short) FORMAT_VERSION)
                .putShort((short) 0)
                .putLong(payload.length)
                .putInt((int) crc.getValue())
                .put(payload);
        return bytes.array();
    }

    /**
     * Writes bytes to a sibling temp file, forces them to the disk, then renames it over {@code
     * file}: after a crash the file is the old one or the complete new one, never a renamed file
     * whose blocks never reached the disk.
     */
    public static void writeAtomically(Path file, byte[] bytes) {
        Path tmp = null;
        try {
            tmp = newTempSibling(file);
            try (FileChannel ch =
                    FileChannel.open(
                            tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) ch.write(b);
            }
            moveIntoPlace(tmp, file);
        } catch (IOException e) {
            throw new ArtifactException(
                    file, ArtifactException.Problem.IO, "cannot write: " + e.getMessage(), e);
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
     * Creates an empty, hidden, uniquely named file beside {@code file} (creating the directory)
     * for a writer that renames it into place with {@link #moveIntoPlace}. It is created like any
     * new file, so the umask sets its mode (0644 under the usual 022): Files.createTempFile would
     * make it 0600, and the rename would keep that. Its name carries the writer's process id, so
     * temp files that killed writers left for the same path are removed here (see {@link
     * TempSiblings}).
     */
    public static Path newTempSibling(Path file) throws IOException {
        if (Files.isDirectory(file)) throw new IOException("is a directory");
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        TempSiblings.removeAbandoned(file);
        for (int attempt = 0; ; attempt++) {
            Path tmp =
                    dir.resolve(
                            TempSiblings.name(
                                    file,
                                    java.util.concurrent.ThreadLocalRandom.current().nextLong()));
            try {
                Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
                        .close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt == 100) throw e;
            }
        }
    }

    /**
     * Forces {@code tmp}'s content to the disk, renames it over {@code file} (atomically where the
     * file system can, else a plain replace), then forces the directory entry where the system
     * allows it.
     */
    public static void moveIntoPlace(Path tmp, Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        try {
            Files.move(
                    tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        TempSiblings.forceDirectory(file.toAbsolutePath().getParent());
    }

    /**
     * Reads an artifact of the expected kind; any other content is an {@link ArtifactException}
     * saying why. The header is checked against the file's size and the limits before any of the
     * payload is read, the checksum is computed while streaming, and the parsed network must pass
     * {@link ArtifactValidator}.
     */
    @SuppressWarnings("unchecked")
    public static <T extends Message> T read(Path file, ArtifactKind expected) {
        return (T) readFile(file, expected);
    }

    /** Reads an artifact of whatever kind it is. */
    public static Message readAny(Path file) {
        return readFile(file, null);
    }

    /**
     * Decodes artifact bytes already in memory (a device upload, a class-path resource); {@code
     * file} names them.
     */
    public static Message decode(Path file, byte[] bytes, ArtifactKind expected) {
        Header h = Header.parse(file, bytes, bytes.length, expected);
        long actual = bytes.length - HEADER_BYTES;
        h.checkLength(file, actual);
        CRC32C check = new CRC32C();
        check.update(bytes, HEADER_BYTES, (int) h.length);
        h.checkCrc(file, (int) check.getValue());
        try {
            return valid(
                    file,
                    h.kind.newBuilder().mergeFrom(bytes, HEADER_BYTES, (int) h.length).build());
        } catch (InvalidProtocolBufferException e) {
            throw unparsable(file, h.kind, e);
        }
    }

    private static Message readFile(Path file, ArtifactKind expected) {
        try (FileChannel ch = openForReading(file)) {
            boolean regular = Files.isRegularFile(file);
            byte[] head = new byte[HEADER_BYTES];
            int n = readFully(ch, ByteBuffer.wrap(head));
            Header h = Header.parse(file, head, n, expected);
            if (!regular) {
                // A pipe or device has no size to check against: read what the header promises
                // (bounded), then decode.
                h.checkMemory(file);
                byte[] all = new byte[(int) (HEADER_BYTES + h.length + 1)];
                System.arraycopy(head, 0, all, 0, HEADER_BYTES);
                int got =
                        readFully(
                                ch, ByteBuffer.wrap(all, HEADER_BYTES, all.length - HEADER_BYTES));
                return decode(file, java.util.Arrays.copyOf(all, HEADER_BYTES + got), expected);
            }
            h.checkLength(file, ch.size() - HEADER_BYTES);
            h.checkMemory(file);
            CRC32C crc = new CRC32C();
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(1 << 20, Math.max(1, h.length)));
            for (long left = h.length; left > 0; ) {
                buf.clear().limit((int) Math.min(buf.capacity(), left));
                int r = ch.read(buf);
                if (r < 0) throw truncated(file, h.length, h.length - left);
                buf.flip();
                crc.update(buf);
                left -= r;
            }
            h.checkCrc(file, (int) crc.getValue());
            ch.position(HEADER_BYTES);
            CodedInputStream in = CodedInputStream.newInstance(Channels.newInputStream(ch));
            in.setSizeLimit(Integer.MAX_VALUE);
            in.pushLimit((int) h.length);
            try {
                Message.Builder b = h.kind.newBuilder();
                b.mergeFrom(in);
                return valid(file, b.build());
            } catch (InvalidProtocolBufferException e) {
                throw unparsable(file, h.kind, e);
            }
        } catch (IOException e) {
            throw new ArtifactException(
                    file, ArtifactException.Problem.IO, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Opens a file to read, or says in its own words why not: no such file, a directory, no
     * permission. Every message starts with the path (ArtifactException does that).
     */
    static FileChannel openForReading(Path file) {
        if (Files.isDirectory(file)) {
            throw new ArtifactException(
                    file, ArtifactException.Problem.NOT_AN_ARTIFACT, "is a directory, not a file.");
        }
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new ArtifactException(
                    file, ArtifactException.Problem.MISSING, "no such file.", e);
        } catch (AccessDeniedException e) {
            throw new ArtifactException(
                    file, ArtifactException.Problem.IO, "permission denied.", e);
        } catch (IOException e) {
            throw new ArtifactException(
                    file, ArtifactException.Problem.IO, "cannot open: " + e.getMessage(), e);
        }
    }

    /** Reads until the buffer is full or the input ends; returns the bytes read. */
    static int readFully(ReadableByteChannel ch, ByteBuffer into) throws IOException {
        int total = 0;
        while (into.hasRemaining()) {
            int r = ch.read(into);
            if (r < 0) break;
            total += r;
        }
        return total;
    }

    private static Message valid(Path file, Message m) {
        try {
            return ArtifactValidator.requireValid(m);
        } catch (InvalidArtifactException e) {
            throw new ArtifactException(file, ArtifactException.Problem.INVALID, e.getMessage(), e);
        }
    }

    private static ArtifactException unparsable(
            Path file, ArtifactKind kind, InvalidProtocolBufferException e) {
        return new ArtifactException(
                file,
                ArtifactException.Problem.CORRUPT,
                "corrupt: the checksum matches but the payload is not a valid "
                        + kind.description()
                        + " ("
                        + e.getMessage()
                        + ").",
                e);
    }

    private static ArtifactException truncated(Path file, long promised, long present) {
        return new ArtifactException(
                file,
                ArtifactException.Problem.TRUNCATED,
                "truncated: the header promises "
                        + promised
                        + " payload bytes but only "
                        + present
                        + " are present (an interrupted copy?). Copy or write the file again.");
    }

    /**
     * The 20-byte header: kind (from the magic), format version, payload length and checksum,
     * checked in order.
     */
    private record Header(ArtifactKind kind, long length, int crc) {
        static Header parse(Path file, byte[] bytes, int n, ArtifactKind expected) {
            ArtifactKind kind = n >= 4 ? ArtifactKind.byMagic(bytes) : null;
            if (kind == null) {
                String known = KnownFiles.describe(bytes, n);
                if (known != null)
                    throw new ArtifactException(
                            file, ArtifactException.Problem.WRONG_KIND, known + ".");
                int first = KnownFiles.bomLength(bytes, n);
                String hint =
                        n > first && (bytes[first] == '{' || Character.isWhitespace(bytes[first]))
                                ? " It looks like JSON: turn it into an artifact with `spikeforge"
                                        + " convert FILE.json --out FILE`."
                                : " Expected a file written by Spikeforge (it starts with SFTN or"
                                        + " SFCN).";
                throw new ArtifactException(
                        file,
                        ArtifactException.Problem.NOT_AN_ARTIFACT,
                        n < 4
                                ? "truncated or empty ("
                                        + n
                                        + " bytes): not a Spikeforge artifact."
                                        + hint
                                : "not a Spikeforge artifact (unknown magic bytes)." + hint);
            }
            if (expected != null && kind != expected) {
                throw new ArtifactException(
                        file,
                        ArtifactException.Problem.WRONG_KIND,
                        "is a "
                                + kind.description()
                                + ", but a "
                                + expected.description()
                                + " is needed here.");
            }
            if (n < HEADER_BYTES) {
                throw new ArtifactException(
                        file,
                        ArtifactException.Problem.TRUNCATED,
                        "truncated: "
                                + n
                                + " bytes, shorter than the "
                                + HEADER_BYTES
                                + "-byte header. Copy or write the file again.");
            }
            ByteBuffer header =
                    ByteBuffer.wrap(bytes, 4, HEADER_BYTES - 4).order(ByteOrder.LITTLE_ENDIAN);
            int version = Short.toUnsignedInt(header.getShort());
            header.getShort();
            long length = header.getLong();
            int crc = header.getInt();
            if (version != FORMAT_VERSION) {
                throw new ArtifactException(
                        file,
                        ArtifactException.Problem.WRONG_VERSION,
                        "format version "
                                + version
                                + ", but this Spikeforge reads version "
                                + FORMAT_VERSION
                                + ". Use the Spikeforge version that wrote it to convert it to JSON"
                                + " (`spikeforge inspect`), then `convert` it here.");
            }
            // uint64 on disk: a length with the top bit set reads negative here and is as
            // impossible as any too large one.
            if (length < 0 || length > FormatLimits.MAX_PAYLOAD_BYTES) {
                throw new ArtifactException(
                        file,
                        ArtifactException.Problem.TOO_LARGE,
                        "the header declares a payload of "
                                + Long.toUnsignedString(length)
                                + " bytes, more than an artifact may hold ("
                                + FormatLimits.MAX_PAYLOAD_BYTES
                                + " bytes): not read. The file is damaged or not an artifact.");
            }
            return new Header(kind, length, crc);
        }

        /**
         * The payload present ({@code actual} bytes after the header) must be exactly the length
         * declared.
         */
        void checkLength(Path file, long actual) {
            if (actual < length) throw truncated(file, length, actual);
            if (actual > length) {
                throw new ArtifactException(
                        file,
                        ArtifactException.Problem.CORRUPT,
                        "corrupt: "
                                + (actual - length)
                                + " unexpected bytes after the "
                                + length
                                + "-byte payload.");
            }
        }

        /**
         * The parsed message takes up to about {@value #MEMORY_FACTOR} times its payload (packed
         * weights of one byte become four-byte ints, and lists grow in steps): refuse before
         * reading what cannot fit the heap.
         */
        void checkMemory(Path file) {
            long max = Runtime.getRuntime().maxMemory();
            if (length > max / MEMORY_FACTOR) {
                throw new ArtifactException(
                        file,
                        ArtifactException.Problem.TOO_LARGE,
                        "a payload of "
                                + length
                                + " bytes needs about "
                                + mib(length * MEMORY_FACTOR)
                                + " MiB of memory to read, and this JVM may use "
                                + mib(max)
                                + " MiB: not read. Give Java more (bin/spikeforge reads"
                                + " SPIKEFORGE_JAVA_OPTS, e.g. -Xmx16g).");
            }
        }

        void checkCrc(Path file, int actual) {
            if (actual != crc) {
                throw new ArtifactException(
                        file,
                        ArtifactException.Problem.CORRUPT,
                        String.format(
                                "corrupt: payload checksum is %08x, the header says %08x. The file"
                                        + " was damaged after it was written; write it again.",
                                actual, crc));
            }
        }
    }

    private static final long MEMORY_FACTOR = 6;

    private static long mib(long bytes) {
        return bytes >> 20;
    }
}
