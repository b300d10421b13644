package org.diffprior.djl;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;

/**
 * A small noise-conditional U-Net written as a function of named parameters, so training, EMA,
 * checkpoints and inference all share one definition and the parameters are plain float arrays
 * outside the engine. Per level: one residual block (GroupNorm, SiLU, 3×3 convolutions, the
 * noise-level embedding added between them) on the way down and one on the way up with a skip
 * connection; average pooling down, nearest-neighbour up. Noise level enters as sinusoidal
 * features of log-SNR = log(α²/σ²) through a two-layer MLP.
 *
 * <pre>{@code
 * UNet net = new UNet(UNetConfig.standard(1));
 * Map<String, float[]> weights = net.initialParameters(42);
 * NDArray v = net.forward(name -> arrays.get(name), xt, embedding);
 * }</pre>
 *
 * <p>Engine arrays produced here attach to the manager of the input {@code x} (every operation
 * takes a data array as its first operand), so a per-call sub-manager frees them all.
 */
public final class UNet {

    private static final float NORM_EPSILON = 1e-5f;
    /** libtorch 2.7 takes one-image float convolutions of up to this many input values off oneDNN. */
    static final long NATIVE_CONVOLUTION_VALUES = 20480;
    private static final double MIN_FREQUENCY = 0.02;
    private static final double MAX_FREQUENCY = 4.0;

    private final UNetConfig config;
    private final Map<String, long[]> shapes = new LinkedHashMap<>();

    public UNet(UNetConfig config) {
        this.config = config;
        declareParameters();
    }

    public UNetConfig config() {
        return config;
    }

    /** Parameter names and shapes in a fixed order (the weight file's order). */
    public Map<String, long[]> parameterShapes() {
        return Collections.unmodifiableMap(shapes);
    }

    /** Total number of scalar parameters. */
    public long parameterCount() {
        long total = 0;
        for (long[] s : shapes.values()) {
            total += new Shape(s).size();
        }
        return total;
    }

