"""Start the desktop app: `explorer [FILE...] [--sample] [--screenshot OUT.png ...]`."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
import time
import traceback
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, NoReturn

from explorer import __version__
from explorer.gui.platform_check import prepare_platform
from explorer.logs import setup_logging

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

ORGANIZATION, APPLICATION = "Entitlement Explorer", "Entitlement Explorer"
SCREEN_SIZE = (1400, 900)


class _OneLineParser(argparse.ArgumentParser):
    """A usage mistake as one line and a pointer to --help (as the commands say it), not the usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} gui --help)\n")


def gui_parser() -> argparse.ArgumentParser:
    parser = _OneLineParser(prog="explorer", description="Open contract books in the desktop app.")
    parser.add_argument("files", nargs="*", metavar="FILE", help="contract books and case logs to open")
    parser.add_argument("--sample", action="store_true", help="open the bundled sample book and case log")
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="judge statuses on this date (today)")
    parser.add_argument("--workspace", metavar="FILE", help="open a saved workspace")
    parser.add_argument("--case-timezone", metavar="ZONE", help="zone of case times written without one (UTC)")
    parser.add_argument(
        "--case-dates",
        choices=["day-first", "month-first"],
        help="how case logs write 02/11/2026 where no date of theirs has a day over 12 to tell (File ▸ Case Log Dates)",
    )
    parser.add_argument("--screenshot", metavar="OUT.png", help="render the window to a PNG after loading, then exit")
    parser.add_argument(
        "--tab", help="with --screenshot: the tab or page to show (e.g. SLA, Timeline; with --customer, Findings is its tab)"
    )
    parser.add_argument("--customer", help="with --screenshot: the customer to select")
    parser.add_argument(
        "--size", metavar="WxH", default="1400x900", help="with --screenshot: the window size in pixels (default 1400x900)"
    )
    parser.add_argument("--dark", action="store_true", help="use a dark palette (where the desktop has no dark theme)")
    parser.add_argument("--font-size", metavar="PT", type=float, help="the app's font size in points (e.g. 16)")
    return parser


def parse_size(text: str) -> tuple[int, int] | None:
    """'1024x700' -> (1024, 700); None when it is not two positive whole numbers."""
    width, sep, height = text.lower().replace("×", "x").partition("x")
    if not sep or not width.strip().isdigit() or not height.strip().isdigit():
        return None
    size = int(width), int(height)
    return size if min(size) >= 200 else None


def app_icon() -> QIcon:
    """The icon drawn at each size it is shown at (tools/make_icon.py), so it is sharp on a high-DPI screen."""
    from PySide6.QtGui import QIcon

    from explorer.paths import resource_path

    icon = QIcon()
    for path in sorted(resource_path("icons").glob("explorer-*.png")):
        icon.addFile(str(path))
    return icon


OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints"


def quiet_offscreen(platform: str) -> None:
    """On the offscreen platform (screenshots, CI) Qt warns 'This plugin does not support propagateSizeHints()' for
    every window: noise a user takes for an error. Only that line is dropped; every other message goes where it went."""
    if platform != "offscreen":
        return
    from PySide6.QtCore import qFormatLogMessage, qInstallMessageHandler

    def handler(mode, context, message):  # type: ignore[no-untyped-def]
        if message.startswith(OFFSCREEN_NOISE):
            return
        if previous is not None:
            previous(mode, context, message)
        else:
            sys.stderr.write(qFormatLogMessage(mode, context, message) + "\n")

    previous = qInstallMessageHandler(handler)


def install_crash_hook() -> None:
    """Unexpected errors open a dialog and are written to the log file instead of vanishing."""
    from explorer.gui import messages

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        text = "".join(traceback.format_exception(kind, value, tb))
        written = setup_logging()
        logging.getLogger("explorer.crash").critical("Entitlement Explorer %s crashed\n%s", __version__, text)
        where = f"The details were saved to {written}." if written else "The details could not be saved."
        sys.stderr.write(text)
        messages.error(
            None,
            "Something went wrong",
            f"Entitlement Explorer hit an unexpected problem: {value}\n\n{where} Your files were not changed.",
            detail=text,
        )

    sys.excepthook = hook


