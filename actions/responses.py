"""The tables from a verdict to the responses that say it.

Rules decide (actions/rules/), these tables choose the words. Each code the rules can give
has its responses in ``RESPONSES`` (said in order, in every language the domain has). A
verdict that asks for a fact (``Verdict.ask``) ends with that fact's question from
``QUESTIONS`` (or the code's own from ``CODE_QUESTIONS``), said as a message of its own, so
the last thing the user reads is the one question. Items a verdict lists ("region.europe",
"role.global_admin") are said by the response ``utter_item_<kind>_<value>``.
"""

from __future__ import annotations

from typing import Dict, Optional, Tuple

Responses = Tuple[str, ...]

RESPONSES: Dict[str, Responses] = {
    # Onboarding (ONB)
    "join_mpn_first": ("utter_join_mpn_first",),
    "readiness_rule": ("utter_readiness_rule",),
    "readiness_rule_offer": ("utter_readiness_rule",),
    "prerequisites_missing": ("utter_prerequisites_missing",),
    "prerequisites_so_far": ("utter_prerequisites_so_far",),
    "prerequisites_start": ("utter_prerequisites_start",),
    "prerequisites_all_ready": ("utter_prerequisites_all_ready",),
    "ready_to_enroll": ("utter_ready_to_enroll",),
    "enrollment_step_1": ("utter_enrollment_step_1",),
    "enrollment_step_2_sign_in": ("utter_enrollment_step_2_sign_in",),
    "enrollment_step_2_create": ("utter_enrollment_step_2_create",),
    "enrollment_step_2_either": ("utter_enrollment_step_2_either",),
    "enrollment_step_3": ("utter_enrollment_step_3",),
    "enrollment_step_4": ("utter_enrollment_step_4",),
    "enrollment_step_5": ("utter_enrollment_step_5",),
    "enrollment_done_pending_verification": ("utter_enrollment_done_pending_verification",),
    "enrollment_done": ("utter_enrollment_done",),
    "verification_rule": ("utter_verification_rule",),
    "verification_confirmed": ("utter_verification_confirmed",),
    "verification_pending": ("utter_verification_pending",),
    "finish_setup_rule": ("utter_finish_setup_rule",),
    "finish_setup_allowed": ("utter_finish_setup_allowed",),
    "finish_setup_add_yourself": ("utter_finish_setup_add_yourself",),
    "finish_setup_ask_admin": ("utter_finish_setup_ask_admin",),
    "roles_needed": ("utter_roles_needed",),
    "roles_you_fit_both": ("utter_roles_you_fit_both",),
    "roles_you_fit_account_only": ("utter_roles_you_fit_account_only",),
    "roles_you_fit_work_account_only": ("utter_roles_you_fit_work_account_only",),
    "roles_you_fit_neither": ("utter_roles_you_fit_neither",),
    "mpn_agreement_location": ("utter_mpn_agreement_location",),
    # Work account (WA)
    "email_invalid": ("utter_email_invalid",),
    "email_personal": ("utter_email_personal",),
    "email_use_headquarters": ("utter_email_use_headquarters",),
    "email_accepted_regional": ("utter_email_accepted_regional",),
    "email_accepted": ("utter_email_accepted",),
    "headquarters_domain_named": ("utter_headquarters_domain_named",),
    "headquarters_domain_likely": ("utter_headquarters_domain_likely",),
    "headquarters_domain_rule": ("utter_headquarters_domain_rule",),
    "work_account_exists": ("utter_work_account_exists",),
    "work_account_create_during_enrollment": ("utter_work_account_create_during_enrollment",),
    "work_account_how_to_check": ("utter_work_account_how_to_check",),
    "work_account_reuse_none": ("utter_work_account_reuse_none",),
    "work_account_reuse": ("utter_work_account_reuse",),
    # The MPA (MPA)
    "ask_csp_partner_type": ("utter_rule_csp_partner_type",),
    "ask_mpn_account": ("utter_rule_mpn_account",),
    "ask_mpn_program_status": ("utter_rule_mpn_program_status",),
    "ask_indirect_reseller_status": ("utter_rule_indirect_reseller_status",),
    "ask_user_role": ("utter_rule_mpa_global_admin",),
    "ask_user_role_where": ("utter_mpa_role_where_to_check",),
    "ask_csp_regions": ("utter_mpa_regions_rule",),
    "ask_csp_regions_again": (),
    "ask_signed_region": (),
    "ask_csp_partner_type_where": (),
    "ask_mpn_account_where": ("utter_mpa_where_mpn_account",),
    "ask_mpn_program_status_where": ("utter_mpa_where_statuses",),
    "ask_indirect_reseller_status_where": ("utter_mpa_where_statuses",),
    "mpa_only_for_csp": ("utter_mpa_only_for_csp",),
    "mpa_join_mpn_first": ("utter_mpa_join_mpn_first",),
    "mpa_migrate_from_pmc": ("utter_mpa_migrate_from_pmc",),
    "mpn_verification_failed": ("utter_mpa_mpn_verification_failed",),
    "mpn_status_active": ("utter_mpn_status_active",),
    "mpa_enroll_as_indirect_reseller": ("utter_mpa_enroll_as_indirect_reseller",),
    "reseller_verification_failed": ("utter_mpa_reseller_verification_failed",),
    "mpa_needs_global_admin": ("utter_mpa_needs_global_admin",),
    "mpa_signed_everywhere": ("utter_mpa_signed_everywhere",),
    "mpa_accept_on_dashboard": ("utter_mpa_accept_on_dashboard",),
    "mpa_sign_now_reseller": ("utter_mpa_sign_now_reseller",),
    "mpa_sign_now": ("utter_mpa_sign_now",),
    "mpa_ready_ask_regions_dashboard": ("utter_mpa_ready_dashboard_regions_open",),
    "mpa_ready_ask_regions": ("utter_mpa_ready_regions_open",),
    "mpa_regions_rule": ("utter_mpa_regions_rule",),
    "mpa_regions_count": ("utter_mpa_regions_count",),
    "mpa_regions_covered": ("utter_mpa_regions_covered",),
    "mpa_regions_sign_again": ("utter_mpa_regions_sign_again",),
    "mpa_signature_recorded": ("utter_mpa_signature_recorded",),
    "mpa_signer_rule": ("utter_mpa_signer_rule",),
    "mpa_signer_rule_reseller": ("utter_mpa_signer_rule", "utter_mpa_reseller_relationship"),
    "mpa_signer_you": ("utter_mpa_signer_you",),
    "mpa_signer_you_reseller": ("utter_mpa_signer_you", "utter_mpa_reseller_relationship"),
    "mpa_missing_accept_button": ("utter_mpa_missing_accept_button",),
    "mpa_verify_signed": ("utter_mpa_verify_signed",),
    "mpa_verify_how": ("utter_mpa_verify_how",),
    "mpa_mandatory": ("utter_mpa_mandatory",),
    "mpa_credentials_may_differ": ("utter_mpa_credentials_may_differ",),
    "mpa_guides": ("utter_mpa_guides",),
    # Partner relationships (REL)
    "rel_find_partner": ("utter_rel_find_partner",),
    "rel_partner_types": ("utter_rel_partner_types",),
    "rel_type_reseller": ("utter_rel_type_reseller",),
    "rel_type_delegated_admin": ("utter_rel_type_delegated_admin",),
    "rel_type_reseller_delegated_admin": ("utter_rel_type_reseller_delegated_admin",),
    "rel_type_partner": ("utter_rel_type_partner",),
    "rel_type_advisor": ("utter_rel_type_advisor",),
    "rel_type_mpsa": ("utter_rel_type_mpsa",),
    "rel_type_oem": ("utter_rel_type_oem",),
    "rel_type_lob": ("utter_rel_type_lob",),
    "rel_accept_mca_first": ("utter_rel_accept_mca_first",),
    "rel_mca_rule": ("utter_rel_mca_rule",),
    "rel_mca_accepted": ("utter_rel_mca_accepted",),
    "rel_accept_invitation": ("utter_rel_accept_invitation",),
    "rel_cancel_invitation": ("utter_rel_cancel_invitation",),
    "rel_remove_admin_roles": ("utter_rel_remove_admin_roles",),
    "rel_removal_rule": ("utter_rel_removal_rule",),
    "ask_rel_partner_type": (),
    "rel_delete_partner": ("utter_rel_delete_partner",),
    "rel_ask_partner_to_end": ("utter_rel_ask_partner_to_end",),
    # Membership benefits (BEN)
    "ask_benefit": (),
    "ask_membership_level": ("utter_ben_support_rule",),
    "ask_marketing_contact_email": ("utter_ben_marketing_contact_first",),
    "ask_marketing_contact_email_other": (),
    "ask_marketing_contact_phone": (),
    "ask_marketing_contact_language": (),
    "ask_offer_expires_on": (),
    "ask_vs_assigned_on": (),
    "ask_benefits_purchased_on": ("utter_ben_refund_rule",),
    "ask_software_benefits_activated": ("utter_ben_refund_rule_activation",),
    "offer_walkthrough": (),
    "ben_join_mpn_first": ("utter_ben_join_mpn_first",),
    "ben_manage_in_pmc": ("utter_ben_manage_in_pmc",),
    "ben_overview": ("utter_ben_overview",),
    "ben_software_steps": ("utter_ben_software_steps",),
    "ben_software_steps_role_unknown": ("utter_ben_software_steps", "utter_ben_roles_to_activate"),
    "ben_cloud_usage_based_steps": ("utter_ben_cloud_usage_based_steps",),
    "ben_cloud_usage_based_steps_role_unknown": ("utter_ben_cloud_usage_based_steps", "utter_ben_roles_to_activate"),
    "ben_cloud_license_based_steps": ("utter_ben_cloud_license_based_steps",),
    "ben_cloud_license_based_steps_role_unknown": ("utter_ben_cloud_license_based_steps", "utter_ben_roles_to_activate"),
    "ben_cloud_steps": ("utter_ben_cloud_steps",),
    "ben_cloud_steps_role_unknown": ("utter_ben_cloud_steps", "utter_ben_roles_to_activate"),
    "ben_vs_assign_steps": ("utter_ben_vs_assign_steps",),
    "ben_vs_assign_steps_role_unknown": ("utter_ben_vs_assign_steps", "utter_ben_roles_to_assign"),
    "ben_vs_add_user_first": ("utter_ben_vs_add_user_first",),
    "ben_technical_activate_steps": ("utter_ben_technical_activate_steps",),
    "ben_technical_activate_steps_role_unknown": ("utter_ben_technical_activate_steps", "utter_ben_roles_to_activate"),
    "ben_gtm_activate_steps": ("utter_ben_gtm_activate_steps",),
    "ben_assign_needs_global_admin": ("utter_ben_assign_needs_global_admin",),
    "ben_activate_ask_global_admin": ("utter_ben_activate_ask_global_admin",),
    "ben_technical_ask_global_admin": ("utter_ben_technical_ask_global_admin",),
    "ben_gtm_ask_global_admin": ("utter_ben_gtm_ask_global_admin",),
    "ben_technical_via_partner_frontline": ("utter_ben_technical_via_partner_frontline",),
    "ben_vs_rule_ask_date": ("utter_ben_vs_rule",),
    "ben_vs_reassign_allowed": ("utter_ben_vs_reassign_allowed",),
    "ben_vs_reassign_not_yet": ("utter_ben_vs_reassign_not_yet",),
    "ben_vs_assignment_recorded": ("utter_ben_vs_assignment_recorded",),
    "ben_vs_reassignment_recorded": ("utter_ben_vs_reassignment_recorded",),
    "ben_assignment_date_in_future": ("utter_date_future",),
    "ben_purchase_date_in_future": ("utter_date_future",),
    "ben_refund_too_late": ("utter_ben_refund_too_late",),
    "ben_refund_late_and_activated": ("utter_ben_refund_late_and_activated",),
    "ben_refund_software_activated": ("utter_ben_refund_software_activated",),
    "mpa_regions_still_to_sign": ("utter_mpa_regions_still_to_sign",),
    "mpa_all_regions_signed": ("utter_mpa_all_regions_signed",),
    "ben_refund_software_activated_any_date": ("utter_ben_refund_software_activated_any_date",),
    "ben_refund_file_service_request": ("utter_ben_refund_file_service_request",),
    "ben_signature_not_for_action_pack": ("utter_ben_signature_not_for_action_pack",),
    "ben_signature_cloud_support": ("utter_ben_signature_cloud_support",),
    "ben_incidents_only_on_premises": ("utter_ben_incidents_only_on_premises",),
    "ben_product_support_incident": ("utter_ben_product_support_incident",),
    "ben_presales_deployment": ("utter_ben_presales_deployment",),
    "ben_support_options_action_pack": ("utter_ben_support_options_action_pack",),
    "ben_support_options_competency": ("utter_ben_support_options_competency",),
    "ben_marketing_email_same_as_account": ("utter_ben_marketing_email_same_as_account",),
    "ben_marketing_contact_ok": ("utter_ben_marketing_contact_ok",),
    "ben_ids_needed": ("utter_ben_ids_needed",),
    "ben_ids_not_needed": ("utter_ben_ids_not_needed",),
    "ben_ids_stored": ("utter_ben_ids_stored",),
    "ben_ids_after_processing": ("utter_ben_ids_after_processing",),
    "ben_ids_activate_first": ("utter_ben_ids_activate_first",),
    "ben_permissions": ("utter_ben_permissions",),
    "ben_permissions_global_admin": ("utter_ben_permissions_global_admin",),
    "ben_permissions_can_activate": ("utter_ben_permissions_can_activate",),
    "ben_permissions_can_only_buy": ("utter_ben_permissions_can_only_buy",),
    "ben_may_buy": ("utter_ben_may_buy",),
    "ben_who_may_assign": ("utter_ben_who_may_assign",),
    "ben_you_may_assign": ("utter_ben_you_may_assign",),
    "ben_you_may_not_assign": ("utter_ben_assign_needs_global_admin",),
    "ben_who_may_activate": ("utter_ben_roles_to_activate",),
    "ben_you_may_activate": ("utter_ben_you_may_activate",),
    "ben_you_may_not_activate": ("utter_ben_activate_ask_global_admin",),
    "ben_who_may_technical": ("utter_ben_who_may_technical",),
    "ben_you_may_technical": ("utter_ben_you_may_technical",),
    "ben_you_may_not_technical": ("utter_ben_technical_ask_global_admin",),
    "ben_who_may_go_to_market": ("utter_ben_who_may_go_to_market",),
    "ben_you_may_go_to_market": ("utter_ben_you_may_go_to_market",),
    "ben_you_may_not_go_to_market": ("utter_ben_gtm_ask_global_admin",),
    "ben_offer_expiry_passed": ("utter_ben_offer_expiry_passed",),
    "ben_offer_active_recorded": ("utter_ben_offer_active_recorded",),
    "ben_gtm_offer_pending": ("utter_ben_gtm_offer_pending",),
}

