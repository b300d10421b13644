// Reconstructs every BART k-space file (.cfl with its .hdr) in a folder with DiffPrior's "mri" command
// (plain ImageJ 1.x, no SciJava needed).
//
// Headless:  bin/run-macro macros/reconstruct_cfl_folder.ijm "input=[/data/kspace] output=[/data/recon] mask=[/data/mask.tif]"
// Arguments: input=FOLDER output=FOLDER mask=FILE [options=[more mri options, e.g. --method cg-sense]]
//            mask is the 0/1 sampling mask shared by all files (give --mask in options=[...] instead to omit it).
// In ImageJ: Plugins > Macros > Run... asks for the folders and the mask when there are no arguments.
// Output: OUTPUT/NAME.tif (magnitude) for every INPUT/NAME.cfl; existing outputs are skipped.
// One line per file, then "N done, N skipped, N failed". The same as one command:
//   bin/diffprior batch mri --in /data/kspace --out /data/recon --mask /data/mask.tif

args = getArgument();
input = call("ij.Macro.getValue", args, "input", "");
output = call("ij.Macro.getValue", args, "output", "");
mask = call("ij.Macro.getValue", args, "mask", "");
options = call("ij.Macro.getValue", args, "options", "");
if (input == "" || output == "") {
    if (getInfo("java.awt.headless") == "true")
        exit("usage: reconstruct_cfl_folder.ijm \"input=[KSPACE_FOLDER] output=[RECON_FOLDER] mask=[MASK.tif] [options=[--method cg-sense]]\"");
    input = getDirectory("Folder with .cfl/.hdr k-space");
    output = getDirectory("Folder for the reconstructions");
    mask = File.openDialog("Sampling mask (0/1 TIFF)");
}
if (!endsWith(input, File.separator)) input = input + File.separator;
if (!endsWith(output, File.separator)) output = output + File.separator;
if (!File.isDirectory(input)) exit("reconstruct_cfl_folder: input folder not found: " + input);
File.makeDirectory(output);
maskOption = "";
if (mask != "") maskOption = " --mask \"" + mask + "\"";

done = 0; skipped = 0; failed = 0;
list = getFileList(input);
for (i = 0; i < list.length; i++) {
    name = list[i];
    if (startsWith(name, ".") || !endsWith(name, ".cfl")) continue;
    target = output + substring(name, 0, lengthOf(name) - 4) + ".tif";
    if (File.exists(target)) {
        print("skipped " + name + " (output exists)");
        skipped++;
        continue;
    }
    start = getTime();
    result = call("org.diffprior.cli.Macros.run", "mri --kspace \"" + input + name + "\"" + maskOption
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