    /** He-normal convolutions, zero biases, unit GroupNorm scales; deterministic for a seed. */
    public Map<String, float[]> initialParameters(long seed) {
        Random random = new Random(seed);
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            String name = e.getKey();
            long[] s = e.getValue();
            float[] v = new float[(int) new Shape(s).size()];
            if (name.endsWith(".g")) {
                java.util.Arrays.fill(v, 1f);
            } else if (name.endsWith(".w")) {
                long fanIn = new Shape(s).size() / s[0];
                double std = Math.sqrt((s.length == 4 ? 2.0 : 1.0) / fanIn);
                // Residual branches and the output start small so the initial network is near identity.
                if (name.endsWith("conv2.w") || name.equals("out.w")) {
                    std *= 0.2;
                }
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (random.nextGaussian() * std);
                }
            }
            values.put(name, v);
        }
        return values;
    }

    /** Sinusoidal embedding features of one log-SNR value ({@code 2 * embeddingFrequencies} floats). */
    public float[] embeddingFeatures(double logSnr) {
        int n = config.embeddingFrequencies();
        float[] features = new float[2 * n];
        for (int k = 0; k < n; k++) {
            double f = MIN_FREQUENCY * Math.pow(MAX_FREQUENCY / MIN_FREQUENCY, n == 1 ? 0 : k / (double) (n - 1));
            features[k] = (float) Math.sin(f * logSnr);
            features[n + k] = (float) Math.cos(f * logSnr);
        }
        return features;
    }

    /** The embedding input of a batch, shape (B, 2 * embeddingFrequencies), one row per log-SNR value. */
    public NDArray embedding(NDManager manager, float[] logSnr) {
        int features = 2 * config.embeddingFrequencies();
        float[] values = new float[logSnr.length * features];
        for (int b = 0; b < logSnr.length; b++) {
            System.arraycopy(embeddingFeatures(logSnr[b]), 0, values, b * features, features);
        }
        return manager.create(values, new Shape(logSnr.length, features));
    }

    /**
     * Runs the network.
     *
     * @param parameters array for each parameter name
     * @param x input of shape (B, imageChannels, H, W), H and W multiples of {@link UNetConfig#sizeMultiple()}
     * @param embedding features of shape (B, 2 * embeddingFrequencies) from {@link #embeddingFeatures(double)}
     * @return output of shape (B, imageChannels, H, W)
     */
    public NDArray forward(Function<String, NDArray> parameters, NDArray x, NDArray embedding) {
        return run(parameters, x, embedding, false);
    }

    /**
     * {@link #forward} for inference only: the element-wise steps (group norm's scale and shift, SiLU, the
     * embedding bias, the residual sum) overwrite their own fresh intermediates instead of allocating new ones,
     * and one-image convolutions small enough for libtorch to take them off oneDNN get zero channels that keep
     * them on it. Autograd needs those intermediates, so the gradient steps of training and scan adaptation call
     * {@link #forward}.
     */
    public NDArray infer(Function<String, NDArray> parameters, NDArray x, NDArray embedding) {
        return run(parameters, x, embedding, true);
    }

    private NDArray run(Function<String, NDArray> parameters, NDArray x, NDArray embedding, boolean inPlace) {
        int[] channels = config.levelChannels();
        NDArray emb = silu(dense(embedding, parameters, "emb.fc1"), inPlace);
        emb = silu(dense(emb, parameters, "emb.fc2"), inPlace);

        NDArray h = conv(x, parameters, "in", 1, inPlace);
        Deque<NDArray> skips = new ArrayDeque<>();
        int levels = channels.length;
        for (int level = 0; level < levels; level++) {
            h = residual(h, emb, parameters, "enc" + level, inPlace);
            skips.push(h);
            if (level < levels - 1) {
                h = averagePool(h);
            }
        }
        h = residual(h, emb, parameters, "mid0", inPlace);
        h = residual(h, emb, parameters, "mid1", inPlace);
        for (int level = levels - 1; level >= 0; level--) {
            h = residual(h.concat(skips.pop(), 1), emb, parameters, "dec" + level, inPlace);
            if (level > 0) {
                h = upsample(h);
            }
        }
        h = silu(groupNorm(h, parameters, "out.gn", inPlace), inPlace);
        NDArray out = conv(h, parameters, "out", 1, inPlace);
        // The last convolution has 16 outputs (a multiple of 16 keeps oneDNN's gradients right); use the first ones.
        return out.get(":, 0:" + config.imageChannels());
    }

    private void declareParameters() {
        int[] channels = config.levelChannels();
        int e = config.embeddingChannels();
        declare("emb.fc1.w", e, 2L * config.embeddingFrequencies());
        declare("emb.fc1.b", e);
        declare("emb.fc2.w", e, e);
        declare("emb.fc2.b", e);
        declare("in.w", channels[0], config.imageChannels(), 3, 3);
        declare("in.b", channels[0]);
        int current = channels[0];
        for (int level = 0; level < channels.length; level++) {
            declareResidual("enc" + level, current, channels[level]);
            current = channels[level];
        }
        declareResidual("mid0", current, current);
        declareResidual("mid1", current, current);
        for (int level = channels.length - 1; level >= 0; level--) {
            declareResidual("dec" + level, current + channels[level], channels[level]);
            current = channels[level];
        }
        declare("out.gn.g", current);
        declare("out.gn.b", current);
        declare("out.w", UNetConfig.OUTPUT_CONV_CHANNELS, current, 3, 3);
        declare("out.b", UNetConfig.OUTPUT_CONV_CHANNELS);
    }

    private void declareResidual(String name, int in, int out) {
        declare(name + ".gn1.g", in);
        declare(name + ".gn1.b", in);
        declare(name + ".conv1.w", out, in, 3, 3);
        declare(name + ".conv1.b", out);
        declare(name + ".emb.w", out, config.embeddingChannels());
        declare(name + ".emb.b", out);
        declare(name + ".gn2.g", out);
        declare(name + ".gn2.b", out);
        declare(name + ".conv2.w", out, out, 3, 3);
        declare(name + ".conv2.b", out);
        if (in != out) {
            declare(name + ".skip.w", out, in, 1, 1);
            declare(name + ".skip.b", out);
        }
    }

    private void declare(String name, long... shape) {
        shapes.put(name, shape);
    }

    /**
     * One residual block whose intermediates live in a scope closed at its end: DJL otherwise keeps
     * every intermediate until the call's manager closes (gigabytes at 256×256). Autograd keeps its
     * own references, so training still back-propagates through closed handles.
     */
    private NDArray residual(NDArray x, NDArray emb, Function<String, NDArray> p, String name, boolean inPlace) {
        return scoped(x, in -> residualBlock(in, emb, p, name, inPlace));
    }

    /** Runs {@code f} on {@code x} and frees every intermediate except the result. */
    private static NDArray scoped(NDArray x, UnaryOperator<NDArray> f) {
        NDManager parent = x.getManager();
        try (NDManager scope = parent.newSubManager()) {
            x.tempAttach(scope);
            NDArray out = f.apply(x);
            out.attach(parent);
            return out;
        }
    }

    private NDArray normalisedActivation(NDArray x, Function<String, NDArray> p, String name, boolean inPlace) {
        return scoped(x, in -> silu(groupNorm(in, p, name, inPlace), inPlace));
    }

    private NDArray residualBlock(NDArray x, NDArray emb, Function<String, NDArray> p, String name,
            boolean inPlace) {
        NDArray h = conv(normalisedActivation(x, p, name + ".gn1", inPlace), p, name + ".conv1", 1, inPlace);
        long channels = h.getShape().get(1);
        NDArray bias = dense(emb, p, name + ".emb").reshape(-1, channels, 1, 1);
        h = inPlace ? h.addi(bias) : h.add(bias);
        h = conv(normalisedActivation(h, p, name + ".gn2", inPlace), p, name + ".conv2", 1, inPlace);
        NDArray skip = shapes.containsKey(name + ".skip.w") ? conv(x, p, name + ".skip", 0, inPlace) : x;
        // h is the convolution's fresh output; x (the skip without a projection) is never written.
        return inPlace ? h.addi(skip) : h.add(skip);
    }

    private NDArray groupNorm(NDArray x, Function<String, NDArray> p, String name, boolean inPlace) {
        // libtorch's fused layer norm over each group's values (one pass instead of seven separate
        // element-wise operations); the per-channel scale and shift follow, as layer norm's own are per value.
        Shape shape = x.getShape();
        long batch = shape.get(0);
        Shape group = new Shape(shape.size() / (batch * config.groups()));
        NDManager manager = x.getManager();
        NDArray normalised = LayerNorm.layerNorm(x.reshape(batch, config.groups(), group.get(0)), group,
                manager.ones(group, x.getDataType()), manager.zeros(group, x.getDataType()), NORM_EPSILON)
                .singletonOrThrow().reshape(shape);
        NDArray scale = channelVector(p.apply(name + ".g"), x);
        NDArray shift = channelVector(p.apply(name + ".b"), x);
        return inPlace ? normalised.muli(scale).addi(shift) : normalised.mul(scale).add(shift);
    }

    /** A (1, C, 1, 1) view of a parameter, owned by the data's manager so per-call managers free it. */
    private static NDArray channelVector(NDArray parameter, NDArray data) {
        NDArray view = parameter.reshape(1, parameter.size(), 1, 1);
        view.attach(data.getManager());
        return view;
    }

    /**
     * A convolution; for inference, a one-image input of at most {@link #NATIVE_CONVOLUTION_VALUES} values (a
     * one-channel image up to 143×143, the deeper levels of a 64×64 one) gets zero channels beside it, up to a
     * multiple of 16 above that size, and the weights zeros for them: the result is the same.
     */
    private static NDArray conv(NDArray x, Function<String, NDArray> p, String name, int padding, boolean inference) {
        NDArray weight = p.apply(name + ".w");
        Shape shape = x.getShape();
        if (inference && shape.get(0) == 1 && shape.size() <= NATIVE_CONVOLUTION_VALUES) {
            // libtorch runs such a small one-image convolution on its own kernel instead of oneDNN, after asking
            // NNPACK, which on CPUs it does not know logs "Could not initialize NNPACK" at every call.
            long plane = shape.get(2) * shape.get(3);
            // A multiple of 16 channels in all, as everywhere else (oneDNN on AVX-512 goes wrong otherwise).
            long channels = (NATIVE_CONVOLUTION_VALUES / plane + 16) / 16 * 16;
            long extra = channels - shape.get(1);
            NDManager manager = x.getManager();
            // Zeros first, so each concatenation belongs to the call's manager and not to the weights'.
            x = manager.zeros(new Shape(1, extra, shape.get(2), shape.get(3)), x.getDataType()).concat(x, 1);
            Shape w = weight.getShape();
            weight = manager.zeros(new Shape(w.get(0), extra, w.get(2), w.get(3)), weight.getDataType())
                    .concat(weight, 1);
        }
        return Conv2d.conv2d(x, weight, p.apply(name + ".b"), new Shape(1, 1), new Shape(padding, padding),
                new Shape(1, 1), 1).singletonOrThrow();
    }

    private static NDArray dense(NDArray x, Function<String, NDArray> p, String name) {
        return Linear.linear(x, p.apply(name + ".w"), p.apply(name + ".b")).singletonOrThrow();
    }

    /** x·σ(x); in place only on a fresh intermediate nothing else reads. */
    private static NDArray silu(NDArray x, boolean inPlace) {
        // x·σ(x) directly: DJL's swish(x, 1) first multiplies x by 1, a wasted pass over the tensor.
        NDArray sigmoid = Activation.sigmoid(x);
        return inPlace ? x.muli(sigmoid) : x.mul(sigmoid);
    }

    private static NDArray averagePool(NDArray x) {
        return Pool.avgPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true);
    }

    private static NDArray upsample(NDArray x) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), s.get(2), 1, s.get(3), 1)
                .broadcast(s.get(0), s.get(1), s.get(2), 2, s.get(3), 2)
                .reshape(s.get(0), s.get(1), s.get(2) * 2, s.get(3) * 2);
    }
}
