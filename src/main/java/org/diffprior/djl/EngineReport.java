package org.diffprior.djl;

import java.util.ArrayList;
import java.util.List;

/**
 * The text that {@code diffprior info} and Plugins › DiffPrior › Engine Info show: engine, version,
 * device, threads, native library location, models found and the convolution self-check.
 *
 * <pre>{@code
 * EngineReport report = EngineReport.create();
 * report.lines().forEach(System.out::println);
 * }</pre>
 *
 * @param lines the report, one line each
 * @param selfCheckPassed whether the convolution self-check passed
 */
public record EngineReport(List<String> lines, boolean selfCheckPassed) {

    /** Starts the engine if needed, runs the self-check and lists the models. */
    public static EngineReport create() {
        List<String> lines = new ArrayList<>(EngineBootstrap.describe());
        List<ModelStore.Entry> models = ModelStore.list();
        if (models.isEmpty()) {
            lines.add("Models: none found (bundled or in " + ModelStore.userDirectory() + ")");
        } else {
            lines.add("Models (" + models.size() + "):");
            for (ModelStore.Entry e : models) {
                lines.add("  " + e.name() + " [" + e.location() + "]"
                        + (e.card() == null ? ""
                                : " " + e.card().imageChannels() + " channel(s), " + e.card().format()));
            }
        }
        ConvolutionSelfCheck.Result check = ConvolutionSelfCheck.run();
        lines.add("Self-check: " + check.summary());
        return new EngineReport(List.copyOf(lines), check.passed());
    }

    /** The report as one text block. */
    public String text() {
        return String.join(System.lineSeparator(), lines);
    }
}