# The question that asks for a fact (the message after the verdict's own responses).
QUESTIONS: Dict[str, str] = {
    # Onboarding
    "mpn_member": "utter_ask_mpn_member",
    "prerequisite_admin_email": "utter_ask_admin_email",
    "prerequisite_legal_details": "utter_ask_prerequisite_legal_details",
    "prerequisite_signing_authority": "utter_ask_prerequisite_signing_authority",
    "prerequisite_primary_contact": "utter_ask_prerequisite_primary_contact",
    "check_offer": "utter_offer_readiness_check",
    "admin_agent": "utter_ask_admin_agent",
    # Work account
    "work_account": "utter_ask_has_cloud_subscription",
    # The MPA
    "csp_partner_type": "utter_ask_csp_partner_type",
    "mpn_account": "utter_ask_mpn_account",
    "mpn_program_status": "utter_ask_mpn_program_status",
    "indirect_reseller_status": "utter_ask_indirect_reseller_status",
    "user_role": "utter_ask_mpa_global_admin",
    "csp_regions": "utter_ask_csp_countries",
    "signed_region": "utter_ask_signed_region",
    # Relationships
    "partner_type": "utter_ask_rel_partner_type",
    # Benefits
    "benefit": "utter_ask_benefit",
    "membership_level": "utter_ask_membership_level",
    "marketing_contact_email": "utter_ask_marketing_contact_email",
    "marketing_contact_phone": "utter_ask_marketing_contact_phone",
    "marketing_contact_language": "utter_ask_marketing_contact_language",
    "offer_expires_on": "utter_ask_offer_expires_on",
    "vs_assigned_on": "utter_ask_vs_assigned_on",
    "benefits_purchased_on": "utter_ask_benefits_purchased_on",
    "software_benefits_activated": "utter_ask_software_benefits_activated",
    "walkthrough": "utter_offer_walkthrough",
}
CODE_QUESTIONS: Dict[str, str] = {
    "ask_marketing_contact_email_other": "utter_ask_marketing_contact_email_other",
    "ask_csp_partner_type_where": "utter_ask_csp_partner_type",
}

