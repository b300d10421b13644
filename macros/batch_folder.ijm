// Runs any DiffPrior command on every file of a folder in one call, through "diffprior batch" (plain
// ImageJ 1.x, no SciJava needed): skips finished outputs, writes OUTPUT/batch-summary.csv with status,
// seconds, the reason of each failure and PSNR/SSIM against truth=[FOLDER] when given.
//
// Headless:  bin/run-macro macros/batch_folder.ijm "command=sr input=[/data/lr] output=[/data/hr] options=[--scale 2]"
// Arguments: command=mri|ct|sr|... input=FOLDER output=FOLDER [truth=FOLDER] [options=[the command's options]]
// Per-file lines go to the console (stdout); this macro prints the batch's result and the summary CSV.

args = getArgument();
command = call("ij.Macro.getValue", args, "command", "");
input = call("ij.Macro.getValue", args, "input", "");
output = call("ij.Macro.getValue", args, "output", "");
truth = call("ij.Macro.getValue", args, "truth", "");
options = call("ij.Macro.getValue", args, "options", "");
if (command == "" || input == "" || output == "")
    exit("usage: batch_folder.ijm \"command=sr input=[IN_FOLDER] output=[OUT_FOLDER] [truth=[TRUTH_FOLDER]] [options=[--scale 2]]\"");
line = "batch " + command + " --in \"" + input + "\" --out \"" + output + "\"";
if (truth != "") line = line + " --truth \"" + truth + "\"";
result = call("org.diffprior.cli.Macros.run", line + " " + options);
summary = output + File.separator + "batch-summary.csv";
if (File.exists(summary)) print(File.openAsString(summary));
if (result == "0") print("batch " + command + ": every file done or skipped");
else print("batch " + command + ": exit " + result);
