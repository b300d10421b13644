package org.diffprior.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.diffprior.core.InvalidInputException;

/**
 * BART's .cfl/.hdr pair: a text header "# Dimensions" followed by the sizes of up to 16 dimensions, and
 * the raw complex float32 data (little-endian, interleaved re/im, dimension 0 fastest).
 *
 * <pre>{@code
 * ComplexArray k = Cfl.read(Path.of("kspace"));      // reads kspace.hdr + kspace.cfl
 * Cfl.write(Path.of("out.cfl"), k);
 * }</pre>
 */
public final class Cfl {

    /** A BART header is a few lines; a larger file is not one (and is not read into memory). */
    private static final long MAX_HEADER_BYTES = 1 << 16;

    private Cfl() {
    }

    /** Path without the .cfl/.hdr extension. */
    static Path base(Path path) {
        String name = path.getFileName().toString();
        if (name.endsWith(".cfl") || name.endsWith(".hdr")) {
            return path.resolveSibling(name.substring(0, name.length() - 4));
        }
        return path;
    }

    /**
     * Reads a pair given either file or the common base name; a bad pair (missing half, bad header,
     * size that does not match the dimensions) gives an {@link InvalidInputException} naming the file.
     */
    public static ComplexArray read(Path path) {
        Path base = base(path);
        Path hdr = base.resolveSibling(base.getFileName() + ".hdr");
        Path cfl = base.resolveSibling(base.getFileName() + ".cfl");
        if (!Files.isRegularFile(hdr)) {
            throw new InvalidInputException(hdr + ": header missing (a BART array is a .hdr/.cfl pair)");
        }
        if (!Files.isRegularFile(cfl)) {
            throw new InvalidInputException(cfl + ": data file missing (a BART array is a .hdr/.cfl pair)");
        }
        long[] dims = readHeader(hdr);
        long elements;
        long bytes;
        try {
            elements = Arrays.stream(dims).reduce(1, Math::multiplyExact);
            bytes = Math.multiplyExact(elements, 8);
        } catch (ArithmeticException e) {
            throw new InvalidInputException(
                    hdr + ": dimensions " + Arrays.toString(dims) + " are too large to be a real array");
        }
        try {
            long size = Files.size(cfl);
            if (size != bytes) {
                throw new InvalidInputException(cfl + ": holds " + size + " bytes but the header's dimensions "
                        + Arrays.toString(dims) + " need " + bytes + " (truncated or mismatched pair?)");
            }
            if (elements > Integer.MAX_VALUE / 2) {
                throw new InvalidInputException(
                        cfl + ": too large to load at once (" + elements + " elements); split it into slices");
            }
            float[] data = new float[(int) (2 * elements)];
            try (FileChannel channel = FileChannel.open(cfl, StandardOpenOption.READ)) {
                ByteBuffer buffer = channel.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.LITTLE_ENDIAN);
                buffer.asFloatBuffer().get(data);
            }
            return new ComplexArray(dims, data);
        } catch (IOException e) {
            throw new InvalidInputException(cfl + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static long[] readHeader(Path hdr) {
        List<String> lines;
        try {
            // ISO-8859-1 decodes any byte, so a binary file gets the "not a BART header" message below.
            if (Files.size(hdr) > MAX_HEADER_BYTES) {
                throw new InvalidInputException(hdr + ": " + Files.size(hdr) + " bytes is too long for a BART header");
            }
            lines = Arrays.asList(new String(Files.readAllBytes(hdr), StandardCharsets.ISO_8859_1).split("\\R", -1));
        } catch (IOException e) {
            throw new InvalidInputException(hdr + ": cannot be read (" + e.getMessage() + ")", e);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals("# Dimensions") && i + 1 < lines.size()) {
                String[] tokens = lines.get(i + 1).trim().split("\\s+");
                List<Long> dims = new ArrayList<>();
                try {
                    for (String t : tokens) {
                        if (!t.isEmpty()) {
                            dims.add(Long.parseLong(t));
                        }
                    }
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(
                            hdr + ": dimension line is not a list of integers: " + lines.get(i + 1));
                }
                if (dims.isEmpty() || dims.size() > 16 || dims.stream().anyMatch(d -> d <= 0)) {
                    throw new InvalidInputException(hdr + ": needs 1 to 16 positive dimensions, found " + dims);
                }
                int last = dims.size();
                while (last > 1 && dims.get(last - 1) == 1) {
                    last--;
                }
                return dims.subList(0, last).stream().mapToLong(Long::longValue).toArray();
            }
        }
        throw new InvalidInputException(hdr + ": not a BART header (no '# Dimensions' line)");
    }

    /** Writes the pair atomically: both files are replaced together, or neither. */
    public static void write(Path path, ComplexArray array) throws IOException {
        try (AtomicFiles.Transaction transaction = AtomicFiles.transaction()) {
            stage(transaction, path, array);
            transaction.commit();
        }
    }

    /** Stages both files of the pair in {@code transaction} (committed with the other outputs of the call). */
    public static void stage(AtomicFiles.Transaction transaction, Path path, ComplexArray array) throws IOException {
        Path base = base(path);
        long[] dims = array.dims();
        long[] padded = Arrays.copyOf(dims, Math.max(dims.length, 16));
        Arrays.fill(padded, dims.length, padded.length, 1);
        String header = "# Dimensions\n"
                + Arrays.stream(padded).mapToObj(Long::toString).collect(Collectors.joining(" ")) + "\n";
        transaction.stage(base.resolveSibling(base.getFileName() + ".cfl"), temp -> {
            ByteBuffer buffer = ByteBuffer.allocate(array.data().length * 4).order(ByteOrder.LITTLE_ENDIAN);
            buffer.asFloatBuffer().put(array.data());
            Files.write(temp, buffer.array());
        });
        transaction.stage(base.resolveSibling(base.getFileName() + ".hdr"), temp -> Files.writeString(temp, header));
    }

    /**
     * The files behind a path given for a pair: both halves for {@code X}, {@code X.cfl} or {@code X.hdr}; the file
     * itself for a path of another kind that exists (e.g. fastMRI {@code .h5}).
     */
    public static List<Path> files(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        if (!name.endsWith(".cfl") && !name.endsWith(".hdr") && Files.isRegularFile(path)) {
            return List.of(path);
        }
        Path base = base(path);
        return List.of(base.resolveSibling(base.getFileName() + ".cfl"),
                base.resolveSibling(base.getFileName() + ".hdr"));
    }
}
