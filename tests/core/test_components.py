"""The template components (templates/cotton/, docs/components.md): what each one must render."""

import pytest
from django.core.paginator import Paginator
from django.template import engines
from django.test import RequestFactory
from django_cotton.compiler_regex import CottonCompiler


def render(source: str, **context) -> str:
    # A page's template goes through cotton's loader; a string written here must be compiled the same way.
    template = engines["django"].from_string(CottonCompiler().process("{% load i18n %}" + source))
    context.setdefault("request", RequestFactory().get("/log/", {"kind": "ticket"}))
    return template.render(context, context["request"])


def test_table_has_its_caption_and_header_when_it_has_rows():
    html = render(
        '<c-table caption="Members" :rows="rows" empty="Nobody yet."><c-slot name="head">'
        '<th scope="col">Name</th></c-slot>{% for r in rows %}<tr><td>{{ r }}</td></tr>{% endfor %}</c-table>',
        rows=["Ada"],
    )
    assert "<caption>Members</caption>" in html
    assert '<th scope="col">Name</th>' in html
    assert "<td>Ada</td>" in html
    assert "Nobody yet." not in html


def test_table_without_rows_shows_its_empty_state_and_no_table():
    html = render('<c-table caption="Members" :rows="rows" empty="Nobody yet.">x</c-table>', rows=[])
    assert '<p class="empty-state">Nobody yet.</p>' in html
    assert "<table" not in html


def test_page_header_has_one_h1_and_its_actions():
    html = render('<c-page-header title="Members"><a href="/new">Add</a></c-page-header>')
    assert html.count("<h1>") == 1
    assert '<div class="page-header-actions actions"><a href="/new">Add</a></div>' in html


def test_filter_bar_is_a_named_get_search_form():
    html = render('<c-filter-bar label="Filter the log"><input name="q"></c-filter-bar>')
    assert 'method="get"' in html
    assert 'role="search"' in html
    assert 'aria-label="Filter the log"' in html


def test_key_figures_are_a_named_list():
    html = render('<c-key-figures label="Today"><c-key-figure label="Visitors" value="12" /></c-key-figures>')
    assert '<ul class="key-figures" aria-label="Today">' in html
    assert '<span class="key-figure-value">12</span>' in html


def test_field_ties_its_help_and_error_to_the_input():
    from django import forms

    class Form(forms.Form):
        name = forms.CharField(help_text="As on the door.")

    form = Form(data={})
    html = render('<c-field :field="form.name" />', form=form)
    assert "field-error" in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'aria-invalid="true"' in html


def test_badge_says_the_status_in_words():
    html = render('<c-badge status="waiting" label="Waiting" />')
    assert '<span class="badge badge-waiting">Waiting</span>' in html


def test_confirmation_posts_without_js_and_its_dialog_is_labelled_by_its_question():
    html = render(
        '<c-confirm action="/remove" label="Remove" question="Remove Ada?"><input type="hidden" name="id" value="3">'
        "</c-confirm>"
    )
    assert '<form method="post" action="/remove" class="confirm-form" data-confirm>' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<input type="hidden" name="id" value="3">' in html
    labelled_by = html.split('aria-labelledby="')[1].split('"')[0]
    assert f'<p id="{labelled_by}">Remove Ada?</p>' in html


def test_two_confirmations_on_a_page_have_different_dialog_labels():
    html = render('<c-confirm action="/a" label="A" question="A?" /><c-confirm action="/b" label="B" question="B?" />')
    first, second = (part.split('"')[0] for part in html.split('aria-labelledby="')[1:])
    assert first != second


def _page(number: int, count: int = 100):
    return Paginator(list(range(count)), 10).page(number)


def test_pagination_marks_the_current_page_and_keeps_the_other_parameters():
    html = render('<c-pagination :page="page" label="Pages of the log" />', page=_page(2))
    assert 'aria-label="Pages of the log"' in html
    assert 'href="?kind=ticket&amp;page=2" aria-current="page"' in html
    assert 'href="?kind=ticket&amp;page=1" rel="prev"' in html
    assert 'href="?kind=ticket&amp;page=3" rel="next"' in html
    assert html.count('aria-current="page"') == 1


def test_pagination_elides_far_pages():
    html = render('<c-pagination :page="page" />', page=_page(1, count=400))
    assert "…" in html
    assert "page=40" in html


def test_a_single_page_has_no_pagination():
    assert "<nav" not in render('<c-pagination :page="page" />', page=_page(1, count=5))


@pytest.mark.django_db
def test_toast_is_a_polite_live_region_with_a_dismiss_button(client):
    from django.contrib.messages.storage.base import Message

    html = render("<c-toast />", messages=[Message(25, "Saved.")])
    assert 'role="status" aria-live="polite"' in html
    assert "<p>Saved.</p>" in html
    assert "data-toast-close" in html
