"""The ``seffaf`` command: a thin layer over build and loader, speaking Turkish."""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import re
import sys
from pathlib import Path

from . import exports, national, yamlout
from .build import Project, Rules, build, check, display_path, load_site_config, program_files
from .loader import Problem, ProgramError, find_program_files, load_program, new_program, new_program_path
from .schema import json_schema_text
from .search import SearchIndexError


def _project(args) -> Project:
    root = Path.cwd()
    return Project(root=root, programs_dir=Path(args.programs), config_file=Path(args.config))


_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Control characters (escape sequences among them) and bidirectional marks: a terminal acts on them."""


def _echo(*lines: object, err: bool = False) -> None:
    """Everything the command prints goes through here: text from a program file may hold
    escape sequences or line breaks, and is shown as ``\\u001b``, never acted on.
    Each argument is one line; a line's own breaks are shown escaped, too."""
    stream = sys.stderr if err else sys.stdout
    for line in lines:
        print(_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", str(line)), file=stream, flush=err)


def _say(message: str) -> None:
    _echo(f"· {message}", err=True)


def _report(error: ProgramError) -> int:
    _echo(*error.problems, "", f"{len(error.problems)} sorun bulundu; site oluşturulmadı, önceki site olduğu gibi duruyor.", err=True)
    return 1


def cmd_build(args) -> int:
    out = Path(args.out)
    try:
        result = build(_project(args), out, _say, incremental=not args.tam)
    except ProgramError as error:
        return _report(error)
    except SearchIndexError as error:
        _echo(f"hata: {error}", err=True)
        return 1
    _echo(*(f"uyarı: {warning}" for warning in result.warnings), err=True)
    phases = ", ".join(f"{name} {seconds:.1f}" for name, seconds in result.phases.items())
    _echo(f"Site hazır: {result.pages} sayfa, {result.programs} program, {result.seconds:.1f} sn ({phases}) → {out}/", f"Açmak için: seffaf serve  (ya da {out}/index.html)")
    return 0


def cmd_check(args) -> int:
    """With no path: site.yml and the programs it publishes (all, if it lists none), as the Pages workflow runs it."""
    paths = [Path(p) for p in args.paths] or [Path(args.programs)]
    config = Path(args.config) if not args.paths and Path(args.config).is_file() else None
    files: list[Path] = []
    try:
        for path in paths:
            if path.is_dir():
                files.extend(find_program_files(path, "**/*"))
            elif path.name == "site.yml" or path.resolve() == Path(args.config).resolve():
                config = path
            else:
                files.append(path)
    except ProgramError as error:
        return _checked(args, files, None, error.problems, [])
    if not files and not config:
        _echo("Denetlenecek program dosyası bulunamadı.", err=True)
        return 1
    if not args.paths and config is not None:
        files = _published(files, Path(args.programs), config)
    errors, found = check(files, Path.cwd(), config, Rules.of(Path(args.programs), Path.cwd() / "content"))
    return _checked(args, files, config, errors, found)


def _published(files: list[Path], programs: Path, config: Path) -> list[Path]:
    """What the build publishes: the programs site.yml lists, when it lists them (a fork's
    inherited example programs must not fail its --kati check). An unreadable site.yml
    changes nothing here; check reports it."""
    try:
        selection = load_site_config(config).programlar
    except ProgramError:
        return files
    if selection is None:
        return files
    published = program_files(programs, selection)
    others = [f for f in files if f not in published]
    if others:
        _echo(f"· site.yml'daki programlar listesinde olmayan {len(others)} program dosyası yayımlanmıyor, denetlenmedi: "
              + ", ".join(display_path(f, Path.cwd()) for f in others))
    return published


def _checked(args, files: list[Path], config: Path | None, errors: list[Problem], found: list[Problem]) -> int:
    """Errors, then warnings, then what the Rehber requires and the program lacks ("eksik");
    with --kati the last two fail too."""
    warnings = [p for p in found if p.level != "eksik"]
    missing = [p for p in found if p.level == "eksik"]
    failed = bool(errors) or (args.kati and bool(found))
    checked = files + ([config] if config else [])
    if args.ozet:
        with open(args.ozet, "a", encoding="utf-8") as summary:
            # With --kati, warnings and missing parts stop publishing: the summary says so.
            blocking = errors or (found if args.kati else [])
            summary.write(_summary(checked, blocking, [] if blocking else warnings + missing))
    if args.json:
        result = {"dosyalar": [display_path(f, Path.cwd()) for f in checked], "hatalar": [p.as_dict() for p in errors], "uyarilar": [p.as_dict() for p in warnings], "eksikler": [p.as_dict() for p in missing]}
        _echo(*json.dumps(result, ensure_ascii=False, indent=1).splitlines())
        return 1 if failed else 0
    _echo(*errors)
    if warnings:
        _echo(f"Uyarılar ({len(warnings)}): hata değil; belgenin kendi içinde tutmayan ya da ikinci kez bakılması gereken rakamlar, doldurulmamış yerler:")
        _echo(*(f"  uyarı: {problem}" for problem in warnings))
    if missing:
        _echo(f"Rehber'in istediği, programda olmayanlar ({len(missing)}):")
        _echo(*(line for problem in missing for line in (f"  eksik: {problem}", *(f"      {place}" for place in problem.places))))
    strict = " (--kati: uyarılar ve eksikler de hata sayıldı)" if args.kati and found and not errors else ""
    _echo("", f"{len(checked)} dosya: {len(errors)} hata, {len(warnings)} uyarı, {len(missing)} eksik.{strict}")
    return 1 if failed else 0


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>&])")


