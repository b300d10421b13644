package org.diffprior.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;

/** The plugin index that Fiji reads lists every DiffPrior command once, under Plugins > DiffPrior. */
class PluginIndexTest {

    static final Map<String, String> EXPECTED = Map.of(
            "org.diffprior.command.EngineInfoCommand", "Plugins>DiffPrior>Engine Info",
            "org.diffprior.command.MriReconstructionCommand", "Plugins>DiffPrior>MRI Reconstruction",
            "org.diffprior.command.CtReconstructionCommand", "Plugins>DiffPrior>CT Reconstruction",
            "org.diffprior.command.SuperResolutionCommand", "Plugins>DiffPrior>Super-Resolution",
            "org.diffprior.command.TrainPriorCommand", "Plugins>DiffPrior>Train Prior",
            "org.diffprior.command.ActiveSubsamplingCommand", "Plugins>DiffPrior>Active Subsampling");

    /** Class → menu path of every org.diffprior entry in every META-INF/json/org.scijava.plugin.Plugin on the class path. */
    static Map<String, List<String>> indexedMenuPaths() throws Exception {
        Map<String, List<String>> found = new TreeMap<>();
        List<URL> indexes = Collections.list(PluginIndexTest.class.getClassLoader()
                .getResources("META-INF/json/org.scijava.plugin.Plugin"));
        for (URL url : indexes) {
            try (Reader reader = new InputStreamReader(url.openStream(), StandardCharsets.UTF_8)) {
                JsonReader json = new JsonReader(reader);
                json.setLenient(true); // the index is a sequence of JSON objects, not one document
                while (json.peek() != JsonToken.END_DOCUMENT) {
                    JsonObject entry = JsonParser.parseReader(json).getAsJsonObject();
                    String className = entry.get("class").getAsString();
                    if (className.startsWith("org.diffprior.")) {
                        JsonObject values = entry.getAsJsonObject("values");
                        found.computeIfAbsent(className, k -> new ArrayList<>())
                                .add(values.has("menuPath") ? values.get("menuPath").getAsString() : "");
                    }
                }
            }
        }
        return found;
    }

    @Test
    void indexListsEachCommandOnceUnderPluginsDiffPrior() throws Exception {
        Map<String, List<String>> index = indexedMenuPaths();
        assertEquals(EXPECTED.keySet(), index.keySet());
        Set<String> menuPaths = new HashSet<>();
        for (Map.Entry<String, List<String>> entry : index.entrySet()) {
            assertEquals(List.of(EXPECTED.get(entry.getKey())), entry.getValue(), entry.getKey());
            assertTrue(menuPaths.add(entry.getValue().get(0)), "duplicate menu path " + entry.getValue());
        }
    }

    @Test
    void aContextDiscoversTheCommandsFromTheIndex() {
        try (Context context = new Context(CommandService.class)) {
            Map<String, String> discovered = new TreeMap<>();
            for (CommandInfo info : context.service(CommandService.class).getCommands()) {
                if (info.getClassName().startsWith("org.diffprior.")) {
                    discovered.put(info.getClassName(), info.getMenuPath().getMenuString(true).replace(" > ", ">"));
                }
            }
            assertEquals(new TreeMap<>(EXPECTED), discovered);
        }
    }

    @Test
    void parameterNamesAreSnakeCaseMacroKeys() throws Exception {
        try (Context context = new Context(CommandService.class)) {
            for (String className : EXPECTED.keySet()) {
                CommandInfo info = context.service(CommandService.class).getCommand(className);
                for (ModuleItem<?> item : info.inputs()) {
                    assertTrue(item.getName().matches("[a-z][a-z0-9_]*"), className + ": " + item.getName());
                }
                for (ModuleItem<?> item : info.outputs()) {
                    assertTrue(item.getName().matches("[a-z][a-z0-9_]*"), className + ": " + item.getName());
                }
            }
        }
    }
}
