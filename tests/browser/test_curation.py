"""Double annotation end to end in Debian's Chromium: two editors annotate the
same article in the annotator, each seeing only their own passage and told
why; the reviewer closes the assignment, sees both versions side by side on
the text, merges them, and the union is the approved annotation."""

from __future__ import annotations

import pytest

from agreement.models import Assignment, EditorVersion
from agreement.services import assignment_create
from annotations.models import Annotation
from tests import factories
from tests.browser.test_annotator import annotate

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "curation-pass-2025"
BODY = (
    "أعلنت وزارة الدفاع التركية توقيع مذكرة تفاهم للتدريب مع دمشق.\n\n"
    "ودعت أنقرة قوات سوريا الديمقراطية إلى الاندماج في مؤسسات الدولة السورية."
)


def _login(browser, live_server, username: str):
    context = browser.new_context(locale="en-GB", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return context, page


def test_two_editors_annotate_apart_and_a_reviewer_merges_their_passages(browser, live_server):
    amal = factories.user("amal", "Editors", password=PASSWORD)
    bashir = factories.user("bashir", "Editors", password=PASSWORD)
    reviewer = factories.user("rania", "Editors", "Reviewers", password=PASSWORD)
    article = factories.article(BODY, title="مذكرة تفاهم")
    assignment_create(
        title="MoU coverage", articles=[article], editors=[amal, bashir], created_by=reviewer
    )
    url = f"{live_server.url}/admin/archive/article/{article.pk}/change/"

    # Each editor tags an overlapping passage with the training MoU (topic 3)…
    for username, phrase in (("amal", "مذكرة تفاهم للتدريب"), ("bashir", "تفاهم للتدريب مع دمشق")):
        context, page = _login(browser, live_server, username)
        annotate(page, url, phrase, topic_number=3)
        # …and, after a reload, sees only their own, with the reason.
        page.reload()
        page.wait_for_selector(".annotator__list li")
        assert page.locator(".annotator__list li").count() == 1
        notice = page.locator(".annotator__hidden-notice").text_content()
        assert "Double annotation (MoU coverage): you see only your own passages" in notice
        context.close()
    assert Annotation.objects.count() == 2

    context, page = _login(browser, live_server, "rania")
    page.goto(f"{live_server.url}/admin/agreement/assignment/")
    page.check("input[name=_selected_action]")
    page.select_option("select[name=action]", "close_selected")
    page.click("button[name=index]")
    page.wait_for_selector(".messagelist .success")
    assert Assignment.objects.get().status == Assignment.Status.CLOSED

    page.click("text=curate (2 to resolve)")
    page.click(f"a[href$='/curate/{article.pk}/']")
    cluster = page.locator(".curation__cluster")
    assert cluster.count() == 1
    columns = cluster.locator(".curation__column")
    assert columns.count() == 2
    assert columns.nth(0).locator("h3").text_content() == "amal"
    assert columns.nth(0).locator("mark").text_content() == "مذكرة تفاهم للتدريب"
    assert columns.nth(1).locator("mark").text_content() == "تفاهم للتدريب مع دمشق"

    cluster.locator("input[value=union]").check()
    cluster.locator("input[type=submit]").click()
    page.wait_for_selector(".messagelist .success")
    assert "Approved: مذكرة تفاهم للتدريب مع دمشق" in page.locator(".messagelist").text_content()
    assert page.locator("text=Nothing left to resolve on this article.").count() == 1
    context.close()

    final = Annotation.objects.get()
    assert (final.quote, final.status, final.reviewed_by) == (
        "مذكرة تفاهم للتدريب مع دمشق",
        Annotation.Status.APPROVED,
        reviewer,
    )
    assert sorted(EditorVersion.objects.values_list("editor__username", "final_id")) == [
        ("amal", final.pk),
        ("bashir", final.pk),
    ]
