package org.diffprior.cli;

import java.util.List;
import java.util.Map;

import org.diffprior.djl.ModelCard;
import org.diffprior.djl.ModelStore;
import picocli.CommandLine.Command;

/** {@code diffprior models}: List bundled and user models with their cards. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List bundled and user models with their cards.")
final class ModelsCommand extends CliCommand {

    @Override
    protected int execute() {
        List<ModelStore.Entry> entries = ModelStore.list();
        if (entries.isEmpty()) {
            System.out.println("No models found (user models go in " + ModelStore.userDirectory() + ").");
        }
        for (ModelStore.Entry e : entries) {
            System.out.println(e.name() + "  [" + e.location() + "]");
            ModelCard card = e.card();
            if (card == null) {
                continue;
            }
            System.out.println("  " + card.description());
            System.out.println("  format " + card.format() + ", " + card.imageChannels() + " channel(s), trained at "
                    + card.trainingSize() + " px, " + card.schedule() + ", predicts " + card.parameterisation()
                    + ", " + card.trainingSteps() + " steps");
            System.out.println("  data: " + card.trainingData());
            System.out.println("  licence: " + card.licence());
            for (Map.Entry<String, Double> v : card.validation().entrySet()) {
                System.out.println("  " + v.getKey() + " = " + v.getValue());
            }
        }
        System.out.println("User models directory: " + ModelStore.userDirectory());
        return OK;
    }
}
