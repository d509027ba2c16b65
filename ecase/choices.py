from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    GENERAL_OFFICE = "general_office", _("General Prosecutor's Office")
    REGIONAL_OFFICE = "regional_office", _("Regional prosecutor's office")
    DISTRICT_OFFICE = "district_office", _("District prosecutor's office")
    INVESTIGATION_BODY = "investigation_body", _("Investigation body")
    COURT = "court", _("Court")


PROSECUTOR_OFFICE_KINDS = (
    OrganisationKind.GENERAL_OFFICE,
    OrganisationKind.REGIONAL_OFFICE,
    OrganisationKind.DISTRICT_OFFICE,
)


class Role(models.TextChoices):
    INVESTIGATOR = "investigator", _("Investigator")
    PROSECUTOR = "prosecutor", _("Prosecutor")
    SENIOR_PROSECUTOR = "senior_prosecutor", _("Senior prosecutor")
    AUDITOR = "auditor", _("Auditor")
    JUDGE = "judge", _("Judge")
    CITIZEN = "citizen", _("Citizen")


class CaseStatus(models.TextChoices):
    INVESTIGATING = "investigating", _("Under investigation")
    SUSPENDED = "suspended", _("Suspended")
    TERMINATED = "terminated", _("Terminated")
    SENT_TO_COURT = "sent_to_court", _("Sent to court")
    MERGED = "merged", _("Merged")


class CaseCategory(models.TextChoices):
    PERSON = "person", _("Against the person")
    PROPERTY = "property", _("Property")
    ECONOMIC = "economic", _("Economic")
    CORRUPTION = "corruption", _("Corruption")
    DRUGS = "drugs", _("Drugs")
    PUBLIC_ORDER = "public_order", _("Public order")
    TRAFFIC = "traffic", _("Traffic")
    OTHER = "other", _("Other")


class Severity(models.TextChoices):
    # Criminal Code of Kazakhstan, Art. 10-11: offences and crimes by gravity.
    MISDEMEANOUR = "misdemeanour", _("Criminal misdemeanour")
    MINOR = "minor", _("Minor gravity")
    MEDIUM = "medium", _("Medium gravity")
    GRAVE = "grave", _("Grave")
    ESPECIALLY_GRAVE = "especially_grave", _("Especially grave")


class ParticipantRole(models.TextChoices):
    SUSPECT = "suspect", _("Suspect")
    VICTIM = "victim", _("Victim")
    WITNESS = "witness", _("Witness")
    DEFENDER = "defender", _("Defender")
    REPRESENTATIVE = "representative", _("Representative")


class ActionKind(models.TextChoices):
    INTERROGATION = "interrogation", _("Interrogation")
    EXAMINATION = "examination", _("Examination of the scene")
    EXPERT_EXAMINATION = "expert_examination", _("Expert examination")
    CONFRONTATION = "confrontation", _("Confrontation")
    SEARCH = "search", _("Search")
    SEIZURE = "seizure", _("Seizure")
    ARREST_OF_PROPERTY = "arrest_of_property", _("Arrest of property")
    COVERT_ACTION = "covert_action", _("Covert investigative action")
    DETENTION = "detention", _("Detention")


# Kinds that restrict a person's constitutional rights: they need an approved basis or prosecutor review.
RIGHTS_RESTRICTING_ACTIONS = frozenset(
    {
        ActionKind.SEARCH,
        ActionKind.SEIZURE,
        ActionKind.ARREST_OF_PROPERTY,
        ActionKind.COVERT_ACTION,
        ActionKind.DETENTION,
    }
)


class ActionReview(models.TextChoices):
    NOT_REQUIRED = "not_required", _("No review needed")
    BASIS_APPROVED = "basis_approved", _("Rests on an approved basis")
    AWAITING_REVIEW = "awaiting_review", _("Awaiting prosecutor's review")
    LAWFUL = "lawful", _("Reviewed: lawful")
    UNLAWFUL = "unlawful", _("Reviewed: unlawful")


class DetentionStatus(models.TextChoices):
    RUNNING = "running", _("Detained (clock running)")
    RELEASED = "released", _("Released")
    SANCTIONED = "sanctioned", _("Preventive measure sanctioned by the court")


# The notification centre's choices live here (not in ecase.models) so that the message registry
# (ecase.notifications.events), which the Notification model renders through, needs no model import.
class NotificationLevel(models.TextChoices):
    INFO = "info", _("Information")
    WARNING = "warning", _("Warning")
    URGENT = "urgent", _("Urgent")


class DeliveryChannel(models.TextChoices):
    IN_APP = "in_app", _("In the app")
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")
