package org.diffprior.djl;

import java.util.LinkedHashMap;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import org.diffprior.core.InvalidInputException;

/**
 * The {@code model.json} of a model package (DESIGN.md section 5): what the network is, how it was
 * trained, how to feed it, and the SHA-256 of every other file of the package.
 *
 * <p>Normalisation: the network sees {@code (x - normalisationShift) / normalisationScale}; the
 * denoiser converts noise levels accordingly, so callers work in their own units (usually [0, 1]).
 *
 * <pre>{@code
 * ModelCard card = ModelCard.fromJson(Files.readString(dir.resolve("model.json")));
 * System.out.println(card.name() + ": " + card.description());
 * }</pre>
 *
 * @param format {@code djl} (weights.bin of {@link UNet}) or {@code torchscript} (a traced module)
 * @param parameterisation what the network predicts: {@code v}, {@code eps} or {@code x0}
 * @param schedule noise schedule used in training; {@code vp-cosine}: α = cos φ, σ = sin φ
 * @param validation validation figures, e.g. {@code psnr_sigma0.1 -> 31.2}
 * @param files name of every file of the package but model.json (weights, loss curve, …) to its SHA-256 (hex)
 */
public record ModelCard(String name, String description, String format, String architecture, UNetConfig network,
        int imageChannels, int trainingSize, String schedule, String parameterisation, double normalisationShift,
        double normalisationScale, String trainingData, String licence, long trainingSteps, double trainingSeconds,
        Map<String, Double> validation, Map<String, String> files) {

    /** The only noise schedule the samplers implement (α = cos φ, σ = sin φ). */
    public static final String SCHEDULE = "vp-cosine";

    static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    public ModelCard {
        validation = validation == null ? Map.of() : new LinkedHashMap<>(validation);
        files = files == null ? Map.of() : new LinkedHashMap<>(files);
    }

    /** Parses and checks a model.json; problems are bad input naming the field. */
    public static ModelCard fromJson(String json) {
        ModelCard card;
        try {
            card = GSON.fromJson(json, ModelCard.class);
        } catch (JsonParseException e) {
            throw new InvalidInputException("model.json is not valid JSON: " + e.getMessage());
        } catch (RuntimeException e) {
            // Gson builds records through their constructors and wraps what those refuse.
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof InvalidInputException bad) {
                    throw new InvalidInputException("model.json: " + bad.getMessage(), e);
                }
            }
            throw new InvalidInputException("model.json: unreadable fields (" + e.getMessage() + ")", e);
        }
        if (card == null) {
            throw new InvalidInputException("model.json is empty");
        }
        card.check();
        return card;
    }

    public String toJson() {
        return GSON.toJson(this);
    }

    /** A copy with other validation figures, steps, time and file checksums. */
    public ModelCard withTraining(long steps, double seconds, Map<String, Double> figures,
            Map<String, String> checksums) {
        return new ModelCard(name, description, format, architecture, network, imageChannels, trainingSize, schedule,
                parameterisation, normalisationShift, normalisationScale, trainingData, licence, steps, seconds,
                figures,
                checksums);
    }

    private void check() {
        if (!"djl".equals(format) && !"torchscript".equals(format)) {
            throw new InvalidInputException("model.json: format must be 'djl' or 'torchscript', not '" + format + "'");
        }
        if (!"v".equals(parameterisation) && !"eps".equals(parameterisation) && !"x0".equals(parameterisation)) {
            throw new InvalidInputException("model.json: parameterisation must be 'v', 'eps' or 'x0', not '"
                    + parameterisation + "'");
        }
        if (imageChannels != 1 && imageChannels != 2) {
            throw new InvalidInputException("model.json: imageChannels must be 1 or 2, not " + imageChannels);
        }
        if ("djl".equals(format) && network == null) {
            throw new InvalidInputException("model.json: a djl model needs the 'network' hyper-parameters");
        }
        if (network != null) {
            if (network.imageChannels() != imageChannels) {
                throw new InvalidInputException("model.json: network.imageChannels " + network.imageChannels()
                        + " differs from imageChannels " + imageChannels);
            }
        }
        if (!SCHEDULE.equals(schedule)) {
            throw new InvalidInputException("model.json: schedule must be '" + SCHEDULE
                    + "' (the schedule the samplers use), not '" + schedule + "'");
        }
        if (trainingSize < 1 || trainingSize > 65_536) {
            throw new InvalidInputException("model.json: trainingSize must lie in 1..65536, not " + trainingSize);
        }
        if (!Double.isFinite(normalisationShift)) {
            throw new InvalidInputException("model.json: normalisationShift must be a finite number, not "
                    + normalisationShift);
        }
        if (!(normalisationScale > 0) || Double.isInfinite(normalisationScale)) {
            throw new InvalidInputException("model.json: normalisationScale must be a positive finite number, not "
                    + normalisationScale);
        }
        if (files.isEmpty()) {
            throw new InvalidInputException("model.json: 'files' must list every file of the model with its SHA-256");
        }
        for (String file : files.keySet()) {
            // Plain names of files beside model.json: a listed path must not lead out of the model's folder.
            if (file == null || file.isEmpty() || file.startsWith(".") || file.contains("/") || file.contains("\\")
                    || file.equals("model.json")) {
                throw new InvalidInputException("model.json: 'files' lists '" + file
                        + "'; list the plain names of the files beside model.json (not model.json itself)");
            }
        }
    }
}
