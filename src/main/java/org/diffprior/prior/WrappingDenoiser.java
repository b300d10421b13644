package org.diffprior.prior;

/**
 * A denoiser that runs another one on rearranged images (tiles, slices, turns): its channels, and whether its images
 * may be turned, are the inner denoiser's, so that no wrapper hides a network prior from {@link DihedralDenoiser}.
 *
 * <pre>{@code
 * Denoiser perSlice = new SliceBatchedDenoiser(network, 4); // a WrappingDenoiser
 * boolean turnable = perSlice.dihedralInvariant();         // the network's answer
 * }</pre>
 */
public abstract class WrappingDenoiser implements Denoiser {

    /** The denoiser that does the work. */
    protected final Denoiser inner;

    protected WrappingDenoiser(Denoiser inner) {
        this.inner = inner;
    }

    @Override
    public final int channels() {
        return inner.channels();
    }

    @Override
    public final boolean dihedralInvariant() {
        return inner.dihedralInvariant();
    }
}
