#!/usr/bin/python3
"""Makes the tiny TorchScript fixture used by TorchScriptModelTest (run once; the output is committed).

Needs Debian's python3-torch (apt-get install python3-torch). The module has DiffPrior's TorchScript
contract: forward(x: (B, C, H, W) float32, log_snr: (B,) float32) -> (B, C, H, W), here predicting
eps for 1-channel images. Also writes a fixed input and the module's output for comparison, and
model.json with the SHA-256 of every file.

Usage: /usr/bin/python3 scripts/torchscript/make_fixture.py src/test/resources/models/torchscript-tiny
"""
import hashlib, json, os, sys
import numpy as np
import torch

class Tiny(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(1, 16, 3, padding=1)
        self.embed = torch.nn.Linear(2, 16)
        self.conv2 = torch.nn.Conv2d(16, 16, 3, padding=1)

    def forward(self, x: torch.Tensor, log_snr: torch.Tensor) -> torch.Tensor:
        features = torch.stack([torch.sin(0.1 * log_snr), torch.cos(0.1 * log_snr)], dim=1)
        h = torch.nn.functional.silu(self.conv1(x)) + self.embed(features)[:, :, None, None]
        return self.conv2(h)[:, 0:1]

def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    module = torch.jit.script(Tiny().eval())
    module.save(os.path.join(out, "model.pt"))
    rng = np.random.default_rng(1)
    x = rng.standard_normal((2, 1, 8, 12)).astype(np.float32)
    log_snr = np.array([-1.5, 2.0], dtype=np.float32)
    with torch.no_grad():
        y = module(torch.from_numpy(x), torch.from_numpy(log_snr)).numpy().astype(np.float32)
    # Big-endian float32, as Java's DataInputStream reads them.
    x.astype(">f4").tofile(os.path.join(out, "input.f32"))
    log_snr.astype(">f4").tofile(os.path.join(out, "log_snr.f32"))
    y.astype(">f4").tofile(os.path.join(out, "expected.f32"))
    # model.json lists every file of the folder with its SHA-256 (a loader refuses unlisted files).
    sha = {name: hashlib.sha256(open(os.path.join(out, name), "rb").read()).hexdigest()
           for name in ("model.pt", "expected.f32", "input.f32", "log_snr.f32")}
    card = {
        "name": "torchscript-tiny", "description": "Test fixture: untrained TorchScript module made with PyTorch "
        + torch.__version__, "format": "torchscript", "architecture": "tiny-conv", "imageChannels": 1,
        "trainingSize": 8, "schedule": "vp-cosine", "parameterisation": "eps", "normalisationShift": 0.0,
        "normalisationScale": 1.0, "trainingData": "none", "licence": "CC0", "trainingSteps": 0,
        "trainingSeconds": 0, "validation": {}, "files": sha}
    with open(os.path.join(out, "model.json"), "w") as f:
        json.dump(card, f, indent=2)
    print("wrote", out, "torch", torch.__version__)

if __name__ == "__main__":
    main()