def _cell(text: object) -> str:
    """Text from a program file in a Markdown table: every markup character escaped, on one line."""
    return _MARKDOWN.sub(r"\\\1", _CONTROL.sub(" ", str(text or "")))


def _summary(files: list[Path], errors: list[Problem], warnings: list[Problem]) -> str:
    """The check as the Markdown of a GitHub Actions job summary (``$GITHUB_STEP_SUMMARY``), for staff who only have a browser."""
    lines = []
    if errors:
        lines += [f"## Program dosyalarında {len(errors)} sorun var: site yayımlanmadı", "",
                  "Her satır bir sorunu, yerini (çalışma kitabında sayfa!hücre, YAML'da satır) ve nasıl düzeltileceğini söylüyor. "
                  "Dosyayı düzeltip GitHub'a yeniden yükleyin; denetim yeniden çalışır.", ""]
        rows = errors
    else:
        lines += [f"## {len(files)} program dosyası denetlendi: hata yok", ""]
        rows = warnings
        if warnings:
            lines += [f"{len(warnings)} uyarı: hata değil; belgenin kendi içinde tutmayan rakamları. Site bunları Tutarlılık denetimi sayfasında gösterir.", ""]
    if rows:
        lines += ["| Dosya | Yer | Nerede | Sorun |", "|---|---|---|---|"]
        lines += [f"| {_cell(p.file)} | {_cell(p.cell or p.line or '')} | {_cell(p.path)} | {_cell(p.message)} |" for p in rows]
    return "\n".join(lines) + "\n"


def cmd_sablon(args) -> int:
    try:
        path = new_program_path(Path(args.programs), args.slug, args.year, ".xlsx")
    except ValueError as error:
        _echo(f"hata: {error}", err=True)
        return 1
    path.write_bytes(exports.template_bytes(args.slug, args.year))
    _echo(f"{path} yazıldı: Excel ya da LibreOffice ile doldurun (ilk sayfa nasıl doldurulacağını anlatıyor). Sonra: seffaf check {path}")
    return 0


def _convert(args, suffix: str, write) -> int:
    source = Path(args.file)
    target = Path(args.out) if args.out else source.with_suffix(suffix)
    if target.exists() and not args.out:
        _echo(f"hata: {target} zaten var; üzerine yazılmadı (başka bir ad için: --out)", err=True)
        return 1
    try:
        program = load_program(source, display_path(source, Path.cwd()))
    except ProgramError as error:
        _echo(*error.problems, "", f"{len(error.problems)} sorun bulundu; dönüştürülmedi.", err=True)
        return 1
    write(program, target)
    _echo(f"{target} yazıldı.")
    if target.parent == source.parent and target.stem == source.stem:
        _echo(f"Aynı program iki dosyada olamaz: yayımlanacak olanı tutun, {source.name} ya da {target.name} dosyasını silin.")
    return 0


def cmd_ice_aktar(args) -> int:
    return _convert(args, ".yml", lambda program, target: target.write_text(yamlout.program_text(program), encoding="utf-8"))


def cmd_disa_aktar(args) -> int:
    return _convert(args, ".xlsx", lambda program, target: target.write_bytes(exports.workbook_bytes(program)))


def cmd_serve(args) -> int:
    status = cmd_build(args)
    if status:
        return status
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=args.out)
    with http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler) as server:
        _echo(f"Site yayında: http://127.0.0.1:{args.port}/  (durdurmak için Ctrl+C)")
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
        _echo(f"hata: {error}", err=True)
        return 1
    _echo(f"{path} yazıldı. Doldurduktan sonra: seffaf check {path}")
    return 0


