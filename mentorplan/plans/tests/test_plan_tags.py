from types import SimpleNamespace

from mentorplan.plans.templatetags.plan_tags import hours, sparkline


def _assessments(*scores):
    return [SimpleNamespace(score=s) for s in scores]


def test_sparkline_draws_a_trend_with_a_text_alternative():
    svg = str(sparkline(_assessments(3, 5, 6)))

    assert svg.startswith('<svg class="sparkline"')
    assert 'role="img"' in svg
    assert 'aria-label="Self-assessment: 3 → 5 → 6 out of 10"' in svg
    assert svg.count("<circle") == 3
    # Higher scores are drawn higher (a smaller y).
    ys = [float(p.split(",")[1]) for p in svg.split('points="')[1].split('"')[0].split()]
    assert ys[0] > ys[1] > ys[2]


def test_sparkline_needs_two_points():
    assert sparkline(_assessments()) == ""
    assert sparkline(_assessments(4)) == ""


def test_hours_drops_a_trailing_zero():
    assert hours(1) == "1"
    assert hours(2.5) == "2.5"
