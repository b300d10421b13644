// Super-resolves every TIFF in a folder with DiffPrior's "sr" command (plain ImageJ 1.x, no SciJava needed).
//
// Headless:  bin/run-macro macros/super_resolve_folder.ijm "input=[/data/lr] output=[/data/hr] scale=2"
// Arguments: input=FOLDER output=FOLDER [scale=2] [options=[more sr options, e.g. --method bicubic]]
// In ImageJ: Plugins > Macros > Run... asks for the two folders when there are no arguments.
// Output: OUTPUT/NAME.tif for every INPUT/NAME.tif(f); existing outputs are skipped, so an interrupted run
// resumes. One line per file, then "N done, N skipped, N failed". The same as one command:
//   bin/diffprior batch sr --in /data/lr --out /data/hr --scale 2

args = getArgument();
input = call("ij.Macro.getValue", args, "input", "");
output = call("ij.Macro.getValue", args, "output", "");
scale = call("ij.Macro.getValue", args, "scale", "2");
options = call("ij.Macro.getValue", args, "options", "");
if (input == "" || output == "") {
    if (getInfo("java.awt.headless") == "true")
        exit("usage: super_resolve_folder.ijm \"input=[LR_FOLDER] output=[HR_FOLDER] [scale=2] [options=[--method bicubic]]\"");
    input = getDirectory("Folder with low-resolution TIFFs");
    output = getDirectory("Folder for the super-resolved TIFFs");
}
if (!endsWith(input, File.separator)) input = input + File.separator;
if (!endsWith(output, File.separator)) output = output + File.separator;
if (!File.isDirectory(input)) exit("super_resolve_folder: input folder not found: " + input);
File.makeDirectory(output);

done = 0; skipped = 0; failed = 0;
list = getFileList(input);
for (i = 0; i < list.length; i++) {
    name = list[i];
    lower = toLowerCase(name);
    if (startsWith(name, ".") || !(endsWith(lower, ".tif") || endsWith(lower, ".tiff"))) continue;
    target = output + substring(name, 0, lastIndexOf(name, ".")) + ".tif";
    if (File.exists(target)) {
        print("skipped " + name + " (output exists)");
        skipped++;
        continue;
    }
    start = getTime();
    // Quotes keep folder names with spaces whole; the command runs in this JVM with one model cache.
    result = call("org.diffprior.cli.Macros.run", "sr --input \"" + input + name + "\" --scale " + scale
        + " --out \"" + target + "\" " + options);
    if (result == "0") {
        print("done    " + name + "  " + d2s((getTime() - start) / 1000, 2) + " s");
        done++;
    } else {
        print("failed  " + name + "  (exit " + result + ")");
        failed++;
    }
}
print(done + " done, " + skipped + " skipped, " + failed + " failed");
