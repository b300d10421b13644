// Runs each DiffPrior menu command of plain ImageJ 1.x with macro options on an open image and checks the result
// windows; driven by scripts/test-imagej-window.sh, which reads the report. Argument: "IMAGE|OUT_DIR".
args = split(getArgument(), "|");
image = args[0];
out = args[1];
var report = "";
var failures = 0;

// ImageJ 1.52's macro language takes comparisons only in if and while, hence pass/fail.
function pass(what) {
    report = report + "ok   " + what + "\n";
}

function fail(what) {
    report = report + "FAIL " + what + "\n";
    failures++;
}

function closeAllBut(keep) {
    titles = getList("image.titles");
    for (i = 0; i < titles.length; i++) {
        if (titles[i] != keep) {
            selectWindow(titles[i]);
            close();
        }
    }
}

function pixelSizeIs(title, expected) {
    if (!isOpen(title)) return false;
    selectWindow(title);
    getPixelSize(unit, pw, ph);
    if (unit == "mm" && abs(pw - expected) < 1e-6 && abs(ph - expected) < 1e-6) return true;
    return false;
}

function meanOf(title) {
    if (!isOpen(title)) return -1;
    selectWindow(title);
    getStatistics(area, mean);
    return mean;
}

function isRgb(title) {
    if (!isOpen(title)) return false;
    selectWindow(title);
    if (bitDepth() == 24) return true;
    return false;
}

// Result windows in a row (small ones at 200 %), the montage under them, then a capture of the whole screen.
function screenshot(name, montage) {
    titles = getList("image.titles");
    x = 0;
    bottom = 0;
    for (i = 0; i < titles.length; i++) {
        if (titles[i] != montage) {
            selectWindow(titles[i]);
            if (getWidth() <= 128 && getZoom() == 1) run("In [+]");
            setLocation(x, 90);
            x = x + getWidth() * getZoom() + 24;
            bottom = maxOf(bottom, getHeight() * getZoom());
        }
    }
    selectWindow(montage);
    setLocation(0, 90 + bottom + 80);
    wait(1500);
    run("Capture Screen");
    saveAs("PNG", out + "/" + name);
    close();
}

// The menu entries come from the installed plugins.config.
List.setCommands;
if (List.get("MRI Reconstruction") == "org.diffprior.ij1.MriReconstructionPlugin") pass("menu MRI Reconstruction"); else fail("menu MRI Reconstruction");
if (List.get("CT Reconstruction") == "org.diffprior.ij1.CtReconstructionPlugin") pass("menu CT Reconstruction"); else fail("menu CT Reconstruction");
if (List.get("Super-Resolution") == "org.diffprior.ij1.SuperResolutionPlugin") pass("menu Super-Resolution"); else fail("menu Super-Resolution");

open(image);
rename("brain");
run("Properties...", "unit=mm pixel_width=1.5 pixel_height=1.5 voxel_depth=1.5");
diffusion = " steps=5 samples=2 seed=0 montage";

run("MRI Reconstruction", "source=simulate acceleration=4 mask_type=random method=diffusion" + diffusion);
if (isOpen("brain MRI diffusion")) pass("MRI: reconstruction window"); else fail("MRI: reconstruction window");
if (pixelSizeIs("brain MRI diffusion", 1.5)) pass("MRI: reconstruction keeps 1.5 mm pixels"); else fail("MRI: reconstruction keeps 1.5 mm pixels");
if (meanOf("brain MRI diffusion std") > 0) pass("MRI: std map, mean " + meanOf("brain MRI diffusion std")); else fail("MRI: std map, mean " + meanOf("brain MRI diffusion std"));
if (pixelSizeIs("brain MRI diffusion std", 1.5)) pass("MRI: std map keeps 1.5 mm pixels"); else fail("MRI: std map keeps 1.5 mm pixels");
if (isOpen("brain zero-filled") && isOpen("brain sampling mask")) pass("MRI: zero-filled and mask windows"); else fail("MRI: zero-filled and mask windows");
if (isRgb("brain MRI diffusion montage")) pass("MRI: montage window (RGB)"); else fail("MRI: montage window (RGB)");
screenshot("imagej-mri.png", "brain MRI diffusion montage");
closeAllBut("brain");

run("CT Reconstruction", "source=simulate views=30 i0=0 method=diffusion filter=ram-lak" + diffusion);
if (pixelSizeIs("brain CT diffusion", 1.5)) pass("CT: reconstruction keeps 1.5 mm pixels"); else fail("CT: reconstruction keeps 1.5 mm pixels");
if (meanOf("brain CT diffusion std") > 0) pass("CT: std map, mean " + meanOf("brain CT diffusion std")); else fail("CT: std map, mean " + meanOf("brain CT diffusion std"));
if (isOpen("brain sinogram") && isOpen("brain FBP")) pass("CT: sinogram and FBP windows"); else fail("CT: sinogram and FBP windows");
if (isOpen("brain sinogram")) {
    selectWindow("brain sinogram");
    if (getHeight() == 30) pass("CT: sinogram has 30 views"); else fail("CT: sinogram has 30 views");
}
if (isRgb("brain CT diffusion montage")) pass("CT: montage window"); else fail("CT: montage window");
screenshot("imagej-ct.png", "brain CT diffusion montage");
closeAllBut("brain");

run("Super-Resolution", "source=low-res scale=2 degradation=bicubic method=diffusion" + diffusion);
if (isOpen("brain x2 diffusion")) pass("SR: reconstruction window"); else fail("SR: reconstruction window");
if (isOpen("brain x2 diffusion")) {
    selectWindow("brain x2 diffusion");
    if (getWidth() == 256 && getHeight() == 256) pass("SR: 256x256 from 128x128"); else fail("SR: 256x256 from 128x128");
}
if (pixelSizeIs("brain x2 diffusion", 0.75)) pass("SR: pixels halved to 0.75 mm"); else fail("SR: pixels halved to 0.75 mm");
if (meanOf("brain x2 diffusion std") > 0) pass("SR: std map, mean " + meanOf("brain x2 diffusion std")); else fail("SR: std map, mean " + meanOf("brain x2 diffusion std"));
if (isRgb("brain x2 diffusion montage")) pass("SR: montage window"); else fail("SR: montage window");
screenshot("imagej-sr.png", "brain x2 diffusion montage");
closeAllBut("brain");

report = report + "failures " + failures + "\n";
File.saveString(report, out + "/report.txt");
