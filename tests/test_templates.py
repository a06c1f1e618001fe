"""Templates are read by Django as they are meant: no tag, variable or comment
runs over a line break (Django would print it on the page, in a PDF, in a mail)."""

from tests.helpers.template_syntax import broken, templates


def test_the_templates_are_found():
    assert len(templates()) >= 150


def test_no_template_tag_variable_or_comment_spans_lines():
    found = {str(path): lines for path in templates() if (lines := broken(path.read_text("utf-8")))}
    assert found == {}


def test_the_check_sees_a_comment_over_two_lines_and_passes_a_proper_one():
    assert broken("{# one line #}\n{% comment %}\nlong\n{% endcomment %}") == []
    assert broken("<p>{# a note\n   that goes on #}</p>") == [(1, "<p>{# a note")]
    assert broken("{% if a\n %}") == [(1, "{% if a")]
    assert broken("{{ value\n }}") == [(1, "{{ value")]
