"""The needs and pairs files: columns recognised, every bad input a located catalogue message."""

from __future__ import annotations

import pytest

from lerende_scan.circles import custom_themes, questionnaire_themes, read_needs, read_pairs
from lerende_scan.errors import Code, ScanError
from lerende_scan.questionnaire import Questionnaire, load_questionnaire


@pytest.fixture(scope="module")
def q() -> Questionnaire:
    return load_questionnaire(None)


def needs(text: str, q: Questionnaire, **kw: object):  # type: ignore[no-untyped-def]
    return read_needs(text.encode("utf-8"), questionnaire_themes(q), name="needs.csv", **kw)  # type: ignore[arg-type]


def codes(exc: pytest.ExceptionInfo[ScanError]) -> list[Code]:
    return [f.code for f in exc.value.findings]


def test_weights_become_fit_and_rank(q: Questionnaire) -> None:
    result = needs("id;afdeling;manager;feedback;Autonomie en hele taken;safety\nA;X;;4;2;0\nB;Y;A;;;\n", q)
    a, b = result.leaders
    assert a.fit[:3] == (1.0, 0.5, 0.0) and a.rank[:3] == (1, 2, 0) and a.department == "X"
    assert b.manager == "A" and not any(b.fit)
    assert [f.code for f in result.findings] == [Code.NEEDS_BLANK]


def test_choices_in_priority_order_match_names_in_either_language(q: Questionnaire) -> None:
    result = needs("naam,theme_1,theme_2,theme_3\nAnna,Psychological safety,feedback,autonomy\n", q)
    (anna,) = result.leaders
    ids = [t.id for t in result.themes]
    assert anna.rank[ids.index("safety")] == 1 and anna.rank[ids.index("autonomy")] == 3
    assert anna.fit[ids.index("feedback")] == pytest.approx(2 / 3)


def test_custom_themes(q: Questionnaire) -> None:
    result = read_needs(
        b"id,Strategie,Coaching\nA,1,3\n", custom_themes(["Strategie", "Coaching"]), name="n.csv"
    )
    assert [t.id for t in result.themes] == ["strategie", "coaching"] and result.leaders[0].fit == (
        1 / 3,
        1.0,
    )


@pytest.mark.parametrize(
    ("text", "expected", "row"),
    [
        ("id,feedback\nA,1\nA,2\n", Code.LEADER_ID_DUPLICATE, 3),
        ("id,feedback\nA,1\n,2\n", Code.LEADER_ID_BLANK, 3),
        ("wie,feedback\nA,1\n", Code.LEADER_ID_COLUMN_MISSING, None),
        ("id,feedbak\nA,1\n", Code.THEME_COLUMN_UNKNOWN, None),
        ("id,feedback\nA,veel\n", Code.NEED_WEIGHT_INVALID, 2),
        ("id,feedback\nA,-1\n", Code.NEED_WEIGHT_INVALID, 2),
        ("id,theme_1\nA,Feedbak\n", Code.THEME_CHOICE_UNKNOWN, 2),
        ("id,department\nA,X\n", Code.NEEDS_COLUMNS_MISSING, None),
        ("id,feedback,theme_1\nA,1,safety\n", Code.NEEDS_FORMATS_MIXED, None),
        ("id,manager,feedback\nA,B,1\nB,C,1\nC,A,1\n", Code.MANAGER_CYCLE, 2),
        ("id,manager,feedback\nA,A,1\n", Code.MANAGER_CYCLE, 2),
    ],
)
def test_bad_needs_files_are_located_catalogue_errors(
    q: Questionnaire, text: str, expected: Code, row: int | None
) -> None:
    with pytest.raises(ScanError) as info:
        needs(text, q)
    assert codes(info) == [expected]
    finding = info.value.findings[0]
    assert finding.file == "needs.csv" and finding.row == row
    assert "needs.csv" in str(finding) and "\n" not in str(finding)


def test_typo_in_a_theme_column_suggests_the_theme(q: Questionnaire) -> None:
    with pytest.raises(ScanError) as info:
        needs("id,feedbak\nA,1\n", q)
    assert "'feedback'" in info.value.findings[0].params["suggestion"]