def cmd_national(args) -> int:
    registry = Path(args.registry)
    source = national.Folder(Path(args.klasor)) if args.klasor else national.Web()
    try:
        if args.yalniz_denetim:
            statuses = national.check_sites(national.load_registry(registry), source)
        else:
            result = national.build_national(registry, Path(args.out), Path.cwd() / "theme", args.baslik, args.adres, source, _say)
            statuses = result.sites
    except ProgramError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"\n{len(error.problems)} sorun bulundu; ulusal site oluşturulmadı, önceki site olduğu gibi duruyor.", file=sys.stderr)
        return 1
    for line in national.report_lines(statuses):
        print(line)
    down = sum(1 for s in statuses if not s.answers)
    if not args.yalniz_denetim:
        print(f"Ulusal site hazır: {len(statuses)} belediye ({down} yanıt vermiyor), ülke geneli aramada {result.pages} sayfa, {result.seconds:.1f} sn → {args.out}/")
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
    c.add_argument("--config", default="site.yml", help="site ayarları; yol verilmezse programlarla birlikte denetlenir (varsayılan: site.yml)")
    c.add_argument("--kati", action="store_true", help="katı denetim: uyarılar ve Rehber'in istediği eksikler de hata sayılır (çıkış kodu 1)")
    c.add_argument("--json", action="store_true", help="sonuçları makinece okunur JSON olarak yazar")
    c.add_argument("--ozet", metavar="DOSYA", help='sonuçları Markdown tablo olarak bu dosyaya da ekler (GitHub Actions: --ozet "$GITHUB_STEP_SUMMARY")')
    c.set_defaults(run=cmd_check)

    t = commands.add_parser("sablon", help="doldurulacak boş bir çalışma kitabı (Excel) yazar: programs/<slug>/<yıl>.xlsx")
    t.add_argument("slug", help="belediyenin adres adı, ör. yesilova")
    t.add_argument("year", type=int, help="programın yılı, ör. 2026")
    t.add_argument("--programs", default="programs")
    t.set_defaults(run=cmd_sablon)

    i = commands.add_parser("ice-aktar", help="bir çalışma kitabını (.xlsx, .ods, .xls) YAML program dosyasına çevirir")
    i.add_argument("file", metavar="DOSYA")
    i.add_argument("--out", help="yazılacak YAML dosyası (varsayılan: aynı ad, .yml)")
    i.set_defaults(run=cmd_ice_aktar)

    e = commands.add_parser("disa-aktar", help="bir programı (YAML ya da çalışma kitabı) çalışma kitabı (.xlsx) olarak yazar")
    e.add_argument("file", metavar="DOSYA")
    e.add_argument("--out", help="yazılacak .xlsx dosyası (varsayılan: aynı ad, .xlsx)")
    e.set_defaults(run=cmd_disa_aktar)

    sc = commands.add_parser("schema", help="program dosyalarının JSON Schema'sını yazar (editörler için)")
    sc.add_argument("--out", help="dosyaya yaz (varsayılan: ekrana)")
    sc.set_defaults(run=cmd_schema)

    n = commands.add_parser("new", help="yeni bir program dosyası iskeleti oluşturur")
    n.add_argument("slug", help="belediyenin adres adı, ör. ornekkoy")
    n.add_argument("year", type=int, help="programın yılı, ör. 2026")
    n.add_argument("--name", help='belediyenin adı, ör. "Örnekköy Belediyesi"')
    n.add_argument("--programs", default="programs")
    n.set_defaults(run=cmd_new)

    u = commands.add_parser("ulusal", help="belediyelerin kendi sitelerinden ulusal siteyi oluşturur (docs/ulusal-site.md)")
    u.add_argument("registry", nargs="?", default="belediyeler.yml", help="belediye kaydı (varsayılan: belediyeler.yml)")
    u.add_argument("--out", default="site", help="çıktı klasörü (varsayılan: site)")
    u.add_argument("--adres", default="", help="ulusal sitenin adresi, ör. https://seffaf-tr.github.io/ (kanonik bağlantılar ve site haritası için)")
    u.add_argument("--baslik", default="Şeffaf Belediyeler", help="sitenin başlığı")
    u.add_argument("--klasor", help="siteleri adreslerinden değil bu klasörden okur: her site <klasör>/<slug>/ altında")
    u.add_argument("--yalniz-denetim", action="store_true", help="yalnız kaydı ve siteleri denetler, site oluşturmaz")
    u.set_defaults(run=cmd_national)

    s = commands.add_parser("serve", help="siteyi oluşturur ve yerelde yayınlar")
    common(s)
    output(s)
    s.add_argument("--port", type=int, default=8000)
    s.set_defaults(run=cmd_serve)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:
        # `seffaf check | head`: the reader has seen enough; no traceback for it.
        sys.stderr.close()
        return 1


if __name__ == "__main__":
    sys.exit(main())
