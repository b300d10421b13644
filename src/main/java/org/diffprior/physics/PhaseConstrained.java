package org.diffprior.physics;

/**
 * A complex-image operator restricted to real images with a known phase: B m = A(e^{iφ} ⊙ m) for a real
 * image m. Lets a real (magnitude) prior reconstruct complex MRI data whose smooth phase φ is estimated
 * from the fully sampled calibration region. With φ = 0 it is A on real inputs. The adjoint, w.r.t. the
 * real dot product, is Bᴴ y = Re(e^{−iφ} ⊙ Aᴴ y).
 *
 * <pre>{@code
 * LinearOperator b = new PhaseConstrained(new CartesianMri(h, w, mask), phase);
 * b.apply(magnitude, kspace);
 * }</pre>
 */
public final class PhaseConstrained implements LinearOperator, RowHybridForm {

    private final LinearOperator complexOperator;
    private final float[] cos;
    private final float[] sin;

    /** @param phase φ per pixel in radians (H·W), or null for a zero phase */
    public PhaseConstrained(LinearOperator complexOperator, float[] phase) {
        int pixels = complexOperator.inputSize() / 2;
        if (phase != null && phase.length != pixels) {
            throw new IllegalArgumentException("phase has " + phase.length + " pixels, the operator takes " + pixels);
        }
        this.complexOperator = complexOperator;
        this.cos = new float[pixels];
        this.sin = new float[pixels];
        for (int i = 0; i < pixels; i++) {
            double p = phase == null ? 0 : phase[i];
            cos[i] = (float) Math.cos(p);
            sin[i] = (float) Math.sin(p);
        }
    }

    private PhaseConstrained(LinearOperator complexOperator, float[] cos, float[] sin) {
        this.complexOperator = complexOperator;
        this.cos = cos;
        this.sin = sin;
    }

    /** The same phase on the complex operator's hybrid form, when it has one. */
    @Override
    public Hybrid rowHybrid() {
        Hybrid inner = RowHybridForm.of(complexOperator);
        return inner == null ? null
                : new Hybrid(new PhaseConstrained(inner.operator(), cos, sin), inner.measurements());
    }

    @Override
    public int inputSize() {
        return cos.length;
    }

    @Override
    public int outputSize() {
        return complexOperator.outputSize();
    }

    @Override
    public void apply(float[] x, float[] y) {
        complexOperator.apply(toComplex(x), y);
    }

    @Override
    public void adjoint(float[] y, float[] x) {
        float[] complex = new float[2 * cos.length];
        complexOperator.adjoint(y, complex);
        alongPhase(complex, x);
    }

    /** Bᴴ B m = Re(e^{−iφ} ⊙ AᴴA (e^{iφ} ⊙ m)), through the complex operator's own (faster) normal. */
    @Override
    public void normal(float[] x, float[] out) {
        float[] complex = new float[2 * cos.length];
        complexOperator.normal(toComplex(x), complex);
        alongPhase(complex, out);
    }

    /** e^{iφ} ⊙ m as an interleaved complex image. */
    public float[] toComplex(float[] real) {
        float[] complex = new float[2 * cos.length];
        for (int i = 0; i < cos.length; i++) {
            complex[2 * i] = real[i] * cos[i];
            complex[2 * i + 1] = real[i] * sin[i];
        }
        return complex;
    }

    /** Re(e^{−iφ} ⊙ z) of an interleaved complex image z: the adjoint of {@link #toComplex}. */
    public float[] alongPhase(float[] complex) {
        float[] real = new float[cos.length];
        alongPhase(complex, real);
        return real;
    }

    private void alongPhase(float[] complex, float[] real) {
        for (int i = 0; i < cos.length; i++) {
            real[i] = complex[2 * i] * cos[i] + complex[2 * i + 1] * sin[i];
        }
    }
}
