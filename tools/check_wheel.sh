#!/usr/bin/env bash
# What a user of `pip install clic-nb` gets: build the sdist and wheel, install the wheel into a fresh environment
# (CPU torch first, as the README says), check its contents and metadata, and run `clic demo` from it (toy model).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$PY" -m build --outdir "$work/dist" . >"$work/build.log" 2>&1 || { tail -20 "$work/build.log"; exit 1; }
wheel=$(ls "$work"/dist/*.whl)
"$PY" - "$wheel" <<'PYEOF'
import sys, zipfile, configparser
names = zipfile.ZipFile(sys.argv[1]).namelist()
meta = zipfile.ZipFile(sys.argv[1]).read(next(n for n in names if n.endswith('METADATA'))).decode()
cfg = configparser.ConfigParser(delimiters=['=']); cfg.read('settings.ini'); status = int(cfg['DEFAULT']['status'])
need = ['clic_nb/samples/source.png', 'clic_nb/toy/model_index.json', 'clic_nb/toy/unet/diffusion_pytorch_model.safetensors',
        'clic_nb/archs/sd14/unet.json']
missing = [n for n in need if n not in names]
assert not missing, f'wheel lacks {missing}'
assert 'clic_nb/toy/train_log.json' not in names, 'train_log.json is not needed to run: keep it out of the wheel'
assert f'Development Status :: {status} -' in meta, f'status {status} is not the classifier: {[l for l in meta.splitlines() if "Status" in l]}'
print(f'wheel: {len(names)} files, {sum(zipfile.ZipFile(sys.argv[1]).getinfo(n).file_size for n in names) / 2**20:.1f} MB unpacked; contents and metadata ok')
PYEOF
python3 -m venv "$work/env"
"$work/env/bin/pip" install -q "${TORCH:-torch==2.13.0}"
"$work/env/bin/pip" install -q "$wheel"
(cd "$work" && HF_HUB_OFFLINE=1 "$work/env/bin/clic" demo --out demo --quiet >"$work/demo.log" 2>&1) || { tail -20 "$work/demo.log"; exit 1; }
test -s "$work/demo/report.html"
echo "wheel: installed in a fresh environment; clic demo wrote its report"
