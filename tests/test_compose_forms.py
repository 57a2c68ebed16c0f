"""A web form's fields build the data a data file holds (`compose.forms`), and compose
through the same checks (`compose.api.*_from_data`); a draft PDF is made in memory."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import pytest

from paayesh_docs.compose import api, forms
from paayesh_docs.compose.errors import ComposeError
from paayesh_docs.config import load_settings
from paayesh_docs.office import init_office
from paayesh_docs.registry import Registry


@pytest.fixture
def office(tmp_path: Path) -> Path:
    init_office(tmp_path / "office")
    return tmp_path / "office"


LETTER_FORM = {
    "subject": "موانع صادرات", "date": "۲۱ آبان ۱۴۰۵", "priority": "فوری",
    "classification": "محرمانه", "body": "بند یک.\n\nبند دو.",
    "recipients": "جناب آقای رضایی | ریاست محترم سازمان توسعه تجارت ایران\r\nاداره کل گمرک استان",
    "copies": "دبیرخانه شورای عالی توسعه صادرات غیرنفتی: جهت استحضار\nاتاق بازرگانی",
    "signer_name": "محمد احمدی", "signer_title": "رئیس سازمان",
}


def test_letter_form_is_a_data_file_and_references_come_from_the_registry(office: Path):
    settings = load_settings(office)
    with Registry(settings) as registry:
        registry.register_paper({"subject": "درخواست", "sender": "گمرک", "number": "۴۵۶/ت",
                                 "date": "1405-08-01", "kind": "letter"})
        data = forms.letter_data({**LETTER_FORM, "ref_relation": ["reply_to", "further_to"],
                                  "ref_number": ["۴۵۶/ت", ""]}, registry)
        assert data["recipients"] == [
            {"person": "جناب آقای رضایی", "to": "ریاست محترم سازمان توسعه تجارت ایران"},
            {"to": "اداره کل گمرک استان"}]
        assert data["copies"][1] == {"to": "اتاق بازرگانی"}
        assert data["references"] == [{"relation": "reply_to", "number": "۴۵۶/ت",
                                       "date": "1405-08-01"}]
        with pytest.raises(ComposeError) as missing:
            forms.letter_data({**LETTER_FORM, "ref_relation": ["reply_to"],
                               "ref_number": ["999/نیست"]}, registry)
        assert "999" in missing.value.en
    letters = api.letters_from_data(settings, data, "فرم نامه")
    assert len(letters) == 2
    assert letters[0].record["references"][0]["relation"] == "reply_to"
    pdf = api.draft_pdf(settings, letters[0])
    assert pdf.startswith(b"%PDF") and len(pypdfium2.PdfDocument(pdf)) >= 1


def test_form_problems_are_the_data_files_problems(office: Path):
    settings = load_settings(office)
    with Registry(settings) as registry:
        data = forms.letter_data({"subject": "", "recipients": "", "date": "فردا"}, registry)
    with pytest.raises(ComposeError) as refused:
        api.letters_from_data(settings, data, "فرم نامه")
    assert "فرم نامه" in refused.value.fa


def test_minutes_and_report_forms(office: Path):
    settings = load_settings(office)
    minutes = forms.minutes_data({
        "number": "۱۸", "date": "1405/08/14", "place": "سالن جلسات",
        "attendees": "آقای احمدی - رئیس کمیته\nآقای بلوچ - نماینده اتاق",
        "agenda": "بررسی موانع صادرات", "resolutions": "گزارش ارائه شود | گمرک | 1405/09/15",
        "signer_name": "علی رضایی", "signer_title": "دبیر کمیته"})
    assert minutes["resolutions"] == [{"text": "گزارش ارائه شود", "owner": "گمرک",
                                       "deadline": "1405/09/15"}]
    assert api.minutes_from_data(settings, minutes, "فرم صورتجلسه").record["kind"] == "minutes"
    report = forms.report_data({
        "progress": "پیشرفت ۶۰ درصد", "assessment": "مطابق برنامه.", "proposals": "تسریع",
        "supervisor": "دکتر مریم سلیمانی", "budget_current": "5000000000",
        "budget_change": "-10"})
    prepared = api.report_from_data(settings, report, "فرم گزارش", "خرمای سراوان", "1405Q2")
    assert "خوشه خرمای سراوان" in prepared.record["subject"]
    with pytest.raises(ComposeError):
        api.report_from_data(settings, {**report, "budget": {"current": "100",
                                                             "change_percent": "25"}},
                             "فرم گزارش", "خرمای سراوان", "1405Q2")
