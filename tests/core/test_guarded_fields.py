"""Every free-text field of every form is under the personal-data guard, or exempt with a reason."""

import importlib
import pkgutil

from django import forms

import citemetiers
from citemetiers.core.personal_data import GuardedTextField

# Text fields whose value has a shape that is not free text.
STRUCTURED = (forms.EmailField, forms.URLField, forms.SlugField, forms.RegexField, forms.UUIDField)


def _all_form_classes():
    for module in pkgutil.walk_packages(citemetiers.__path__, "citemetiers."):
        if ".migrations" not in module.name:
            importlib.import_module(module.name)
    pending, seen = [forms.BaseForm], set()
    while pending:
        for subclass in pending.pop().__subclasses__():
            if subclass not in seen:
                seen.add(subclass)
                pending.append(subclass)
    return [cls for cls in seen if cls.__module__.startswith("citemetiers.") and hasattr(cls, "base_fields")]


def _free_text_fields(form_class):
    for name, field in form_class.base_fields.items():
        if not isinstance(field, forms.CharField) or isinstance(field, STRUCTURED):
            continue
        if isinstance(field.widget, forms.PasswordInput):
            continue
        yield name, field


def test_every_free_text_field_is_guarded_or_exempt_with_a_reason():
    unguarded = []
    for form_class in _all_form_classes():
        exempt = getattr(form_class, "guard_exempt", {})
        for name, field in _free_text_fields(form_class):
            if isinstance(field, GuardedTextField):
                continue
            if not str(exempt.get(name, "")).strip():
                unguarded.append(f"{form_class.__module__}.{form_class.__name__}.{name}")
    assert unguarded == [], "declare these fields GuardedTextField, or list them in guard_exempt with a reason"


def test_the_walk_finds_the_forms_that_visitors_and_advisers_type_into():
    names = {f"{cls.__module__}.{cls.__name__}" for cls in _all_form_classes()}
    assert {"citemetiers.reception.forms.InterviewForm", "citemetiers.library.forms.ReplyForm"} <= names


def test_an_exemption_names_a_field_the_form_has():
    """A stale exemption (a renamed or removed field) would hide nothing, but says something false."""
    stale = [
        f"{cls.__name__}.{name}"
        for cls in _all_form_classes()
        for name in getattr(cls, "guard_exempt", {})
        if name not in cls.base_fields
    ]
    assert stale == []


def test_the_library_texts_are_guarded():
    from citemetiers.library.forms import AdoptionForm, EvaluationForm, ReplyForm, TranslationForm

    assert isinstance(TranslationForm.base_fields["body"], GuardedTextField)
    assert isinstance(ReplyForm.base_fields["text"], GuardedTextField)
    assert isinstance(EvaluationForm.base_fields["comment"], GuardedTextField)
    assert isinstance(AdoptionForm.base_fields["account"], GuardedTextField)
    form = ReplyForm(data={"text": "Merci, écrivez-moi à jean.dupont@gmail.com"})
    assert not form.is_valid()
    assert "jean.dupont@gmail.com" in form.errors["text"][0]
