"""Organisations, memberships with roles, and API tokens."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from stdnum.no import orgnr as stdnum_orgnr

from heldigital.apps.accounts.access import (
    can_read_protocol,
    is_member,
    member_principal,
    protocol_owner,
    token_principal,
    user_memberships,
)
from heldigital.apps.accounts.actors import Actor, actor_id, describe_actors, parse_actor
from heldigital.apps.accounts.models import (
    ROLES_BY_KIND,
    ApiToken,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    normalise_orgnr,
    role_allowed,
)

from .conftest import PASSWORD, PROCUREMENT_ID, acting, make_user

pytestmark = pytest.mark.django_db


# --- organisation numbers and PEPPOL identifiers ---------------------------


def test_orgnr_is_stored_compact(municipality):
    municipality.refresh_from_db()
    assert municipality.orgnr == "920000002"
    assert municipality.orgnr_display == "920 000 002"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("920000003", "invalid_checksum"),  # wrong check digit
        ("92000000", "invalid_length"),
        ("9200000020", "invalid_length"),
        ("92000000A", "invalid_format"),
        ("", "invalid_format"),
    ],
)
def test_invalid_orgnr_is_rejected_with_a_reason(value, code):
    with pytest.raises(ValidationError) as info:
        normalise_orgnr(value)
    assert info.value.code == code
    with pytest.raises(ValidationError):
        Organisation.objects.create(name="X", kind=OrganisationKind.SUPPLIER, orgnr=value)
    assert not Organisation.objects.exists()


def test_real_orgnr_from_stdnum_documentation_is_accepted():
    # 988 077 917 is the example in python-stdnum's stdnum.no.orgnr docstring.
    assert normalise_orgnr("988 077 917") == "988077917"


def test_full_clean_compacts_and_validates():
    organisation = Organisation(name="X", kind=OrganisationKind.SUPPLIER, orgnr="920 000 037")
    organisation.full_clean()
    assert organisation.orgnr == "920000037"
    organisation.orgnr = "920 000 038"
    with pytest.raises(ValidationError) as info:
        organisation.full_clean()
    assert "orgnr" in info.value.message_dict


def test_orgnr_is_unique_whatever_the_spacing(municipality):
    with pytest.raises(IntegrityError):
        Organisation.objects.create(name="Dup", kind=OrganisationKind.SUPPLIER, orgnr="920000002")


def test_peppol_participant_identifier(municipality):
    assert municipality.peppol_id == "0192:920000002"
    assert municipality.peppol_scheme == "iso6523-actorid-upis"
    assert municipality.peppol_participant == "iso6523-actorid-upis::0192:920000002"
    assert stdnum_orgnr.is_valid(municipality.peppol_id.split(":")[1])


# --- memberships and roles --------------------------------------------------


def test_role_matrix():
    assert role_allowed(OrganisationKind.PUBLIC_BODY, Role.OPENER)
    assert role_allowed(OrganisationKind.PUBLIC_BODY, Role.AUDITOR)
    assert not role_allowed(OrganisationKind.PUBLIC_BODY, Role.SUPPLIER_USER)
    assert role_allowed(OrganisationKind.SUPPLIER, Role.SUPPLIER_USER)
    assert role_allowed(OrganisationKind.SUPPLIER, Role.AUDITOR)
    for role in (
        Role.BUYER_ADMIN,
        Role.PROCUREMENT_OFFICER,
        Role.OPENER,
        Role.APPROVER,
        Role.EVALUATOR,
    ):
        assert not role_allowed(OrganisationKind.SUPPLIER, role)
    assert not role_allowed("unknown-kind", Role.AUDITOR)
    # every role can be granted somewhere
    assert set().union(*ROLES_BY_KIND.values()) == set(Role.values)


def test_supplier_role_in_public_body_is_refused(municipality, outsider):
    with pytest.raises(ValidationError) as info:
        Membership.objects.create(user=outsider, organisation=municipality, role=Role.SUPPLIER_USER)
    assert "role" in info.value.message_dict
    assert not Membership.objects.filter(user=outsider).exists()


def test_buyer_role_in_supplier_is_refused(supplier, outsider):
    with pytest.raises(ValidationError):
        Membership.objects.create(user=outsider, organisation=supplier, role=Role.OPENER)


def test_several_roles_in_several_organisations(municipality, agency, supplier):
    user = make_user(
        "multi",
        (municipality, Role.OPENER),
        (municipality, Role.EVALUATOR),
        (agency, Role.AUDITOR),
        (supplier, Role.AUDITOR),
    )
    grouped = {org.orgnr: roles for org, roles in user_memberships(user)}
    assert grouped == {
        municipality.orgnr: ["evaluator", "opener"],
        agency.orgnr: ["auditor"],
        supplier.orgnr: ["auditor"],
    }
    assert set(user.organisations.all()) == {municipality, agency, supplier}
    # A principal acts for one of them, with the roles held there only.
    principal = member_principal(user, municipality)
    assert principal.organisations_with_roles() == [(municipality, ["evaluator", "opener"])]
    assert principal.has_role(municipality, {Role.OPENER})
    assert not principal.has_role(agency, {Role.AUDITOR})
    assert member_principal(user, agency).roles == {Role.AUDITOR}


def test_same_role_twice_in_one_organisation_is_refused(buyer, municipality):
    with pytest.raises(IntegrityError):
        Membership.objects.create(
            user=buyer, organisation=municipality, role=Role.PROCUREMENT_OFFICER
        )


# --- access rules -------------------------------------------------------------


def test_protocol_readers(
    buyer, auditor, supplier_user, outsider, supplier, agency, protocol_events
):
    def reads(user):
        return can_read_protocol(acting(user), PROCUREMENT_ID)

    assert protocol_owner(PROCUREMENT_ID) == "920000002"
    assert reads(buyer)
    assert reads(auditor)
    assert not reads(supplier_user)
    assert not reads(outsider)
    assert not reads(make_user("supaud", (supplier, Role.AUDITOR)))
    # a buyer of another public body does not read the municipality's protocol
    assert not reads(make_user("agencybuyer", (agency, Role.BUYER_ADMIN)))


def test_protocol_without_an_owner_is_read_by_nobody(buyer, now):
    from heldigital.apps.protocol import services

    services.record(
        procurement_id="P-SYS", type="procurement.imported", actor="system", payload={}, now=now
    )
    assert protocol_owner("P-SYS") is None
    assert protocol_owner("P-NONE") is None
    assert not can_read_protocol(acting(buyer), "P-SYS")
    assert not can_read_protocol(acting(buyer), "P-NONE")


def test_token_principal_acts_only_in_its_organisation(
    municipality, supplier, now, protocol_events
):
    user = make_user("both", (municipality, Role.APPROVER), (supplier, Role.SUPPLIER_USER))
    token, _ = ApiToken.issue(user=user, organisation=supplier, name="x", now=now)
    principal = token_principal(token)
    assert [org for org, _ in principal.organisations_with_roles()] == [supplier]
    assert not can_read_protocol(principal, PROCUREMENT_ID)
    assert is_member(principal, supplier)
    assert not is_member(principal, municipality)
    # Acting for the municipality (a session that chose it), the same user reads it.
    assert can_read_protocol(member_principal(user, municipality), PROCUREMENT_ID)


# --- protocol actors ------------------------------------------------------------


def test_actor_id_round_trip(buyer, municipality):
    actor = actor_id(buyer, municipality)
    assert actor == "user:buyer@0192:920000002"
    assert parse_actor(actor) == Actor(username="buyer", orgnr="920000002")


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("user:kari@example.org@0192:920000002", Actor("kari@example.org", "920000002")),
        ("system", None),
        ("user:kari", None),
        ("user:@0192:920000002", None),
        ("user:kari@0088:920000002", None),  # not the Norwegian ICD
        ("user:kari@0192:920000003", None),  # bad check digit
        ("user:kari@0192:920 000 002", None),  # not compact
        ("user:kari@0192:920000002x", None),
        ("kari@0192:920000002", None),
    ],
)
def test_parse_actor(actor, expected):
    assert parse_actor(actor) == expected


def test_describe_actors(buyer, municipality):
    names = describe_actors(
        [
            "user:buyer@0192:920000002",
            "system",
            "user:ghost@0192:920000002",
            "user:buyer@0192:920000002",
        ]
    )
    assert names == {
        "user:buyer@0192:920000002": "Buyer Test (Testkommune)",
        "system": "system",
        "user:ghost@0192:920000002": "user:ghost@0192:920000002",
    }


# --- API tokens ----------------------------------------------------------------


def test_token_is_stored_as_sha256_only(buyer, municipality, now):
    token, raw = ApiToken.issue(user=buyer, organisation=municipality, name="ERP", now=now)
    token.refresh_from_db()
    assert raw.startswith("hd_")
    assert len(raw) > 40
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    stored = [str(value) for value in ApiToken.objects.values_list(flat=False).get()]
    assert raw not in stored
    assert token.token_prefix == raw[:10]
    assert token.created_at == now
    assert token.last_used_at is None


def test_two_tokens_differ(buyer, municipality, now):
    _, first = ApiToken.issue(user=buyer, organisation=municipality, name="a", now=now)
    _, second = ApiToken.issue(user=buyer, organisation=municipality, name="b", now=now)
    assert first != second


def test_authenticate_records_last_use(buyer, municipality, now):
    _, raw = ApiToken.issue(user=buyer, organisation=municipality, name="ERP", now=now)
    later = now + timedelta(hours=2)
    token = ApiToken.authenticate(raw, later)
    assert token is not None
    assert token.user == buyer
    assert token.organisation == municipality
    assert ApiToken.objects.get().last_used_at == later


def test_last_use_is_written_at_most_once_a_minute(buyer, municipality, now):
    # Each write is a commit; an upload sends a request per chunk.
    _, raw = ApiToken.issue(user=buyer, organisation=municipality, name="ERP", now=now)
    first = now + timedelta(hours=1)
    assert ApiToken.authenticate(raw, first) is not None
    assert ApiToken.authenticate(raw, first + timedelta(seconds=59)) is not None
    assert ApiToken.objects.get().last_used_at == first
    assert ApiToken.authenticate(raw, first + timedelta(seconds=60)) is not None
    assert ApiToken.objects.get().last_used_at == first + timedelta(seconds=60)
    # A recorded use in the future (a clock stepped back) is corrected at once.
    assert ApiToken.authenticate(raw, first) is not None
    assert ApiToken.objects.get().last_used_at == first


def test_revoked_token_stops_working(buyer, municipality, now):
    token, raw = ApiToken.issue(user=buyer, organisation=municipality, name="ERP", now=now)
    token.revoke(now + timedelta(minutes=1))
    assert ApiToken.authenticate(raw, now + timedelta(minutes=2)) is None
    token.refresh_from_db()
    assert token.revoked_at == now + timedelta(minutes=1)
    assert not token.is_active
    token.revoke(now + timedelta(days=1))  # revoking again keeps the first time
    token.refresh_from_db()
    assert token.revoked_at == now + timedelta(minutes=1)


def test_token_of_deactivated_user_stops_working(buyer, municipality, now):
    _, raw = ApiToken.issue(user=buyer, organisation=municipality, name="ERP", now=now)
    buyer.is_active = False
    buyer.save()
    assert ApiToken.authenticate(raw, now) is None


@pytest.mark.parametrize("raw", ["", "hd_", "hd_wrong", "not-a-token", "Bearer hd_x"])
def test_unknown_tokens_do_not_authenticate(buyer_token, now, raw):
    assert ApiToken.authenticate(raw, now) is None
    assert ApiToken.authenticate(buyer_token + "x", now) is None


def test_token_needs_membership(buyer, supplier, now):
    with pytest.raises(ValidationError):
        ApiToken.issue(user=buyer, organisation=supplier, name="ERP", now=now)
    assert not ApiToken.objects.exists()


# --- admin -----------------------------------------------------------------------


@pytest.fixture
def admin_client(client, db):
    from heldigital.apps.accounts.models import User

    User.objects.create_superuser("root", "root@example.invalid", PASSWORD)
    client.login(username="root", password=PASSWORD)
    return client


def test_admin_issues_token_and_shows_it_once(admin_client, buyer, municipality):
    response = admin_client.post(
        "/admin/accounts/apitoken/add/",
        {"user": buyer.pk, "organisation": municipality.pk, "name": "Økonomisystem"},
        follow=True,
    )
    assert response.status_code == 200
    token = ApiToken.objects.get()
    shown = [
        found
        for message in response.context["messages"]
        for found in re.findall(r"hd_[A-Za-z0-9_-]{40,}", str(message))
    ]
    assert len(shown) == 1
    raw = shown[0]
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    # the change page never shows the secret again
    page = admin_client.get(f"/admin/accounts/apitoken/{token.pk}/change/")
    assert raw not in page.content.decode()
    assert token.token_prefix in page.content.decode()


def test_admin_refuses_token_for_non_member(admin_client, buyer, supplier):
    response = admin_client.post(
        "/admin/accounts/apitoken/add/",
        {"user": buyer.pk, "organisation": supplier.pk, "name": "ERP"},
    )
    assert response.status_code == 200  # form redisplayed with the error
    assert not ApiToken.objects.exists()


def test_admin_revoke_action(admin_client, buyer, municipality, now):
    token, raw = ApiToken.issue(user=buyer, organisation=municipality, name="ERP", now=now)
    response = admin_client.post(
        "/admin/accounts/apitoken/",
        {"action": "revoke_tokens", "_selected_action": [token.pk]},
        follow=True,
    )
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert ApiToken.authenticate(raw, now) is None


@pytest.mark.parametrize(
    "path",
    [
        "/admin/accounts/organisation/",
        "/admin/accounts/organisation/add/",
        "/admin/accounts/membership/",
        "/admin/accounts/user/",
        "/admin/accounts/apitoken/add/",
    ],
)
def test_admin_pages_render(admin_client, municipality, buyer, path):
    assert admin_client.get(path).status_code == 200


def test_admin_organisation_change_page_shows_peppol_id(admin_client, municipality):
    page = admin_client.get(f"/admin/accounts/organisation/{municipality.pk}/change/")
    assert "iso6523-actorid-upis::0192:920000002" in page.content.decode()


def test_members_with_roles(municipality, buyer, auditor):
    Membership.objects.create(user=buyer, organisation=municipality, role=Role.OPENER)
    assert municipality.members_with_roles() == [
        (auditor, ["auditor"]),
        (buyer, ["opener", "procurement_officer"]),
    ]