# "Did you mean": how each in-scope reading is offered as a button.
SUGGESTIONS: Dict[str, str] = {
    intent: f"utter_suggest_{intent}"
    for intent in (
        "start_onboarding step_done ask_requirements ask_verification ask_finish_setup ask_roles ask_mpn_agreement "
        "ask_work_email ask_work_account ask_reuse_work_account "
        "ask_mpa_status ask_mpa_signer report_no_accept_button ask_mpa_regions ask_verify_mpa ask_mpa_mandatory "
        "ask_mpa_credentials ask_mpa_guide "
        "ask_relationships ask_find_partner ask_accept_invitation ask_mca ask_partner_type_rights ask_decline_admin "
        "ask_remove_admin_roles ask_remove_partner "
        "ask_benefit ask_benefit_permissions ask_refund ask_support_options ask_vs_reassign ask_access_id "
        "report_key_problem request_human"
    ).split()
}


def responses_for(code: str) -> Responses:
    """The responses that say ``code``; an unknown code is a programming error."""
    try:
        return RESPONSES[code]
    except KeyError:
        raise KeyError(f"no response for the verdict code {code!r}: add it to actions/responses.py") from None


def question_response(code: str, fact: Optional[str]) -> Optional[str]:
    """The question a verdict ``code`` asking for ``fact`` ends with."""
    return CODE_QUESTIONS.get(code) or (QUESTIONS.get(fact) if fact else None)


def item_response(item: str) -> str:
    """The response that names one listed item ("region.europe" -> utter_item_region_europe)."""
    kind, _, value = item.partition(".")
    return f"utter_item_{kind}_{value}"
