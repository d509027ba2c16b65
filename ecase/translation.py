"""Names of the reference tables per language (django-modeltranslation): ``name_en``, ``name_ru``, ``name_kk``
columns beside ``name``; reading ``name`` gives the active language's value (fallbacks in settings)."""

from modeltranslation.translator import TranslationOptions, register

from ecase.models import Organisation, SuspensionGround, TerminationGround


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name",)


@register(TerminationGround)
class TerminationGroundTranslation(TranslationOptions):
    fields = ("title",)


@register(SuspensionGround)
class SuspensionGroundTranslation(TranslationOptions):
    fields = ("title",)