def run_gui(argv: list[str]) -> int:
    args = gui_parser().parse_args(argv)
    size = parse_size(args.size)
    if size is None:
        print(f"explorer: '{args.size}' is not a window size like 1024x700", file=sys.stderr)
        return 2
    problem = prepare_platform(os.environ)  # before Qt starts: Qt aborts when its platform plugin cannot load
    if problem:
        print(f"explorer: {problem}", file=sys.stderr)
        return 2
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtWidgets import QApplication

    from explorer.gui.main_window import CUSTOMER_TABS, PAGES, MainWindow, sample_files

    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    if args.dark:
        from explorer.gui import palette

        app.setPalette(palette.dark_palette())
    if args.font_size:
        if not 4 <= args.font_size <= 72:
            print(f"explorer: a font size of {args.font_size:g} points is not between 4 and 72", file=sys.stderr)
            return 2
        font = app.font()
        font.setPointSizeF(args.font_size)
        app.setFont(font)
    app.setWindowIcon(app_icon())
    quiet_offscreen(app.platformName())
    setup_logging()
    install_crash_hook()
    as_of = None
    if args.as_of:
        try:
            as_of = dt.date.fromisoformat(args.as_of)
        except ValueError:
            print(f"explorer: '{args.as_of}' is not a date like 2026-11-28", file=sys.stderr)
            return 2
    from explorer.app.workspace import known_zone

    if args.case_timezone and not known_zone(args.case_timezone):
        print(f"explorer: '{args.case_timezone}' is not an IANA time zone such as Europe/Berlin", file=sys.stderr)
        return 2
    window = MainWindow(as_of=as_of, persist=not args.screenshot)
    window.sessions.use_command_line(_case_dates(args), args.case_timezone)
    files = [*args.files, *(sample_files() if args.sample else [])]
    if args.screenshot:
        return _screenshot(app, window, files, args, PAGES, CUSTOMER_TABS, size, as_of)
    window.show()
    from explorer.atomic import remove_on_signals

    remove_on_signals()  # SIGTERM/SIGINT remove half-written exports first
    python_wakes = QTimer()  # Python runs its signal handlers only when Qt's loop hands it control
    python_wakes.timeout.connect(lambda: None)
    python_wakes.start(500)
    if args.workspace:
        stated = _case_dates(args), args.case_timezone
        QTimer.singleShot(0, partial(window.sessions.open_workspace_file, args.workspace, as_of, files, *stated))
    elif files:
        QTimer.singleShot(0, lambda: window.open_files(files))
    return int(app.exec())


def _case_dates(args: argparse.Namespace) -> str | None:
    """--case-dates as a workspace writes it: "day first", "month first", or None."""
    return args.case_dates.replace("-", " ") if args.case_dates else None


def _screenshot(app, window, files, args, pages, tabs, size=SCREEN_SIZE, as_of=None) -> int:  # type: ignore[no-untyped-def]
    """Load, wait for loading to finish, capture the window at ``size`` (1400x900) to a PNG, and exit."""
    from PySide6.QtCore import QEventLoop, QTimer

    from explorer.gui import messages
    from explorer.model import customer_key

    messages.record(True)  # a dialog would block an unattended run; failures are reported below
    window.resize(*size)
    window.show()
    if files or args.workspace:  # a workspace's done-marks and as-of day as the app would open them
        loop = QEventLoop()
        window.busy_changed.connect(lambda busy: None if busy else QTimer.singleShot(0, loop.quit))
        if args.workspace:
            window.sessions.open_workspace_file(args.workspace, as_of, files, _case_dates(args), args.case_timezone)
        else:
            window.open_files(files)
        if window.busy:  # a workspace naming no file (or refused) opens nothing to wait for
            QTimer.singleShot(120_000, loop.quit)
            loop.exec()
    if messages.shown:  # one line, as the command line says it: a dialog's paragraphs joined
        said = ": ".join(line.strip() for line in messages.shown[0].text.splitlines() if line.strip())
        print(f"explorer: {said}", file=sys.stderr)
        return 2
    if args.customer and not window.customers.select(customer_key(args.customer)):
        print(f"explorer: no customer named '{args.customer}'", file=sys.stderr)
        return 2
    if args.tab:
        wanted = args.tab.casefold()
        pages = [window.pages.tabText(i) for i in range(window.pages.count())]  # Changes too
        page = next((i for i, p in enumerate(pages) if p.casefold() == wanted), None)
        tab = next((i for i, t in enumerate(tabs) if t.casefold() == wanted), None)
        if tab is not None and args.customer:
            page = None  # Findings with --customer is that customer's Findings tab, not the book's page
        if page is None and tab is None:
            print(f"explorer: no tab named '{args.tab}' (tabs: {', '.join(tabs)}; pages: {', '.join(pages)})", file=sys.stderr)
            return 2
        if page is not None:
            window.pages.setCurrentIndex(page)
        else:
            window.pages.setCurrentIndex(0)
            window.tabs.setCurrentIndex(tab)
    deadline = time.monotonic() + 10
    while not window.windowHandle().isExposed() and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    for _ in range(5):
        app.processEvents()
    # Through the window system (on X11, the pixels the X server holds): what a user would see. A window
    # larger than its screen would come out cut off, so then Qt renders it instead.
    screen = window.screen()
    fits = screen.geometry().contains(window.frameGeometry())
    shot = screen.grabWindow(window.winId()) if fits else window.grab()
    out = Path(args.screenshot)
    if not shot.save(str(out)):
        print(f"explorer: cannot write {out}", file=sys.stderr)
        return 2
    print(f"wrote {out}")
    window.close()
    return 0
