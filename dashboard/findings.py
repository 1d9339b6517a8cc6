"""Key findings for presenter mode, computed from the data (never typed in)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import cliff, evidence, gaps, i18n, model, precarity
from dashboard import vocabulary as vocab
from dashboard.context import AppContext
from dashboard.figures import bar_chart

DIRECTORY_SOURCE = "Directory of interventions curated from five public documents (see /directory)"
SURVEY_SOURCE = (
    "Welsh Government (2024), VAWDASV Blueprint perpetration intervention mapping survey"
)


@dataclass(frozen=True)
class Slide:
    title: str
    headline: str
    points: tuple[str, ...] = ()
    figure: go.Figure | None = None
    sources: tuple[str, ...] = field(default_factory=tuple)


def survey_value(survey: pd.DataFrame, measure_id: str) -> str | None:
    row = survey.loc[survey["id"] == measure_id, "value"]
    return str(row.iloc[0]) if len(row) else None


def slides(context: AppContext, lang: str) -> list[Slide]:
    """The presenter's sequence, in order."""
    _ = i18n.translator(lang)
    directory = context.directory
    everything = np.ones(directory.size, dtype=bool)
    n = directory.size
    fmt = lambda value: i18n.format_number(value, lang)  # noqa: E731
    survey = context.bundle.survey
    survey_src = _(SURVEY_SOURCE)
    directory_src = (
        _(DIRECTORY_SOURCE) + " · " + _("data checked {date}").format(date=context.data_date)
    )
    deck: list[Slide] = []

    deck.append(
        Slide(
            title=_("Perpetration interventions in Wales"),
            headline=_("What the public record shows"),
            points=(
                _("{n} interventions named in five public documents.").format(n=fmt(n)),
                _("Use the arrow keys to move between slides."),
            ),
            sources=(directory_src,),
        )
    )

    survey_count = context.survey_interventions
    deck.append(
        Slide(
            title=_("How much is known"),
            headline=_(
                "{n} interventions in the directory; the 2023 survey identified {s}."
            ).format(n=fmt(n), s=survey_count if survey_count is not None else "?"),
            points=(
                _(
                    "The survey's individual returns are not public, so the directory is not the survey's dataset."
                ),
                _("'Unknown' means the documents do not say."),
            ),
            sources=(directory_src, survey_src),
        )
    )

    force_table = model.area_table(
        directory, everything, "force", False, context.population_16_plus["force"]
    )
    names = context.names(lang, "force")
    all_wales = int(directory.all_wales.sum())
    counts = pd.Series({names[row.area_id]: int(row.count) for row in force_table.itertuples()})
    deck.append(
        Slide(
            title=_("Provision by police force area"),
            headline=_("Most recorded provision is in {area}.").format(area=counts.idxmax()),
            points=(
                _("Plus {n} services available across all of Wales.").format(n=fmt(all_wales)),
                _(
                    "Survey: {share} of interventions were delivered in the South Wales Police area."
                ).format(share=survey_value(survey, "south-wales-police-area-share") or "52%"),
            ),
            figure=bar_chart(
                counts,
                labels={},
                title=_("Interventions by police force area (excluding all-Wales services)"),
                _=_,
                lang=lang,
                height=300,
            ),
            sources=(directory_src, survey_src),
        )
    )

    behaviours = model.breakdown(directory, everything, "behaviour_focus").drop(
        labels=[vocab.UNKNOWN]
    )
    zeros = [_(b) for b, count in behaviours.items() if count == 0]
    deck.append(
        Slide(
            title=_("What behaviour interventions address"),
            headline=_("{da} address domestic abuse; {sv} address sexual violence.").format(
                da=fmt(int(behaviours["domestic abuse"])),
                sv=fmt(int(behaviours["sexual violence"])),
            ),
            points=(_("None recorded for: {list}.").format(list=", ".join(zeros)),)
            if zeros
            else (),
            figure=bar_chart(
                behaviours,
                labels={b: _(b) for b in behaviours.index},
                title=_("Behaviour focus"),
                _=_,
                lang=lang,
                height=330,
            ),
            sources=(directory_src,),
        )
    )

    recs = gaps.recommendations_by_subject(context.bundle.recommendations)
    found = gaps.find_gaps(directory, level="region", include_all_wales=False, recommendations=recs)
    region_names = context.names(lang, "region")
    no_medium = [region_names[g.area_id] for g in found if g.kind == "no-medium-risk"]
    deck.append(
        Slide(
            title=_("Gaps in regional provision"),
            headline=(
                _("No medium-risk intervention recorded in: {areas}.").format(
                    areas=", ".join(no_medium)
                )
                if no_medium
                else _("Every region has medium-risk provision recorded.")
            ),
            points=(
                _(
                    "Current services in the medium-risk tier (Fowler, Karim & Feder 2020) recorded for each region; all-Wales services are not counted."
                ),
            ),
            sources=(directory_src,),
        )
    )

    rungs = directory.frame["evidence_rung"].value_counts()
    quality = int(directory.quality.sum())
    deck.append(
        Slide(
            title=_("Evidence and quality"),
            headline=_("{q} of {n} are accredited or externally evaluated.").format(
                q=fmt(quality), n=fmt(n)
            ),
            points=(
                _("{u} have no evaluation or accreditation recorded, or it is not known.").format(
                    u=fmt(int(rungs.get(evidence.NONE_OR_UNKNOWN, 0)))
                ),
                _("Survey: {share} of interventions stated they had been evaluated.").format(
                    share=survey_value(survey, "evaluated-share") or "45%"
                ),
            ),
            sources=(directory_src, survey_src),
        )
    )

    bands = directory.frame["precarity"].value_counts()
    table = cliff.cliff_edge(directory, everything, pd.Timestamp.today().date())
    horizons = cliff.horizon_counts(table)
    deck.append(
        Slide(
            title=_("Funding precarity"),
            headline=_("{h} interventions have high funding precarity.").format(
                h=fmt(int(bands.get(precarity.HIGH, 0)))
            ),
            points=(
                _(
                    "{e} had a stated funding end that has now passed; {u} have no stated end."
                ).format(e=fmt(int(horizons[cliff.ENDED])), u=fmt(int(horizons[cliff.NOT_STATED]))),
                _("Survey: 14 of 21 grant-funded interventions were due to end in 2023 to 2024."),
            ),
            sources=(directory_src, survey_src),
        )
    )
    return deck
