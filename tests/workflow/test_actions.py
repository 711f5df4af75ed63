"""The workflow's actions: who may do what from which state, the reason kept, every action in the change log in
words, and the deadlines and progress of the level above."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from ktxh.datafiles import LoadError
from ktxh.history.models import ChangeRecord
from ktxh.periods import Period
from ktxh.workflow import actions, deadlines, progress
from ktxh.workflow.actions import WorkflowError
from ktxh.workflow.models import State, Submission
from tests.workflow.conftest import Y2023, approve, reopen, sector

pytestmark = pytest.mark.django_db


def test_draft_submitted_approved_reopened_and_submitted_again(people):
    xa, kt = people["xa"], sector("KT")
    assert actions.status(xa, kt, Y2023).state == State.DRAFT
    submitted = actions.act(people["clerk"], actions.SUBMIT, xa, kt, Y2023)
    assert submitted.state == State.SUBMITTED and submitted.submission.submitted_by == "an"
    approved = actions.act(people["approver"], actions.APPROVE, xa, kt, Y2023, expected=State.SUBMITTED)
    assert approved.state == State.APPROVED and approved.locked and approved.submission.approved_by == "lanh-dao"
    reopened = reopen(people)
    assert reopened.state == State.REOPENED and reopened.submission.reason == "Sửa số liệu đàn lợn"
    first = reopened.submission.first_submitted_at
    again = actions.act(people["clerk"], actions.SUBMIT, xa, kt, Y2023)
    assert again.state == State.SUBMITTED and again.submission.first_submitted_at == first
    assert actions.status(xa, sector("VX"), Y2023).state == State.DRAFT  # one sector, not the whole report


def test_roles_decide_who_may_act(people):
    xa, kt = people["xa"], sector("KT")
    with pytest.raises(PermissionDenied):
        actions.act(people["reader"], actions.SUBMIT, xa, kt, Y2023)
    with pytest.raises(PermissionDenied):
        actions.act(people["other"], actions.SUBMIT, xa, kt, Y2023)
    actions.act(people["clerk"], actions.SUBMIT, xa, kt, Y2023)
    with pytest.raises(PermissionDenied):  # the clerk submits, never approves
        actions.act(people["clerk"], actions.APPROVE, xa, kt, Y2023)
    assert actions.status(xa, kt, Y2023).allowed(people["clerk"]) == []
    assert actions.status(xa, kt, Y2023).allowed(people["approver"]) == [actions.APPROVE, actions.REOPEN]
    actions.act(people["district"], actions.APPROVE, xa, kt, Y2023)  # the level above may approve too
    with pytest.raises(PermissionDenied):
        reopen(people, who="clerk")
    assert reopen(people, who="district_admin").submission.reopened_by == "huyen-quan-tri"


def test_wrong_state_missing_reason_and_stale_view_are_refused(people):
    xa, kt = people["xa"], sector("KT")
    with pytest.raises(WorkflowError, match="Nháp"):  # a draft cannot be approved
        actions.act(people["approver"], actions.APPROVE, xa, kt, Y2023)
    approve(people)
    with pytest.raises(WorkflowError, match="lý do"):
        actions.act(people["approver"], actions.REOPEN, xa, kt, Y2023, reason="  ")
    with pytest.raises(WorkflowError, match="Đã duyệt"):  # a second press of «approve»
        actions.act(people["district"], actions.APPROVE, xa, kt, Y2023)
    with pytest.raises(WorkflowError, match="Người khác"):
        actions.act(people["approver"], actions.REOPEN, xa, kt, Y2023, reason="x", expected=State.SUBMITTED)
    with pytest.raises(WorkflowError):
        actions.act(people["clerk"], actions.SUBMIT, xa, sector("KT.NN"), Y2023)  # not a top-level sector
    assert Submission.objects.get().state == State.APPROVED


def test_every_action_is_in_the_change_log_in_words(people):
    approve(people)
    reopen(people)
    records = ChangeRecord.objects.filter(object_type="workflow.submission").order_by("id")
    assert [r.actor for r in records] == ["an", "lanh-dao", "lanh-dao"]
    assert records.last().before["state"] == State.APPROVED and records.last().after["reason"] == "Sửa số liệu đàn lợn"
    words = actions.history(people["xa"], sector("KT"), Y2023)
    assert words[0]["what"] == "mở lại (Đã duyệt → Mở lại) — lý do: Sửa số liệu đàn lợn"
    assert words[-1]["what"] == "nộp (Nháp → Đã nộp)" and words[-1]["who"] == "an"
    assert "{" not in "".join(w["what"] for w in words)


@pytest.mark.parametrize(
    ("code", "start", "end"),
    [
        ("202309", dt.date(2023, 8, 15), dt.date(2023, 9, 14)),
        ("202301", dt.date(2022, 12, 15), dt.date(2023, 1, 14)),
        ("2023Q3", dt.date(2023, 6, 15), dt.date(2023, 9, 14)),
        ("2023S1", dt.date(2022, 12, 15), dt.date(2023, 6, 14)),
        ("2023", dt.date(2022, 12, 15), dt.date(2023, 12, 14)),
        ("2023C9", dt.date(2022, 12, 15), dt.date(2023, 9, 14)),
    ],
)
def test_cut_off_dates_of_decree_09_2019(code, start, end):
    due = deadlines.deadline(Period.parse(code))
    assert (due.cutoff_start, due.cutoff_end, due.due) == (start, end, end)


def test_deadlines_are_data_and_a_broken_file_is_reported_by_line(tmp_path, settings):
    path = tmp_path / "deadlines.csv"
    path.write_text(
        "period_type,cutoff_start_day,cutoff_end_day,days_to_send,basis\nyear,15,14,5,tỉnh\nweek,1,2,3,\n",
        encoding="utf-8",
    )
    with pytest.raises(LoadError) as error:
        deadlines.read_rules(path)
    assert "dòng 3" in str(error.value) and "period_type" in str(error.value)
    path.write_text(
        "period_type,cutoff_start_day,cutoff_end_day,days_to_send,basis\nyear,15,14,5,tỉnh\n", encoding="utf-8"
    )
    settings.KTXH_DEADLINES_FILE = str(path)
    assert deadlines.deadline(Y2023).due == dt.date(2023, 12, 19)
    assert deadlines.deadline(Period.parse("202309")) is None  # no rule for months in this regime


def test_progress_shows_completeness_and_timeliness_of_the_units_below(people):
    approve(people, "KT")
    view = progress.overview(people["xa"].parent, Y2023, today=dt.date(2024, 1, 10))
    (row,) = view.rows
    assert row.unit.code == "xa"
    kt, vx = row.cells
    # KT: dat_nong_nghiep and dan_lon are typed and both have a figure; VX: tong_so_ho, ho_ngheo typed (the
    # poverty rate is computed), only ho_ngheo has one
    assert (kt.entered, kt.expected, kt.completeness) == (2, 2, 100)
    assert (vx.entered, vx.expected, vx.completeness) == (1, 2, 50)
    assert kt.status.state == State.APPROVED and vx.status.state == State.DRAFT
    assert kt.timeliness == progress.Timeliness.LATE  # submitted in 2026, due 14/12/2023
    assert vx.timeliness == progress.Timeliness.NOT_SUBMITTED
    # in 2030 the district has no commune left (xa ended on 30/6/2025): the district itself is listed
    early = progress.overview(people["xa"].parent, Period.parse("2030"), today=dt.date(2030, 3, 1))
    assert [r.unit.code for r in early.rows] == ["huyen"]
    assert early.rows[0].cells[0].timeliness == progress.Timeliness.NOT_DUE


def test_on_time_is_judged_on_the_first_submission(people):
    submission = Submission(first_submitted_at=dt.datetime(2023, 12, 14, 10, tzinfo=dt.UTC))
    due = deadlines.deadline(Y2023)
    assert progress.timeliness(submission, due, dt.date(2024, 2, 1)) == progress.Timeliness.ON_TIME
    late = Submission(first_submitted_at=dt.datetime(2023, 12, 20, 10, tzinfo=dt.UTC))
    assert progress.timeliness(late, due, dt.date(2024, 2, 1)) == progress.Timeliness.LATE
    assert progress.timeliness(None, due, dt.date(2023, 12, 1)) == progress.Timeliness.NOT_DUE
