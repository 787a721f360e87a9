#!/usr/bin/env python3
"""The notebooks' helper for run.sh (standard library only).

  notebook_tool.py prepare IN.ipynb OUT.ipynb PACKAGE_FOLDER VERSION
      copies a notebook, pointing its `#i "nuget: ..."` lines at PACKAGE_FOLDER and the versions of its
      `#r "nuget: MiniGrad..., ..."` lines at VERSION; fails when the notebook has neither (it would not test the build).
  notebook_tool.py check EXECUTED.ipynb EXIT_CODE
      lists every cell whose output is an error; fails when one is or when dotnet-repl's exit code is not 0.
  notebook_tool.py clear NOTEBOOK.ipynb...
      removes outputs and execution counts in place (the notebooks are kept cleared in git).
"""
import json
import re
import sys

SOURCE_LINE = re.compile(r'^#i "nuget: [^"]*"')
PACKAGE_LINE = re.compile(r'^(#r "nuget: MiniGrad(?:\.[A-Za-z]+)?, )[^"]*(")')


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def save(notebook, path):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(notebook, f, indent=1, ensure_ascii=False)
        f.write("\n")


def lines(cell):
    source = cell.get("source", [])
    return source.splitlines(keepends=True) if isinstance(source, str) else list(source)


def prepare(src, dst, folder, version):
    notebook = load(src)
    found_source = found_package = False
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        new = []
        for line in lines(cell):
            if SOURCE_LINE.match(line):
                line = SOURCE_LINE.sub('#i "nuget: ' + folder.replace("\\", "/") + '"', line)
                found_source = True
            elif PACKAGE_LINE.match(line):
                line = PACKAGE_LINE.sub(lambda m: m.group(1) + version + m.group(2), line)
                found_package = True
            new.append(line)
        cell["source"] = new
    if not (found_source and found_package):
        print(f"{src}: no '#i \"nuget: ...\"' line or no '#r \"nuget: MiniGrad..., ...\"' line, so it would not run the freshly packed build")
        return 1
    save(notebook, dst)
    return 0


def first_line(cell):
    text = "".join(lines(cell)).strip()
    return text.splitlines()[0] if text else "(empty)"


def check(path, exit_code):
    try:
        notebook = load(path)
    except (OSError, ValueError) as e:
        print(f"{path}: no executed notebook ({e})")
        return 1
    problems = []
    for number, cell in enumerate(notebook["cells"], start=1):
        if cell["cell_type"] != "code":
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                evalue = (output.get("evalue") or "").strip().splitlines()
                problems.append(f"cell {number} ({first_line(cell)}): {output.get('ename', '')}: {evalue[0] if evalue else ''}".rstrip())
    for p in problems:
        print("  " + p)
    if exit_code != 0 and not problems:
        print(f"  dotnet-repl exited with {exit_code} without naming a failed cell")
    return 1 if problems or exit_code != 0 else 0


def clear(paths):
    for path in paths:
        notebook = load(path)
        for cell in notebook["cells"]:
            if cell["cell_type"] == "code":
                cell["outputs"] = []
                cell["execution_count"] = None
        save(notebook, path)
    return 0


def main(argv):
    if len(argv) == 5 and argv[0] == "prepare":
        return prepare(*argv[1:])
    if len(argv) == 3 and argv[0] == "check":
        return check(argv[1], int(argv[2]))
    if len(argv) >= 2 and argv[0] == "clear":
        return clear(argv[1:])
    print(__doc__.strip(), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
