"""OCR: the PP-OCR models quantised to int8, against the shipped fp32 ones (issue #15).

    python3 bench/ocr_int8.py --dir DIR [--calibrate 6] [--percentile 99.99] [--docs a.pdf,b.pdf]
                              [--cache DIR] [CORPUS_DIR]

Needs the `onnx` package (onnxruntime.quantization imports it; not a dependency of the project).

1. Calibration scans from the generated corpus (samples/unseen, seed 40: no test or bench reads that
   seed; never a corpus file): --calibrate documents made and scanned (samples/make_scan.py) into DIR.
2. Each calibration scan and each bench scan (bench/ocr_speed.py's scanned copies of --docs, made
   once into --cache) read by OCR once (pipeline.extract, one onnxruntime thread), every input the
   detector's and the recogniser's models are given recorded (DIR/inputs).
3. Activation ranges of every Conv's input and output from the calibration inputs: the --percentile
   and 100 - --percentile of a sample of each tensor's values (onnxruntime's MinMax ranges read 107
   of 1,480 recogniser lines differently; its Percentile calibrator holds every output in memory).
4. Each model quantised (onnxruntime.quantization.quantize_static: QDQ, per-channel int8 weights,
   uint8 activations, Conv only, the model first raised to opset 13) from those ranges, written to
   DIR/rec-int8.onnx and DIR/det-int8.onnx.
5. On the bench scans' recorded inputs, one thread, fp32 and int8 alternated: CPU seconds of the
   model calls; for the recogniser the lines whose greedy CTC reading differs (printed), for the
   detector the map's pixels over 0.3 that differ and its connected regions.

Then the whole pipeline with a quantised model (the engine takes a model file from
DISCLOSURE_OCR_REC_MODEL / DISCLOSURE_OCR_DET_MODEL):

    DISCLOSURE_OCR_REC_MODEL=DIR/rec-int8.onnx python3 bench/ocr_speed.py --cache C
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "samples"))
sys.path.insert(0, str(ROOT / "bench"))

from ocr_profile import scan_arguments, scans  # noqa: E402

SEED = 40


def calibration_scans(n: int, folder: Path) -> list[Path]:
    """Documents 0..n-1 of the generated corpus's seed 40, made and scanned once into `folder`."""
    from make_scan import make_scan
    from samples.unseen import make

    out = []
    for i in range(n):
        pdf, scan = folder / f"U{SEED:03d}-{i:05d}.pdf", folder / f"U{SEED:03d}-{i:05d}-scan.pdf"
        if not scan.exists():
            make.generate(SEED, i, folder, None)
            make_scan(pdf, scan, dpi=200)
        out.append(scan)
    return out


def record(paths: list[Path], into: Path) -> None:
    """Read each scan by OCR, saving every model input as into/{det,rec}-N.npy (once)."""
    import numpy as np
    from disclosure import pipeline
    from disclosure.extract import ocr
    from rapidocr.inference_engine.onnxruntime.main import OrtInferSession

    if into.exists():
        return
    tmp = into.with_suffix(".part")
    tmp.mkdir(parents=True, exist_ok=True)
    eng = ocr.engine()
    det, rec = eng._load_det_model().session, eng._load_rec_model().session
    call, n = OrtInferSession.__call__, {"det": 0, "rec": 0}

    def kept(self, x):
        k = "det" if self is det else "rec" if self is rec else None
        if k:
            np.save(tmp / f"{k}-{n[k]:05d}.npy", x)
            n[k] += 1
        return call(self, x)

    OrtInferSession.__call__ = kept
    try:
        for p in paths:
            pipeline.extract(p, ocr="auto", dpi=200)
    finally:
        OrtInferSession.__call__ = call
    tmp.rename(into)


def opset13(src: str, dst: Path) -> Path:
    """The model raised to opset 13 (per-channel QDQ needs DequantizeLinear's axis)."""
    import onnx
    from onnx import version_converter

    if not dst.exists():
        onnx.save(version_converter.convert_version(onnx.load(src), 13), str(dst))
    return dst


def ranges(model: Path, inputs: list[str], pct: float, out: Path) -> Path:
    """onnxruntime's calibration cache (TensorsData JSON) for every Conv's input and output: the
    pct and 100 - pct percentiles of up to 50,000 values of the tensor from each input (the low
    end no higher than 0 where the tensor goes below 0); the model's input at its min and max."""
    import numpy as np
    import onnx
    import onnxruntime as ort

    m = onnx.load(str(model))
    consts = {i.name for i in m.graph.initializer}
    names = []
    for node in m.graph.node:
        if node.op_type == "Conv":
            names += [t for t in (node.input[0], node.output[0]) if t not in consts and t not in names]
    for t in names:
        m.graph.output.append(onnx.helper.make_empty_tensor_value_info(t))
    o = ort.SessionOptions()
    o.intra_op_num_threads, o.log_severity_level = 1, 3
    o.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    s = ort.InferenceSession(m.SerializeToString(), o, providers=["CPUExecutionProvider"])
    rng = np.random.default_rng(0)
    seen = {t: [] for t in names}
    lo, hi = dict.fromkeys(names, np.inf), dict.fromkeys(names, -np.inf)
    for f in inputs:
        x = np.load(f)
        for k in range(0, len(names), 25):  # a few tensors a run: a page's detector maps are large
            part = names[k:k + 25]
            for t, y in zip(part, s.run(part, {"x": x})):
                y = y.ravel()
                lo[t], hi[t] = min(lo[t], float(y.min())), max(hi[t], float(y.max()))
                seen[t].append(rng.choice(y, size=min(50000, y.size), replace=False))

    def arr(v):
        return {"data": [v], "dtype": "float32", "CLS": "numpy.array"}

    data = {}
    for t in names:
        v = np.concatenate(seen[t])
        a, b = (lo[t], hi[t]) if t == "x" else (float(np.percentile(v, 100 - pct)), float(np.percentile(v, pct)))
        data[t] = {"lowest": arr(min(a, 0.0) if lo[t] < 0 else a), "highest": arr(b), "CLS": "TensorData"}
    out.write_text(json.dumps({"CLS": "TensorsData", "data": data, "smooth_quant": False,
                               "calibration_method": {"CLS": "CalibrationMethod", "value": "CalibrationMethod.MinMax"}}))
    return out


