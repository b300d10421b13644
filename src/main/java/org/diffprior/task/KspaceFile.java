package org.diffprior.task;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.diffprior.core.InvalidInputException;
import org.diffprior.io.Cfl;
import org.diffprior.io.FastMriFiles;
import org.diffprior.io.SliceRange;
import org.diffprior.physics.CoilArray;

/**
 * Cartesian k-space as the MRI commands read it: a BART .cfl/.hdr pair (H×W or H×W×1×C, slices in dimension 13)
 * or a fastMRI HDF5 file ({@code .h5}: dataset {@code kspace}, [slices, rows, cols] single-coil or [slices, coils,
 * rows, cols] multi-coil complex64, and the sampled columns of its {@code mask} dataset when the file has one).
 * Only the slices asked for are read from an HDF5 file; {@link FastMriFiles#isHdf5} tells the formats apart by the
 * file's extension.
 *
 * <pre>{@code
 * KspaceFile k = KspaceFile.read(Path.of("file1000000.h5"), SliceRange.parse("17"));
 * MriRequest request = MriRequest.builder(k.slices()).columnMask(k.columnMask(), k.name()).build();
 * }</pre>
 *
 * @param slices one k-space per slice read, all of one size
 * @param columnMask the sampled columns stored with the k-space (fastMRI's {@code mask}), or null
 * @param name the file, for messages
 */
public record KspaceFile(List<CoilArray> slices, boolean[] columnMask, String name) {

    /** Reads the slices of {@code range} from a .cfl pair or a fastMRI .h5 file. */
    public static KspaceFile read(Path file, SliceRange range) {
        if (FastMriFiles.isHdf5(file)) {
            // Slice by slice: the reader's temporaries stay one slice large (a whole 15-coil file is about 1 GB).
            int count = FastMriFiles.sliceCount(file);
            int first = range.first(count, file.toString());
            List<CoilArray> slices = new ArrayList<>();
            for (int s = first; s < first + range.count(count); s++) {
                slices.add(CoilArray.fromCfl(FastMriFiles.readKspace(file, new SliceRange(s, s)), file.toString()));
            }
            return new KspaceFile(slices, FastMriFiles.readColumnMask(file).orElse(null), file.toString());
        }
        List<CoilArray> all = CoilArray.slicesFromCfl(Cfl.read(file), file.toString());
        int first = range.first(all.size(), file.toString());
        return new KspaceFile(List.copyOf(all.subList(first, first + range.count(all.size()))), null,
                file.toString());
    }

    /** Reads one slice: the file's only slice, or slice {@code range} of several; for single-slice steps (ads). */
    public static CoilArray readOne(Path file, SliceRange range) {
        KspaceFile k = read(file, range);
        if (k.slices().size() != 1 && range.isAll()) {
            throw InvalidInputException.of(SliceRange.KEY, file + " holds " + k.slices().size()
                    + " slices; choose one with {" + SliceRange.KEY + "} N (0.." + (k.slices().size() - 1) + ")");
        }
        if (k.slices().size() != 1) {
            throw InvalidInputException.of(SliceRange.KEY, "{" + SliceRange.KEY + "} " + range + " chooses "
                    + k.slices().size() + " slices; this command takes one: give {" + SliceRange.KEY + "} N");
        }
        return k.slices().get(0);
    }
}
