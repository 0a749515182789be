"""The ``seffaf`` command: a thin layer over build and loader, speaking Turkish."""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import sys
from pathlib import Path

from .build import Project, build, check, display_path
from .loader import ProgramError, new_program
from .schema import json_schema_text
from .search import SearchIndexError


def _project(args) -> Project:
    root = Path.cwd()
    return Project(root=root, programs_dir=Path(args.programs), config_file=Path(args.config))


def _say(message: str) -> None:
    print(f"· {message}", file=sys.stderr, flush=True)


def _report(error: ProgramError) -> int:
    for problem in error.problems:
        print(problem, file=sys.stderr)
    count = len(error.problems)
    print(f"\n{count} sorun bulundu; site oluşturulmadı, önceki site olduğu gibi duruyor.", file=sys.stderr)
    return 1


def cmd_build(args) -> int:
    out = Path(args.out)
    try:
        result = build(_project(args), out, _say, incremental=not args.tam)
    except ProgramError as error:
        return _report(error)
    except SearchIndexError as error:
        print(f"hata: {error}", file=sys.stderr)
        return 1
    for warning in result.warnings:
        print(f"uyarı: {warning}", file=sys.stderr)
    phases = ", ".join(f"{name} {seconds:.1f}" for name, seconds in result.phases.items())
    print(f"Site hazır: {result.pages} sayfa, {result.programs} program, {result.seconds:.1f} sn ({phases}) → {out}/")
    print(f"Açmak için: seffaf serve  (ya da {out}/index.html)")
    return 0


def cmd_check(args) -> int:
    paths = [Path(p) for p in args.paths] or [Path(args.programs)]
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.rglob("*.yml")) if path.is_dir() else [path])
    if not files:
        print("Denetlenecek program dosyası bulunamadı.", file=sys.stderr)
        return 1
    errors, warnings = check(files, Path.cwd())
    if args.json:
        json.dump(
            {"dosyalar": [display_path(f, Path.cwd()) for f in files], "hatalar": [p.as_dict() for p in errors], "uyarilar": [p.as_dict() for p in warnings]},
            sys.stdout, ensure_ascii=False, indent=1,
        )
        print()
        return 1 if errors else 0
    for problem in errors:
        print(problem)
    if warnings:
        print(f"Uyarılar ({len(warnings)}): hata değil; belgenin kendi içinde tutmayan ya da ikinci kez bakılması gereken rakamlar:")
        for problem in warnings:
            print(f"  uyarı: {problem}")
    print(f"\n{len(files)} dosya: {len(errors)} hata, {len(warnings)} uyarı.")
    return 1 if errors else 0


def cmd_serve(args) -> int:
    status = cmd_build(args)
    if status:
        return status
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=args.out)
    with http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler) as server:
        print(f"Site yayında: http://127.0.0.1:{args.port}/  (durdurmak için Ctrl+C)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


def cmd_schema(args) -> int:
    text = json_schema_text()
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def cmd_new(args) -> int:
    try:
        path = new_program(Path(args.programs), args.slug, args.year, args.name)
    except ValueError as error:
        print(f"hata: {error}", file=sys.stderr)
        return 1
    print(f"{path} yazıldı. Doldurduktan sonra: seffaf check {path}")
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="seffaf", description="Belediye performans programlarından şeffaflık sitesi üretir.")
    commands = main.add_subparsers(dest="command", required=True, metavar="KOMUT")

    def common(sub):
        sub.add_argument("--programs", default="programs", help="program dosyalarının klasörü (varsayılan: programs)")
        sub.add_argument("--config", default="site.yml", help="site ayarları (varsayılan: site.yml)")

    def output(sub):
        sub.add_argument("--out", default="site", help="çıktı klasörü (varsayılan: site)")
        sub.add_argument("--tam", action="store_true", help="önceki kurulumdan hiçbir şey kullanmadan baştan kurar (önbellek: .<çıktı>-onbellek/)")

    b = commands.add_parser("build", help="siteyi oluşturur")
    common(b)
    output(b)
    b.set_defaults(run=cmd_build)

    c = commands.add_parser("check", help="program dosyalarını denetler")
    c.add_argument("paths", nargs="*", help="dosya ya da klasör (varsayılan: programs)")
    c.add_argument("--programs", default="programs", help=argparse.SUPPRESS)
    c.add_argument("--json", action="store_true", help="sonuçları makinece okunur JSON olarak yazar")
    c.set_defaults(run=cmd_check)

    sc = commands.add_parser("schema", help="program dosyalarının JSON Schema'sını yazar (editörler için)")
    sc.add_argument("--out", help="dosyaya yaz (varsayılan: ekrana)")
    sc.set_defaults(run=cmd_schema)

    n = commands.add_parser("new", help="yeni bir program dosyası iskeleti oluşturur")
    n.add_argument("slug", help="belediyenin adres adı, ör. ornekkoy")
    n.add_argument("year", type=int, help="programın yılı, ör. 2026")
    n.add_argument("--name", help='belediyenin adı, ör. "Örnekköy Belediyesi"')
    n.add_argument("--programs", default="programs")
    n.set_defaults(run=cmd_new)

    s = commands.add_parser("serve", help="siteyi oluşturur ve yerelde yayınlar")
    common(s)
    output(s)
    s.add_argument("--port", type=int, default=8000)
    s.set_defaults(run=cmd_serve)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
