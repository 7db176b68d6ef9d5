"""Per-role error lines of ``vnextract evaluate --show-errors``."""
from extractor.evaluation import evaluate as ev


def _gold():
    return {"a1": {"id": "a1", "officials": [
        {"name": "Lê Văn Tâm", "roles": [
            {"title": "Ủy viên Ban Thường vụ", "level": "huyện", "text": "Ủy viên Ban Thường vụ Huyện ủy"},
            {"title": "Trưởng ban", "level": "huyện", "text": "Trưởng Ban Dân vận Huyện ủy"}]},
        {"name": "Hà Thị Nhung", "roles": [
            {"title": "Phó Chủ tịch", "level": "xã", "text": "Phó Chủ tịch UBND xã"}]}]}}


def test_missed_and_extra_roles_show_their_text():
    pred = {"a1": {"id": "a1", "officials": [
        {"name": "Lê Văn Tâm", "roles": [
            {"title": "Ủy viên", "level": "huyện", "text": "Ủy viên Ban"},
            {"title": "Trưởng ban", "level": "huyện", "text": "Trưởng Ban Dân vận Huyện ủy"}]},
        {"name": "Hà Thị Nhung", "roles": [
            {"title": "Phó Chủ tịch", "level": "huyện", "text": "Phó Chủ tịch UBND\nxã"}]}]}}
    rep = ev.score(_gold(), pred)
    lines = [e for e in rep.errors if " role " in e]
    assert lines == [
        "[a1] role missed Hà Thị Nhung: Phó Chủ tịch @xã  «Phó Chủ tịch UBND xã»",
        "[a1] role missed Lê Văn Tâm: Ủy viên Ban Thường vụ @huyện  «Ủy viên Ban Thường vụ Huyện ủy»",
        "[a1] role extra  Hà Thị Nhung: Phó Chủ tịch @huyện  «Phó Chủ tịch UBND xã»",
        "[a1] role extra  Lê Văn Tâm: Ủy viên @huyện  «Ủy viên Ban»",
    ]
    assert rep.fields["officials.role"]["tp"] == 1


def test_no_role_lines_when_roles_match():
    rep = ev.score(_gold(), _gold())
    assert not [e for e in rep.errors if " role " in e]
