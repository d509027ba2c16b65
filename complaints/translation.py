"""Complaint kinds' titles and appeal-rights notices per language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from complaints.models import ComplaintKind


@register(ComplaintKind)
class ComplaintKindTranslation(TranslationOptions):
    fields = ("title", "rights_notice")