@pytest.mark.parametrize("header", ["id,feedback,Feedback", "id,feedback,Evaluatie, reflectie en feedback"])
def test_two_columns_of_one_theme_are_an_error_not_the_last_one_winning(
    q: Questionnaire, header: str
) -> None:
    """'feedback' and 'Feedback' both filled the theme; the second overwrote the first without a word."""
    first, second = header.split(",", 2)[1:]
    with pytest.raises(ScanError) as info:
        needs(f"{header.replace(second, chr(34) + second + chr(34))}\nA,1,5\n", q)
    (finding,) = info.value.findings
    assert finding.code is Code.THEME_COLUMN_TWICE
    assert finding.params == {"column": second, "theme": "feedback", "other": first}


def test_empty_columns_without_a_header_are_ignored_and_filled_ones_named_by_number(
    q: Questionnaire,
) -> None:
    """Rows ending in ',,' were refused as "column '' is not a theme", once per empty column."""
    result = needs("id,feedback,,\nA,4,,\nB,2,,\n", q)
    assert [lead.id for lead in result.leaders] == ["A", "B"]
    with pytest.raises(ScanError) as info:
        needs("id,feedback,,\nA,4,,x\nB,2,,\n", q)
    assert codes(info) == [Code.THEME_COLUMN_UNKNOWN]
    assert info.value.findings[0].column == "#4"


def test_all_row_errors_are_reported_at_once(q: Questionnaire) -> None:
    with pytest.raises(ScanError) as info:
        needs("id,feedback\nA,x\nA,1\nB,-2\n", q)
    assert codes(info) == [Code.NEED_WEIGHT_INVALID, Code.LEADER_ID_DUPLICATE, Code.NEED_WEIGHT_INVALID]


def test_unknown_manager_is_a_warning_and_the_rule_is_dropped(q: Questionnaire) -> None:
    result = needs("id,manager,feedback\nA,Z,1\n", q)
    assert [f.code for f in result.findings] == [Code.MANAGER_UNKNOWN] and result.leaders[0].manager is None


def test_theme_chosen_twice_is_a_warning(q: Questionnaire) -> None:
    result = needs("id,theme_1,theme_2\nA,safety,safety\n", q)
    assert [f.code for f in result.findings] == [Code.THEME_CHOSEN_TWICE]


def test_pairs_file(q: Questionnaire) -> None:
    base = needs("id,feedback\nA,1\nB,1\nC,1\n", q)
    result = read_pairs(b"leader_a,leader_b,rule\nA,B,apart\nB,C,samen\n", base, name="pairs.csv")
    assert result.separate == (("A", "B"),) and result.join == (("B", "C"),)
    with pytest.raises(ScanError) as info:
        read_pairs(b"leader_a,leader_b,rule\nA,X,apart\nA,B,maybe\n", base, name="pairs.csv")
    assert codes(info) == [Code.PAIR_ID_UNKNOWN, Code.PAIR_RULE_UNKNOWN]
    with pytest.raises(ScanError) as info:
        read_pairs(b"a;b\nA;B\n", base, name="pairs.csv")
    assert codes(info) == [Code.PAIRS_COLUMNS_MISSING]


def test_a_pair_of_one_leader_or_a_contradiction_is_located_in_the_pairs_file(q: Questionnaire) -> None:
    """Both were reported on the needs file without a row (found by fuzzing)."""
    from lerende_scan.circles import form_circles

    base = needs("id,feedback\n" + "".join(f"L{i},1\n" for i in range(16)), q)
    with pytest.raises(ScanError) as info:
        read_pairs(b"leader_a,leader_b,rule\nL1,L2,apart\nL3,L3,apart\n", base, name="pairs.csv")
    assert [(f.code, f.file, f.row) for f in info.value.findings] == [(Code.PAIR_SELF, "pairs.csv", 3)]
    rules = b"leader_a,leader_b,rule\nL1,L2,samen\nL2,L3,samen\nL1,L3,apart\n"
    paired = read_pairs(rules, base, name="p.csv")
    with pytest.raises(ScanError) as info:
        form_circles(paired)
    assert [(f.code, f.file, f.row) for f in info.value.findings] == [(Code.PAIR_CONFLICT, "p.csv", 4)]
    assert "(through L2)" in info.value.findings[0].message


