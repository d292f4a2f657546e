#!/usr/bin/env python
"""Split each exported code cell of the notebooks into one cell per top-level definition, so the docs can put prose
between definitions and no cell is a wall of code. `nbdev_export` of a split notebook writes the same code (only the
`# %% ...` cell markers, and blank lines between cells, change).

A group is one `def`/`class` (decorators and the comment lines directly above it included) or a run of consecutive
other top-level statements (imports, assignments, ...). The first new cell keeps the cell's id, the others get ids
derived from it; every new cell keeps the cell's `#|` directive lines.

Usage: tools/split_cells.py [NB ...]     split the given notebooks (default: nbs/*.ipynb not starting with '_')
       tools/split_cells.py --check [NB ...]  per notebook: exported cells and their median/max lines, before/after
       tools/split_cells.py --stats [NB ...]  median/max lines of exported cells over all notebooks together"""
import ast, hashlib, json, re, statistics, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
_dir_re = re.compile(r'^\s*#\s*\|')  # what nbdev counts as a directive line
_export = {'export', 'exporti', 'exports'}

def _src(cell): return ''.join(cell['source']) if isinstance(cell['source'], list) else cell['source']

def _partition(src):
    "Directive lines and code lines; like nbdev, blank lines among the leading directives belong to no side."
    lines = src.splitlines(True)
    i = next((i for i, l in enumerate(lines) if l.strip() and not _dir_re.match(l)), len(lines))
    return [l for l in lines[:i] if l.strip()], lines[i:]

def _names(dirs):
    words = [re.sub(_dir_re, '', d).replace(':', ' ').split() for d in dirs]
    return {w[0] for w in words if w}

def _keep_whole(dirs):
    # cells that are not run (`eval: false`) or are shown as written (`exec_doc`) stay as the author wrote them
    return 'exec_doc' in _names(dirs) or any(re.search(r'eval:\s*false', d, re.I) for d in dirs)

def is_export(cell): return cell['cell_type'] == 'code' and bool(_names(_partition(_src(cell))[0]) & _export)

def groups(code):
    "Line ranges `(start, end)` (0-based, end exclusive) of the top-level groups of `code`, or None if it does not parse."
    try: body = ast.parse(''.join(code)).body
    except SyntaxError: return None
    spans = []  # [start, end, is_def], 1-based inclusive as ast gives them
    for st in body:
        is_def = isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        start = min([st.lineno] + [d.lineno for d in getattr(st, 'decorator_list', [])])
        # runs of non-defs stay together; so does anything sharing a line with the previous statement (`x = 1; y = 2`)
        if spans and ((not is_def and not spans[-1][2]) or start <= spans[-1][1]):
            spans[-1][1] = st.end_lineno; spans[-1][2] = spans[-1][2] and is_def
        else: spans.append([start, st.end_lineno, is_def])
    starts = []
    for i, (start, _, _) in enumerate(spans):
        prev_end = spans[i-1][1] if i else 0
        # comment lines right above a group describe it, so they travel with it
        while start-1 > prev_end and code[start-2].lstrip().startswith('#'): start -= 1
        starts.append(start-1)
    starts[0] = 0  # anything before the first statement stays in the first cell
    return list(zip(starts, starts[1:] + [len(code)]))

def _strip_blank(lines):
    while lines and not lines[0].strip(): lines = lines[1:]
    while lines and not lines[-1].strip(): lines = lines[:-1]
    return lines

def _source(lines):
    "Source as nbdev_clean stores it: a list of lines, each ending with a newline but the last."
    text = ''.join(lines).rstrip('\n')
    return text.splitlines(True)

def split_cell(cell, used_ids):
    "The cells that replace `cell` (just `[cell]` when it is not split)."
    if not is_export(cell): return [cell]
    dirs, code = _partition(_src(cell))
    if _keep_whole(dirs): return [cell]
    # nbdev writes `__all__` right after the last cell with a `__future__` import: splitting that cell would move it
    if re.search(r'^from\s+__future__\s', ''.join(code), re.M): return [cell]
    spans = groups(code)
    if not spans or len(spans) < 2: return [cell]
    dirs = [d.rstrip('\n') + '\n' for d in dirs]
    res = []
    for i, (a, b) in enumerate(spans):
        src = _source(dirs + _strip_blank(code[a:b]))
        if i == 0: res.append({**cell, 'source': src}); continue
        # ids derived from the original one, so running the tool twice on a copy gives the same notebook
        n, cid = 0, None
        while cid is None or cid in used_ids:
            cid = hashlib.sha1(f"{cell['id']}{i}{'#'*n}".encode()).hexdigest()[:8]; n += 1
        used_ids.add(cid)
        res.append(dict(cell_type='code', execution_count=None, id=cid, metadata={}, outputs=[], source=src))
    return res

def split_nb(nb):
    used = {c.get('id') for c in nb['cells']}
    return {**nb, 'cells': [c for cell in nb['cells'] for c in split_cell(cell, used)]}

def _read(p): return json.loads(Path(p).read_text(encoding='utf-8'))

def _write(nb, p):
    # as nbdev_clean writes it, so a later nbdev_clean leaves the file alone
    Path(p).write_text(json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + '\n', encoding='utf-8')

def sizes(nb):
    "Lines (non-blank, no `#|`) of each exported cell of `nb`."
    return [sum(1 for l in _partition(_src(c))[1] if l.strip()) for c in nb['cells'] if is_export(c)]

def _fmt(s): return f"{len(s):3d} cells, median {statistics.median(s) if s else 0:5.1f}, max {max(s, default=0):3d}"

def main(args):
    flags = {a for a in args if a.startswith('--')}
    nbs = [Path(a) for a in args if not a.startswith('--')] or sorted(p for p in (root/'nbs').glob('*.ipynb')
                                                                      if not p.name.startswith('_'))
    if flags - {'--check', '--stats'}: sys.exit(__doc__)
    if '--stats' in flags:
        s = [n for p in nbs for n in sizes(_read(p))]
        print(f"exported cells (all notebooks): {_fmt(s)}")
        return
    before, after = [], []
    for p in nbs:
        nb = _read(p); new = split_nb(nb)
        b, a = sizes(nb), sizes(new); before += b; after += a
        if '--check' in flags: print(f"{p.name:24s} before: {_fmt(b)}   after: {_fmt(a)}")
        elif new != nb: _write(new, p); print(f"{p.name}: {len(b)} -> {len(a)} exported cells")
    if '--check' in flags: print(f"{'all':24s} before: {_fmt(before)}   after: {_fmt(after)}")

if __name__ == '__main__': main(sys.argv[1:])
