"""Rebuild the folder of real transcripts that bench/exec_long.py reads (``--data``) from the source repositories.

    python bench/exec_long/rebuild.py --out /work/exec_data \\
        --git kaljuvee/earnings-calls=/path/to/clone.git --git xcai2/flex-practicum=... \\
        --git la83la/earnings-call-transcripts=... --git miskibin/sejm-stats=... --git Yale-LILY/QMSum=... \\
        --git dracos/uk-covid19-inquiry=... --git iandennismiller/valdai-transcripts=... \\
        --git nysenate/OpenLegislation=... --git KIParla/KIP=... --git dracos/pohi=... \\
        [--git ella0929/Taiwan-Earnings-Call-Dataset=...] [--taiwan-file /path/to/1734_20260916_clean.txt]

Every ``--git`` value is a git directory (a clone or a bare mirror) that holds the commit named below; files are
read with ``git show COMMIT:PATH``, so nothing is checked out. The Flex and Jabil PDFs are turned into text with
pypdf 5.1.0 (``PdfReader(path).pages[i].extract_text()``, pages joined by newlines), the version the reference
was labelled on: run this script with a Python that has ``pypdf==5.1.0`` (a throwaway venv; pypdf is not a
dependency of the project). The Taiwanese file is gone from its repository's later commits; a mirror without
commit 176acc4 cannot give it: pass the file itself with ``--taiwan-file`` (the same text, however obtained).
Only the files that bench/exec_long/reference.yaml names are written. Standard library + pypdf only.
"""

from __future__ import annotations

import argparse
import io
import re
import subprocess
import sys
from pathlib import Path

REFERENCE = Path(__file__).resolve().parent / "reference.yaml"

# the New York State Senate's hearing files have spaces in their names: saved under these
NYSENATE_FILES = {
    "2020-02-04-higher-education.txt": "2-4-20 Higher Education Transcript.txt",
    "2017-10-10-flooding.txt": "10-10-17 NYS Senate Flooding_IJC Plan 2014 FINAL.txt",
}

# folder in --out -> (repository, commit, path in the repository for a file name)
SOURCES = {
    "bigtech": ("kaljuvee/earnings-calls", "71b1eff10be70ed6c2ddca2d24d3498950a366ef",
                lambda n: f"transcripts/{n.removesuffix('.md')}_Q3_2024.md"),
    "celestica": ("xcai2/flex-practicum", "b4f5efaf2ce5f7174436fabf784eafa351be9363",
                  lambda n: f"data/raw/Celestica/Earnings Calls/Transcript/{n}"),
    "flex": ("xcai2/flex-practicum", "b4f5efaf2ce5f7174436fabf784eafa351be9363",
             lambda n: f"data/raw/Flex/flex_transcripts/{n.removesuffix('.txt')}.pdf"),
    "jabil": ("xcai2/flex-practicum", "b4f5efaf2ce5f7174436fabf784eafa351be9363",
              lambda n: f"data/raw/Jabil/Earnings Call/{n.removesuffix('.txt')}.pdf"),
    "fool": ("la83la/earnings-call-transcripts", "56a4e5943c4c40a17bede2227aed93fd250cf148",
             lambda n: f"dataset/{n}"),
    "sejm": ("miskibin/sejm-stats", "cc98d0deba3d21a038850d95fa46409c3278477d",
             lambda n: "research/sejm_transcripts.md"),
    "qmsum": ("Yale-LILY/QMSum", "83d7768c1f2b4dfeb091385d3dc7e239b8e5bb7e",
              lambda n: f"data/Committee/all/{n}"),
    "inquiry": ("dracos/uk-covid19-inquiry", "2a75adafddaebb8099d1bbbc64ead64a0106ff81",
                lambda n: n.removesuffix(".rst").replace("_", "/", 1) + ".rst"),
    "kremlin": ("iandennismiller/valdai-transcripts", "d365d811cb40d792621e10c96f38729f6150cb21",
                lambda n: f"var/extract/en.kremlin.ru/events/president/news/{n}"),
    "nysenate": ("nysenate/OpenLegislation", "7d7b1c1fdd5b0109f42105572639332251f74fc1",
                 lambda n: f"src/test/resources/hearing/{NYSENATE_FILES[n]}"),
    "kiparla": ("KIParla/KIP", "46d124230e0e34930844092df44e966b6f1687a9",
                lambda n: f"linear-orthographic/{n}"),
    "pohi": ("dracos/pohi", "ebbacaee48e46c498c233e35f7ea973965435475",
             lambda n: n.removesuffix(".rst").replace("_", "/", 1) + ".rst"),
    "taiwan": ("ella0929/Taiwan-Earnings-Call-Dataset", "176acc46ee1d87a4a5f0a5adc108187aecd80ff9",
               lambda n: f"output/{n.removesuffix('_clean.txt')}/{n}"),
}  # fmt: skip


def reference_files() -> list[str]:
    """The ``file:`` of every call in reference.yaml (read as text: no YAML library needed)."""
    return re.findall(r"^\s+file:\s*(\S+)\s*$", REFERENCE.read_text(encoding="utf-8"), flags=re.M)


def git_show(gitdir: Path, commit: str, path: str) -> bytes | None:
    done = subprocess.run(["git", "-C", str(gitdir), "show", f"{commit}:{path}"], capture_output=True, check=False)
    if done.returncode:
        print(f"{gitdir}: cannot read {commit[:7]}:{path}: {done.stderr.decode().strip()}", file=sys.stderr)
        return None
    return done.stdout


def pdf_text(data: bytes) -> str:
    try:
        from pypdf import PdfReader, __version__
    except ImportError:
        raise SystemExit("the Flex and Jabil PDFs need pypdf 5.1.0: pip install pypdf==5.1.0") from None
    if __version__ != "5.1.0":
        print(f"warning: pypdf {__version__}, the reference was labelled on 5.1.0 text", file=sys.stderr)
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--git", action="append", default=[], metavar="OWNER/NAME=GITDIR")
    parser.add_argument("--taiwan-file", type=Path)
    args = parser.parse_args()
    gits = dict(item.split("=", 1) for item in args.git)
    missing = []
    for rel in reference_files():
        folder, name = rel.split("/", 1)
        repo, commit, path = SOURCES[folder][0], SOURCES[folder][1], SOURCES[folder][2](name)
        target = args.out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if folder == "taiwan" and args.taiwan_file:
            target.write_bytes(args.taiwan_file.read_bytes())
            continue
        data = git_show(Path(gits[repo]), commit, path) if repo in gits else None
        if data is None:
            missing.append(f"{rel} (--git {repo}=GITDIR with commit {commit[:7]})")
        elif path.endswith(".pdf"):
            target.write_text(pdf_text(data), encoding="utf-8")
        else:
            target.write_bytes(data)
    print(f"{len(reference_files()) - len(missing)} files written under {args.out}")
    if missing:
        sys.exit("not written (bench/exec_long.py leaves their calls out):\n  " + "\n  ".join(missing))


if __name__ == "__main__":
    main()
