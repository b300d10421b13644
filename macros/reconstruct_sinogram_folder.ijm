// Reconstructs every CT sinogram (float32 TIFF, one row per view) in a folder with DiffPrior's "ct" command
// (plain ImageJ 1.x, no SciJava needed).
//
// Headless:  bin/run-macro macros/reconstruct_sinogram_folder.ijm "input=[/data/sino] output=[/data/ct] angles=0:180:60"
// Arguments: input=FOLDER output=FOLDER angles=DEGREES [options=[more ct options, e.g. --method fbp]]
//            angles as the ct command takes them: 0,45,90 or start:stop:count or a JSON list file.
// In ImageJ: Plugins > Macros > Run... asks for the folders and the angles when there are no arguments.
// Output: OUTPUT/NAME.tif for every INPUT/NAME.tif(f); existing outputs are skipped.
// One line per file, then "N done, N skipped, N failed". The same as one command:
//   bin/diffprior batch ct --in /data/sino --out /data/ct --angles 0:180:60

args = getArgument();
input = call("ij.Macro.getValue", args, "input", "");
output = call("ij.Macro.getValue", args, "output", "");
angles = call("ij.Macro.getValue", args, "angles", "");
options = call("ij.Macro.getValue", args, "options", "");
if (input == "" || output == "" || angles == "") {
    if (getInfo("java.awt.headless") == "true")
        exit("usage: reconstruct_sinogram_folder.ijm \"input=[SINOGRAM_FOLDER] output=[CT_FOLDER] angles=0:180:60 [options=[--method fbp]]\"");
    input = getDirectory("Folder with sinograms (TIFF, one row per view)");
    output = getDirectory("Folder for the reconstructions");
    angles = getString("Angles in degrees (0,45,90 or start:stop:count)", "0:180:180");
}
if (!endsWith(input, File.separator)) input = input + File.separator;
if (!endsWith(output, File.separator)) output = output + File.separator;
if (!File.isDirectory(input)) exit("reconstruct_sinogram_folder: input folder not found: " + input);
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
    result = call("org.diffprior.cli.Macros.run", "ct --sinogram \"" + input + name + "\" --angles \"" + angles
        + "\" --out \"" + target + "\" " + options);
    if (result == "0") {
        print("done    " + name + "  " + d2s((getTime() - start) / 1000, 2) + " s");
        done++;
    } else {
        print("failed  " + name + "  (exit " + result + ")");
        failed++;
    }
}
print(done + " done, " + skipped + " skipped, " + failed + " failed");
