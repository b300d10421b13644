package org.diffprior.io;

import static org.diffprior.io.IoTestFiles.assertRefused;
import static org.diffprior.io.IoTestFiles.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.diffprior.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fastMRI HDF5 through jhdf against fixtures written by h5py (scripts/make_fastmri_fixture.py):
 * kspace[s, c, r, x] = (1000 s + 100 c + 10 r + x + 0.25) - i (s + 2c + 3r + 5x + 0.5), all exact in float32.
 */
class FastMriFilesTest {

    private static final int SLICES = 2;
    private static final int COILS = 3;
    private static final int ROWS = 6;
    private static final int COLS = 5;

    @TempDir
    Path dir;

    private static float re(int s, int c, int r, int x) {
        return 1000 * s + 100 * c + 10 * r + x + 0.25f;
    }

    private static float im(int s, int c, int r, int x) {
        return -(s + 2 * c + 3 * r + 5 * x + 0.5f);
    }

    /** BART layout: index = r + rows * (x + cols * (coil + coils * slice)). */
    private static void assertBartValue(ComplexArray k, int coils, int s, int c, int r, int x) {
        int index = r + ROWS * (x + COLS * (c + coils * s));
        assertEquals(re(s, c, r, x), k.data()[2 * index], 0f, "re at s=" + s + " c=" + c + " r=" + r + " x=" + x);
        assertEquals(im(s, c, r, x), k.data()[2 * index + 1], 0f, "im at s=" + s + " c=" + c + " r=" + r + " x=" + x);
    }

    @Test
    void multiCoilKspaceComesBackInBartLayout() {
        ComplexArray k = FastMriFiles.readKspace(fixture("fastmri/multicoil.h5"));
        long[] expected = {ROWS, COLS, 1, COILS, 1, 1, 1, 1, 1, 1, 1, 1, 1, SLICES};
        assertArrayEquals(expected, k.dims());
        assertEquals(SLICES, k.dim(FastMriFiles.SLICE_DIM));
        for (int s = 0; s < SLICES; s++) {
            for (int c = 0; c < COILS; c++) {
                for (int r = 0; r < ROWS; r++) {
                    for (int x = 0; x < COLS; x++) {
                        assertBartValue(k, COILS, s, c, r, x);
                    }
                }
            }
        }
        assertEquals(SLICES, FastMriFiles.sliceCount(fixture("fastmri/multicoil.h5")));
    }

    @Test
    void oneSliceIsRowsByColsByOneByCoils() {
        ComplexArray k = FastMriFiles.readKspaceSlice(fixture("fastmri/multicoil.h5"), 1);
        assertArrayEquals(new long[] {ROWS, COLS, 1, COILS}, k.dims());
        for (int c = 0; c < COILS; c++) {
            for (int r = 0; r < ROWS; r++) {
                for (int x = 0; x < COLS; x++) {
                    int index = r + ROWS * (x + COLS * c);
                    assertEquals(re(1, c, r, x), k.data()[2 * index], 0f);
                    assertEquals(im(1, c, r, x), k.data()[2 * index + 1], 0f);
                }
            }
        }
    }

    @Test
    void singleCoilChunkedCompressedKspaceIsRead() {
        Path file = fixture("fastmri/singlecoil_chunked.h5");
        ComplexArray k = FastMriFiles.readKspace(file);
        assertArrayEquals(new long[] {ROWS, COLS, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, SLICES}, k.dims());
        for (int s = 0; s < SLICES; s++) {
            for (int r = 0; r < ROWS; r++) {
                for (int x = 0; x < COLS; x++) {
                    assertBartValue(k, 1, s, 0, r, x);
                }
            }
        }
        ComplexArray slice = FastMriFiles.readKspaceSlice(file, 0);
        assertArrayEquals(new long[] {ROWS, COLS}, slice.dims());
        assertEquals(re(0, 0, 5, 4), slice.data()[2 * (5 + ROWS * 4)], 0f);
    }

    @Test
    void referenceReconstructionIsAStackOfSlices() {
        FloatImage rss = FastMriFiles.readReconstruction(fixture("fastmri/multicoil.h5")).orElseThrow();
        FloatImage esc = FastMriFiles.readReconstruction(fixture("fastmri/singlecoil_chunked.h5")).orElseThrow();
        for (FloatImage image : new FloatImage[] {rss, esc}) {
            assertEquals(3, image.width());
            assertEquals(4, image.height());
            assertEquals(2, image.slices());
            assertEquals(100 + 10 * 3 + 2 + 0.5f, image.get(2, 3, 1), 0f);
        }
        assertTrue(FastMriFiles.readReconstruction(fixture("fastmri/real_kspace.h5")).isEmpty());
    }