def quantise(model: Path, cache: Path, out: Path) -> Path:
    from onnxruntime.quantization import QuantFormat, QuantType, quantize_static

    quantize_static(str(model), str(out), None, quant_format=QuantFormat.QDQ, activation_type=QuantType.QUInt8,
                    weight_type=QuantType.QInt8, per_channel=True, op_types_to_quantize=["Conv"],
                    calibration_cache_path=str(cache))
    return out


def session(path):
    import onnxruntime as ort

    o = ort.SessionOptions()
    o.intra_op_num_threads, o.log_severity_level = 1, 3
    o.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(path), o, providers=["CPUExecutionProvider"])


def greedy(y, chars) -> list[str]:
    """CTC greedy reading of the recogniser's output (RapidOCR's decoding: repeats and blanks out)."""
    out = []
    for row in y:
        idx, prev, s = row.argmax(1), -1, []
        for i in idx:
            if i != prev and i != 0:
                s.append(chars[i] if i < len(chars) else "?")
            prev = i
        out.append("".join(s))
    return out


def compare(fp32, int8, inputs: list[str], what: str) -> None:
    import cv2
    import numpy as np

    a, b = session(fp32), session(int8)
    chars = ["blank"] + a.get_modelmeta().custom_metadata_map.get("character", "").splitlines() + [" "]
    ta = tb = 0.0
    lines = differ = cols = px = dpx = ra = rb = 0
    for f in inputs:
        x = np.load(f)
        t = time.process_time()
        ya = a.run(None, {"x": x})[0]
        ta += time.process_time() - t
        t = time.process_time()
        yb = b.run(None, {"x": x})[0]
        tb += time.process_time() - t
        if what == "rec":
            cols += x.shape[0] * x.shape[3]
            for sa, sb in zip(greedy(ya, chars), greedy(yb, chars)):
                lines += 1
                if sa != sb:
                    differ += 1
                    print(f"    {sa!r} -> {sb!r}")
        else:
            ma, mb = ya[0, 0] > 0.3, yb[0, 0] > 0.3
            px, dpx = px + int(ma.sum()), dpx + int((ma ^ mb).sum())
            ra += cv2.connectedComponents(ma.astype(np.uint8))[0] - 1
            rb += cv2.connectedComponents(mb.astype(np.uint8))[0] - 1
    if what == "rec":
        print(f"recogniser: {len(inputs)} calls, {lines} lines, {cols} columns; CPU fp32 {ta:.1f} s, int8 {tb:.1f} s; "
              f"{differ} lines read differently")
    else:
        print(f"detector: {len(inputs)} calls; CPU fp32 {ta:.1f} s, int8 {tb:.1f} s; {px} map pixels over 0.3, "
              f"{dpx} differ; {ra} regions fp32, {rb} int8")


def main() -> None:
    ap = argparse.ArgumentParser()
    scan_arguments(ap)
    ap.add_argument("--dir", type=Path, required=True)
    ap.add_argument("--calibrate", type=int, default=6, help="generated documents (seed 40) to calibrate on")
    ap.add_argument("--percentile", type=float, default=99.99)
    ap.add_argument("--every", type=int, default=8, help="calibrate on every Nth recorded input")
    a = ap.parse_args()
    os.environ.setdefault("DISCLOSURE_OCR_THREADS", "1")
    a.dir.mkdir(parents=True, exist_ok=True)
    import rapidocr

    models = Path(rapidocr.__file__).parent / "models"
    record(calibration_scans(a.calibrate, a.dir), a.dir / "inputs-calibration")
    record(scans(a, str(a.dir)), a.dir / "inputs-bench")
    for what, name in (("rec", "PP-OCRv6_rec_small.onnx"), ("det", "PP-OCRv6_det_small.onnx")):
        src = opset13(str(models / name), a.dir / f"{what}-opset13.onnx")
        calib = sorted(glob.glob(str(a.dir / "inputs-calibration" / f"{what}-*.npy")))[::a.every]
        cache = ranges(src, calib, a.percentile, a.dir / f"{what}-ranges.json")
        q = quantise(src, cache, a.dir / f"{what}-int8.onnx")
        compare(models / name, q, sorted(glob.glob(str(a.dir / "inputs-bench" / f"{what}-*.npy"))), what)


if __name__ == "__main__":
    main()
