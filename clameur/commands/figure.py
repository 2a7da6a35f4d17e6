"""`clameur figure DATASET --chart C --out FILE.png|svg`: the image a page's PNG/SVG download button gives.

The figure comes from the same builders as the pages (clameur/*_view.py) and is drawn by the same
kaleido export; view options default to what the page shows on first load.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import plotly.graph_objects as go

from clameur.charts.export import FORMATS, ExportError, figure_image
from clameur.commands.common import CliError, add_db_arg, add_privacy_arg, names_for, open_db, resolve_dataset
from clameur.commands.reactions import comparison_key
from clameur.ingest.loader import normalise_tag
from clameur.network.builder import TOP_DRAWN, cached_network, figure
from clameur.network.figures import COLOUR_BY
from clameur.network.model import NetworkError, NetworkQuery
from clameur.privacy import Pseudonymizer
from clameur.reactions.builder import EFFECT_HOURS, effect, ladder_view, reactions_chart
from clameur.reactions.effects import EffectError
from clameur.reactions.events import list_events
from clameur.store import QueryTimeout, Store
from clameur.timeline.builder import TimelineView, build_timeline
from clameur.timeline.peaks import PeakRule
from clameur.timeline.queries import TimelineError
from clameur.timezones import is_valid_zone, to_utc

CHARTS = ("timeline", "network", "reactions", "platforms")
# The view options each chart reads; giving one to another chart is refused rather than ignored.
OPTIONS = {
    "timeline": ("bin", "stack", "mode", "measure", "k", "tag", "start", "end"),
    "network": ("kind", "metric", "colour", "min_weight", "top", "tag", "start", "end"),
    "reactions": ("event", "before", "after", "comparison"),
    "platforms": (),
}
FLAGS = {"start": "--from", "end": "--to", "colour": "--colour", "min_weight": "--min-weight"}


@dataclass
class Request:
    """What every chart builder needs: the open store, the dataset, the display zone and language, the window."""

    store: Store
    dataset: dict
    tz: str
    lang: str
    start: datetime | None  # naive UTC
    end: datetime | None
    args: argparse.Namespace

    @property
    def dataset_id(self) -> int:
        return int(self.dataset["dataset_id"])


def register(sub) -> None:
    p = sub.add_parser("figure", help="write a page's figure as PNG or SVG (the image its download button gives)")
    p.add_argument("dataset", help="dataset name (see `clameur datasets`)")
    add_db_arg(p)
    p.add_argument("--chart", required=True, help=f"one of: {', '.join(CHARTS)}")
    p.add_argument("--out", required=True, help="the image file to write")
    p.add_argument("--format", help="png or svg (default: from the --out suffix)")
    p.add_argument("--lang", choices=("en", "fr"), default="en")
    add_privacy_arg(p)
    p.add_argument("--timezone", "--tz", help="display time zone (default: the dataset's)")
    p.add_argument("--from", dest="start", help="start, local to the time zone, e.g. 2020-06-18T08:30")
    p.add_argument("--to", dest="end", help="end (exclusive), local to the time zone")
    p.add_argument("--tag", action="append", help="only posts with this hashtag (timeline: repeatable)")
    p.add_argument("--bin", help="timeline bin: 1min, 5min, 15min, hour, day, week or month (default: from the span)")
    p.add_argument("--stack", help="timeline series: kind, platform, dataset, tag or none (default: kind)")
    p.add_argument("--mode", help="timeline values: count, share or cumulative (default: count)")
    p.add_argument("--measure", help="timeline measure: posts or accounts (default: posts)")
    p.add_argument("--k", type=float, help="timeline peak sensitivity, median + k·MAD (default: 4)")
    p.add_argument("--kind", help="network: retweet, mention, reply, quote or hashtag (default: retweet)")
    p.add_argument("--metric", help="network node size: pagerank, in_strength or out_strength (default: pagerank)")
    p.add_argument("--colour", help="network node colour: community or category (default: community)")
    p.add_argument("--min-weight", type=int, help="network: drop links seen fewer times (default: 1)")
    p.add_argument("--top", type=int, help=f"network: accounts drawn (default: {TOP_DRAWN})")
    p.add_argument("--event", type=int, help="reactions: draw the before/after effect of this event id instead")
    p.add_argument("--before", type=int, help=f"reactions --event: hours before the event (default: {EFFECT_HOURS[0]})")
    p.add_argument("--after", type=int, help=f"reactions --event: hours after the event (default: {EFFECT_HOURS[1]})")
    p.add_argument("--comparison", help="reactions --event: auto (default), none, a dataset name or #tag")
    p.set_defaults(func=run)


def _choice(flag: str, value: str, allowed) -> str:
    if value not in allowed:
        raise CliError(f"Unknown {flag} “{value}”. Use one of: {', '.join(allowed)}.")
    return value


def _target(args) -> tuple[Path, str]:
    out = Path(args.out)
    suffix = out.suffix.lower().lstrip(".")
    if not args.format and suffix not in FORMATS:
        raise CliError(f"--out must end in .png or .svg, or give --format; got “{out.name}”.")
    fmt = _choice("--format", (args.format or suffix).lower(), FORMATS)
    if suffix in FORMATS and suffix != fmt:
        raise CliError(f"--out ends in .{suffix} but --format is {fmt}; make them agree.")
    if not out.parent.is_dir():
        raise CliError(f"The folder “{out.parent}” does not exist; create it or choose another --out.")
    return out, fmt


def _check_options(args) -> None:
    wanted = OPTIONS[args.chart]
    given = [name for names in OPTIONS.values() for name in names if getattr(args, name) is not None]
    stray = sorted({FLAGS.get(name, f"--{name}") for name in given if name not in wanted})
    if stray:
        raise CliError(f"The {args.chart} chart does not use {', '.join(stray)}; drop it or choose another --chart.")


def _zone(args, dataset: dict) -> str:
    tz = args.timezone or dataset.get("timezone") or "UTC"
    if not is_valid_zone(tz):
        raise CliError(f"Unknown time zone “{tz}”; use an IANA name such as Europe/Paris.")
    return tz


def _time(value: str | None, flag: str, tz: str) -> datetime | None:
    if not value:
        return None
    try:
        return to_utc(datetime.fromisoformat(value), tz)
    except ValueError as exc:
        raise CliError(f"{flag} “{value}” is not a date and time; use e.g. 2020-06-18T08:30.") from exc


def _window(args, tz: str) -> tuple[datetime | None, datetime | None]:
    start, end = _time(args.start, "--from", tz), _time(args.end, "--to", tz)
    if start and end and start >= end:
        raise CliError(f"--from {args.start} is not before --to {args.end}.")
    return start, end


def _names(req: Request) -> Pseudonymizer:
    return names_for(req.args, req.store, req.dataset_id, req.lang)


def draw_timeline(req: Request) -> go.Figure:
    a = req.args
    view = TimelineView(
        [req.dataset_id],
        req.tz,
        req.lang,
        bin=a.bin,
        stack=a.stack or "kind",
        mode=a.mode or "count",
        measure=a.measure or "posts",
        tags=[normalise_tag(tg) for tg in a.tag or []],  # as the importer stored them: NFKC, casefold
        start=req.start,
        end=req.end,
        rule=PeakRule() if a.k is None else PeakRule(k=a.k),
    )
    try:
        result = build_timeline(req.store, view, _names(req), list_events(req.store, req.dataset_id, req.lang))
    except TimelineError as exc:
        raise CliError(exc.message(req.lang)) from exc
    if result.data.empty:
        raise CliError(f"No posts in “{req.dataset['name']}” for this view; widen --from/--to or drop --tag.")
    return result.figure


def draw_network(req: Request) -> go.Figure:
    a = req.args
    if a.tag and len(a.tag) > 1:
        raise CliError("The network chart takes one --tag.")
    q = NetworkQuery(
        req.dataset_id,
        kind=a.kind or "retweet",
        start=req.start,
        end=req.end,
        tag=normalise_tag(a.tag[0]) if a.tag else None,
        min_weight=1 if a.min_weight is None else a.min_weight,
        top=TOP_DRAWN if a.top is None else a.top,
        metric=a.metric or "pagerank",
    )
    colour_by = _choice("--colour", a.colour or COLOUR_BY[0], COLOUR_BY)
    try:
        net = cached_network(req.store, q)
    except NetworkError as exc:
        raise CliError(exc.message(req.lang)) from exc
    if net.empty:
        raise CliError(f"The {q.kind} network of “{req.dataset['name']}” has no links for this view.")
    return figure(req.store, net, colour_by=colour_by, tz=req.tz, lang=req.lang, names=_names(req))


def draw_reactions(req: Request) -> go.Figure:
    a = req.args
    if a.event is None:
        return reactions_chart(req.store, req.dataset_id, req.tz, req.lang)[0]
    ids = list_events(req.store, req.dataset_id)["event_id"].tolist()
    if a.event not in ids:
        raise CliError(f"No event {a.event} in “{req.dataset['name']}”. Events: {', '.join(map(str, ids)) or 'none'}.")
    before = EFFECT_HOURS[0] if a.before is None else a.before
    after = EFFECT_HOURS[1] if a.after is None else a.after
    comparison = comparison_key(req.store, req.dataset_id, a.comparison or "auto")
    try:
        return effect(req.store, req.dataset_id, a.event, before, after, req.tz, req.lang, comparison)[0]
    except EffectError as exc:
        raise CliError(f"{exc.message(req.lang)} (--before/--after/--comparison)") from exc


def draw_platforms(req: Request) -> go.Figure:
    fig, _, steps = ladder_view(req.store, req.dataset_id, req.tz, req.lang)
    if steps.empty:
        raise CliError(f"No platform responses are recorded for “{req.dataset['name']}”; add them as events first.")
    return fig


DRAW = {"timeline": draw_timeline, "network": draw_network, "reactions": draw_reactions, "platforms": draw_platforms}


def _image(fig: go.Figure, fmt: str) -> bytes:
    try:
        return figure_image(fig, fmt)
    except ExportError as exc:
        raise CliError(str(exc)) from exc


def _draw(store: Store, args) -> go.Figure:
    dataset = resolve_dataset(store, args.dataset)
    tz = _zone(args, dataset)
    req = Request(store, dataset, tz, args.lang, *_window(args, tz), args)
    try:
        return DRAW[args.chart](req)
    except QueryTimeout as exc:
        raise CliError(exc.message(args.lang)) from exc


def run(args) -> int:
    _choice("--chart", args.chart, CHARTS)
    _check_options(args)
    out, fmt = _target(args)
    store = open_db(args)
    try:
        fig = _draw(store, args)
    finally:
        store.close()
    try:
        out.write_bytes(_image(fig, fmt))
    except OSError as exc:
        raise CliError(f"Could not write “{out}” ({exc.strerror}).") from exc
    print(out)
    return 0