def test_rows_of_a_pairs_or_needs_file_are_named_as_a_spreadsheet_counts_them(q: Questionnaire) -> None:
    """Blank lines were not counted: a self pair on line 5 was reported at row 3 (found by fuzzing)."""
    base = needs("id,feedback\n" + "".join(f"L{i},1\n" for i in range(16)), q)
    with pytest.raises(ScanError) as info:
        read_pairs(b"leader_a,leader_b,rule\n\nL1,L2,samen\n,,\nL3,L3,apart\n", base, name="pairs.csv")
    assert [(f.code, f.row) for f in info.value.findings] == [(Code.PAIR_SELF, 5)]
    with pytest.raises(ScanError) as info:
        needs("id,feedback\nA,1\n\n,2\n", q)
    assert [(f.code, f.row) for f in info.value.findings] == [(Code.LEADER_ID_BLANK, 4)]


def workbook(rows: list[list[object]]) -> bytes:
    """An .xlsx whose cells are as given; a string such as '#N/A' becomes an error cell, as Excel stores
    a formula that failed (openpyxl types it 'e')."""
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    assert sheet["B2"].data_type == "e"  # the test would prove nothing with a plain text cell
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_error_cells_in_a_workbook_are_refused_as_in_a_csv(q: Questionnaire) -> None:
    """#N/A, #DIV/0! and #REF! in an .xlsx read as blank weights (the leader silently lost a need)."""
    rows: list[list[object]] = [
        ["id", "feedback", "safety"],
        ["A", "#N/A", 1],
        ["B", 2, "#DIV/0!"],
        ["C", "#REF!", 1],
        ["D", 3, 1],
    ]
    themes = questionnaire_themes(q)
    with pytest.raises(ScanError) as from_xlsx:
        read_needs(workbook(rows), themes, name="needs.xlsx")
    csv = "\n".join(",".join(str(v) for v in r) for r in rows) + "\n"
    with pytest.raises(ScanError) as from_csv:
        read_needs(csv.encode(), themes, name="needs.csv")
    found = [(f.code, f.row, f.column, f.params.get("value")) for f in from_xlsx.value.findings]
    assert found == [
        (Code.NEED_WEIGHT_INVALID, 2, "feedback", "#N/A"),
        (Code.NEED_WEIGHT_INVALID, 3, "safety", "#DIV/0!"),
        (Code.NEED_WEIGHT_INVALID, 4, "feedback", "#REF!"),
    ]
    assert found == [(f.code, f.row, f.column, f.params.get("value")) for f in from_csv.value.findings]


def test_impossible_pair_rules_name_the_pairs_file(q: Questionnaire) -> None:
    """L019, L029 and L028 named the needs file (without a row) when the pairs file made it impossible."""
    from lerende_scan.circles import CircleOptions, SizeRule, form_circles

    base = needs("id,department,feedback\n" + "".join(f"L{i},D{i % 2},1\n" for i in range(16)), q)
    chain = "".join(f"L{i},L{i + 1},samen\n" for i in range(9))  # rows 2..10: ten leaders in one unit
    with pytest.raises(ScanError) as info:
        form_circles(read_pairs(b"leader_a,leader_b,rule\n" + chain.encode(), base, name="p.csv"))
    assert [(f.code, f.file, f.row) for f in info.value.findings] == [(Code.JOIN_TOO_LARGE, "p.csv", 2)]

    joined = "".join(f"L{i},L{i + 2},join\n" for i in range(0, 8, 2))  # five of D0 (rows 3..6), cap 4
    over = b"leader_a,leader_b,rule\nL1,L3,apart\n" + joined.encode()
    with pytest.raises(ScanError) as info:
        form_circles(read_pairs(over, base, name="p.csv"), CircleOptions(max_per_department=4))
    assert [(f.code, f.file, f.row) for f in info.value.findings] == [(Code.JOIN_OVER_CAP, "p.csv", 3)]

    eight = needs("id,feedback\n" + "".join(f"L{i},1\n" for i in range(8)), q)
    apart = read_pairs(b"leader_a,leader_b,rule\nL0,L5,apart\n", eight, name="p.csv")
    with pytest.raises(ScanError) as info:
        form_circles(apart, CircleOptions(sizes=SizeRule(8, 8, 8)))
    assert [(f.code, f.file) for f in info.value.findings] == [(Code.NOTHING_FORMED, "p.csv")]
    assert len(form_circles(eight, CircleOptions(sizes=SizeRule(8, 8, 8))).circles) == 1  # the pair did it