    @Test
    void aRangeOfSlicesIsReadAlone() {
        for (String name : new String[] {"fastmri/multicoil.h5", "fastmri/singlecoil_chunked.h5"}) {
            ComplexArray all = FastMriFiles.readKspace(fixture(name));
            ComplexArray last = FastMriFiles.readKspace(fixture(name), SliceRange.parse("1"));
            int coils = (int) all.dim(3);
            assertEquals(1, last.dim(FastMriFiles.SLICE_DIM));
            assertEquals(all.data().length / SLICES, last.data().length);
            for (int c = 0; c < coils; c++) {
                for (int r = 0; r < ROWS; r++) {
                    for (int x = 0; x < COLS; x++) {
                        int index = r + ROWS * (x + COLS * c);
                        assertEquals(re(1, c, r, x), last.data()[2 * index], 0f);
                        assertEquals(im(1, c, r, x), last.data()[2 * index + 1], 0f);
                    }
                }
            }
            assertArrayEquals(all.data(), FastMriFiles.readKspace(fixture(name), SliceRange.parse("0-1")).data());
        }
        Path multi = fixture("fastmri/multicoil.h5");
        assertRefused(multi, "does not exist", () -> FastMriFiles.readKspace(multi, SliceRange.parse("1-2")));
        FloatImage second = FastMriFiles.readReconstruction(multi, SliceRange.parse("1")).orElseThrow();
        assertEquals(1, second.slices());
        assertEquals(100 + 10 * 3 + 2 + 0.5f, second.get(2, 3, 0), 0f);
    }

    @Test
    void theColumnMaskOfTestFilesIsRead() {
        boolean[] columns = FastMriFiles.readColumnMask(fixture("fastmri/undersampled_mask.h5")).orElseThrow();
        assertEquals(16, columns.length);
        for (int x = 0; x < 16; x++) {
            assertEquals(x % 3 == 0 || (x >= 4 && x < 12), columns[x], "column " + x);
        }
        assertTrue(FastMriFiles.readColumnMask(fixture("fastmri/multicoil.h5")).isEmpty());
        Path bad = fixture("fastmri/bad_mask.h5");
        assertRefused(bad, "one value per k-space column", () -> FastMriFiles.readColumnMask(bad));
        assertTrue(FastMriFiles.isHdf5(Path.of("a/file1000000.H5")) && FastMriFiles.isHdf5(Path.of("b.hdf5")));
        assertFalse(FastMriFiles.isHdf5(Path.of("k.cfl")));
    }

    @Test
    void sliceRangesParseAndAreChecked() {
        assertEquals(new SliceRange(3, 3), SliceRange.parse("3"));
        assertEquals(new SliceRange(10, 19), SliceRange.parse(" 10-19 "));
        assertTrue(SliceRange.parse("ALL").isAll() && SliceRange.parse(null).isAll());
        assertEquals(10, SliceRange.parse("10-19").count(35));
        assertEquals(35, SliceRange.ALL.count(35));
        for (String bad : new String[] {"-1", "5-3", "a", "1-", "1.5"}) {
            assertEquals("slices", assertThrows(InvalidInputException.class, () -> SliceRange.parse(bad)).parameter()
                    .orElseThrow(), bad);
        }
        assertThrows(InvalidInputException.class, () -> SliceRange.parse("30-35").first(35, "f.h5"));
    }

    @Test
    void badFilesAreRefused() throws IOException {
        Path noKspace = fixture("fastmri/no_kspace.h5");
        assertRefused(noKspace, "no 'kspace'", () -> FastMriFiles.readKspace(noKspace));
        Path real = fixture("fastmri/real_kspace.h5");
        assertRefused(real, "expected complex64", () -> FastMriFiles.readKspace(real));
        Path multi = fixture("fastmri/multicoil.h5");
        assertRefused(multi, "slice 2 does not exist", () -> FastMriFiles.readKspaceSlice(multi, 2));
        Path text = Files.writeString(dir.resolve("text.h5"), "not hdf5 at all".repeat(20));
        assertRefused(text, "not an HDF5 file", () -> FastMriFiles.readKspace(text));
        Path cut = IoTestFiles.truncatedCopy(multi, dir.resolve("cut.h5"), Files.size(multi) - 500);
        assertRefused(cut, "truncated", () -> FastMriFiles.readKspace(cut));
        assertRefused(dir.resolve("absent.h5"), "no such file",
                () -> FastMriFiles.readKspace(dir.resolve("absent.h5")));
    }
}
