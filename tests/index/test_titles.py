"""Speaker lines and turn labels → name, titles, units, roles (index/titles.py)."""

from __future__ import annotations

import pytest

from index.records import Attribution
from index.titles import (
    COMMON_SURNAMES,
    SURNAMES,
    describe_label,
    describe_labels,
    describe_speaker_lines,
    drop_place,
    innermost_unit,
    resolve_bare_roles,
    shared_place,
    split_speaker_line,
    split_title,
)

SANYA_LINES = [
    "三亚海棠区委书记、市现代服务业产业园工委书记 鲁正兰",
    "三亚吉阳区委书记 陈明",
    "三亚崖州区委书书记 马育红",
    "三亚育才生态区工委书记 李若平",
    "三亚市委直属机关工委常务副书记 侯振华",
    "三亚市教育局党委书记 吴萍",
    "三亚崖州湾科技城管理局党委副书记 林海",
    "三亚中央商务区管理局党委专职副书记 刘兰",
    "三亚市委两新组织工委书记 符婉",
]


@pytest.mark.parametrize(
    "title, unit, role",
    [
        ("海棠区委书记", "海棠区", "区委书记"),
        ("崖州区委书书记", "崖州区", "区委书记"),  # printed typo: title verbatim, role normalised
        ("市现代服务业产业园工委书记", "市现代服务业产业园", "工委书记"),
        ("教育局党委书记", "教育局", "党委书记"),
        ("中央商务区管理局党委专职副书记", "中央商务区管理局", "党委专职副书记"),
        ("市委直属机关工委常务副书记", "市委直属机关工委", "常务副书记"),
        ("市委两新组织工委书记", "市委两新组织工委", "书记"),
        ("浙江省政协主席", "浙江省政协", "主席"),
        ("食物及衞生局局長", "食物及衞生局", "局長"),
        ("財政司司長", "財政司", "司長"),
        ("三亚市长", "三亚市", "市长"),
        ("外交部长", "外交部", "部长"),
        ("北京大学校长", "北京大学", "校长"),
        ("主席", "", "主席"),
        ("議員", "", "議員"),
        ("坚持党建引领", "", ""),
    ],
)
def test_split_title(title, unit, role):
    assert split_title(title) == (unit, role)


def test_split_speaker_line_joins_spaced_two_character_names():
    assert split_speaker_line("山东省济南市政协主席 雷 杰") == ("雷杰", ("山东省济南市政协主席",))
    assert split_speaker_line("北京市政协主席 吉 林") == ("吉林", ("北京市政协主席",))
    assert split_speaker_line(SANYA_LINES[0]) == ("鲁正兰", ("三亚海棠区委书记", "市现代服务业产业园工委书记"))


@pytest.mark.parametrize(
    ("line", "name", "titles"),
    [
        ("三亚吉阳区委书记陈明", "陈明", ("三亚吉阳区委书记",)),
        ("三亚市教育局党委书记吴萍", "吴萍", ("三亚市教育局党委书记",)),
        ("市政府办公室主任任志强", "任志强", ("市政府办公室主任",)),  # 任 ends the position and starts the name
        ("浙江省政协主席葛慧君", "葛慧君", ("浙江省政协主席",)),
        ("市政协副主席欧阳明月", "欧阳明月", ("市政协副主席",)),
        (
            "三亚海棠区委书记、市现代服务业产业园工委书记鲁正兰",
            "鲁正兰",
            ("三亚海棠区委书记", "市现代服务业产业园工委书记"),
        ),
        ("食物及衞生局局長陳肇始", "陳肇始", ("食物及衞生局局長",)),
    ],
)
def test_split_speaker_line_reads_names_glued_to_positions_when_asked(line, name, titles):
    assert split_speaker_line(line, unspaced=True) == (name, titles)


@pytest.mark.parametrize("line", ["市委书记讲话", "做强平台纵深推进", "郭家麒議員", "主持人", "区委书记"])
def test_glued_lines_need_a_surname_after_a_position(line):
    assert split_speaker_line(line, unspaced=True) is None


def test_the_surnames_questions_know_are_among_those_of_speaker_lines():
    assert COMMON_SURNAMES < SURNAMES


@pytest.mark.parametrize(
    "line",
    [
        "红色引擎促融合 区域共建谋发展",  # headings: no position before the last word
        "做强平台 纵深推进 双向发力",
        "坚持党建引领 积极履职尽责",
        "海棠区深入探索“湾区大党委”体制机制，坚持党建来统领 鲁正兰",
        "三亚吉阳区委书记陈明",  # no space: a speaker line only where the layout says so
        "Barack Obama",
    ],
)
def test_split_speaker_line_rejects_other_lines(line):
    assert split_speaker_line(line) is None


def test_shared_place_is_a_place_most_lines_start_with():
    titles = [split_speaker_line(line)[1][0] for line in SANYA_LINES]
    assert shared_place(titles) == "三亚"  # 三亚 is a place: other titles continue it with 市
    assert shared_place(["浙江省政协主席", "湖北省政协主席", "上海市政协主席"]) == ""
    assert shared_place(["三亚市委组织部部长", "三亚市委宣传部部长", "三亚市公安局局长"]) == "三亚市"
    assert shared_place(["三亚海棠区委书记", "三亚吉阳区委书记"]) == "三亚"  # continued by districts
    assert shared_place(["北京大学校长", "北京大学副校长"]) == ""
    assert shared_place(["中国人民银行行长", "中国人民大学校长"]) == ""  # no sign 中国人民 is a place
    assert shared_place(["三亚市教育局局长"]) == ""  # one line is no shared context


def test_drop_place_never_leaves_a_unit_starting_with_wei():
    assert drop_place("三亚市教育局", "三亚") == "教育局"
    assert drop_place("三亚海棠区", "三亚") == "海棠区"
    assert drop_place("三亚市委两新组织工委", "三亚") == "市委两新组织工委"
    assert drop_place("三亚市委组织部", "三亚市") == "市委组织部"
    assert drop_place("三亚市", "三亚") == "三亚市"
    assert drop_place("海口市公安局", "三亚") == "海口市公安局"


def test_drop_place_with_a_suffix_also_drops_it_before_a_district():
    assert drop_place("三亚海棠区", "三亚市") == "海棠区"
    assert drop_place("三亚中央商务区管理局", "三亚市") == "中央商务区管理局"
    assert drop_place("三亚市教育局", "三亚市") == "教育局"
    assert drop_place("北京大学", "北京市") == "北京大学"  # not a district: the name stays whole
    assert drop_place("三亚崖州湾科技城管理局", "三亚市") == "三亚崖州湾科技城管理局"


def test_innermost_unit():
    assert innermost_unit("山东省济南市政协") == "济南市政协"
    assert innermost_unit("安徽省蚌埠市蚌山区政协") == "蚌山区政协"
    assert innermost_unit("浙江省政协") == "浙江省政协"
    assert innermost_unit("广西壮族自治区政协") == "广西壮族自治区政协"
    assert innermost_unit("中央商务区管理局") == "中央商务区管理局"


def test_describe_speaker_lines_in_document_context():
    infos = {info.speaker: info for info in describe_speaker_lines(SANYA_LINES)}
    assert infos["鲁正兰"].units == ("海棠区", "市现代服务业产业园")
    assert infos["鲁正兰"].roles == ("区委书记", "工委书记")
    assert infos["马育红"].titles == ("三亚崖州区委书书记",)
    assert infos["马育红"].units == ("崖州区",)
    assert infos["侯振华"].units == ("市委直属机关工委",)
    assert infos["吴萍"].units == ("教育局",)
    assert infos["符婉"].units == ("市委两新组织工委",)
    assert describe_speaker_lines(["不是发言人", SANYA_LINES[1]])[0] is None


def test_describe_speaker_lines_keeps_full_and_innermost_units():
    [lei, shi] = describe_speaker_lines(["山东省济南市政协主席 雷 杰", "安徽省蚌埠市蚌山区政协主席 石 艳"])
    assert lei == Attribution("雷杰", ("山东省济南市政协主席",), ("山东省济南市政协", "济南市政协"), ("主席",))
    assert shi.units == ("安徽省蚌埠市蚌山区政协", "蚌山区政协")


@pytest.mark.parametrize(
    "label, expected",
    [
        ("王芳（市商务局局长）", Attribution("王芳", ("市商务局局长",), ("市商务局",), ("局长",))),
        ("市商务局局长 王芳", Attribution("王芳", ("市商务局局长",), ("市商务局",), ("局长",))),
        ("主持人", Attribution("主持人", ("主持人",), (), ("主持人",))),
        ("食物及衞生局局長", Attribution("食物及衞生局局長", ("食物及衞生局局長",), ("食物及衞生局",), ("局長",))),
        ("郭家麒議員", Attribution("郭家麒議員", ("郭家麒議員",), (), ("議員",))),
        ("郭家麒", Attribution("郭家麒")),
        ("Barack H Obama", Attribution("Barack H Obama")),
        ("Candy Crowley (Moderator)", Attribution("Candy Crowley", ("Moderator",), (), ("Moderator",))),
        (
            "The Chair (Hon. Anthony Rota (NipissingTimiskaming, Lib.))",
            Attribution("Anthony Rota", ("Chair", "Hon."), ("NipissingTimiskaming, Lib.",), ("Chair",)),
        ),
        ("The Chair", Attribution("The Chair", roles=("Chair",))),
        (
            "The Acting Chair (Mr. Bruce Stanton)",
            Attribution("Bruce Stanton", ("Acting Chair",), (), ("Acting Chair",)),
        ),
        ("Lynne Neagle AM", Attribution("Lynne Neagle", ("AM",), (), ("AM",))),
        ("Right Hon. Justin Trudeau", Attribution("Justin Trudeau", ("Right Hon.",))),
        (
            "Hon. Bill Morneau (Minister of Finance)",
            Attribution("Bill Morneau", ("Hon.", "Minister of Finance"), (), ("Minister of Finance",)),
        ),
        (
            "Vaughan Gething (Minister for Health and Social Services)",
            Attribution(
                "Vaughan Gething",
                ("Minister for Health and Social Services",),
                (),
                ("Minister for Health and Social Services",),
            ),
        ),
        (
            "Mr. Garnett Genuis (Sherwood ParkFort Saskatchewan, CPC)",
            Attribution("Garnett Genuis", (), ("Sherwood ParkFort Saskatchewan, CPC",)),
        ),
        ("Dr David Blaney", Attribution("David Blaney", ("Dr",))),
    ],
)
def test_describe_label(label, expected):
    assert describe_label(label) == expected


def test_resolve_bare_roles_uses_the_name_the_document_prints():
    chair = describe_label("The Chair (Hon. Anthony Rota (NipissingTimiskaming, Lib.))")
    bare = describe_label("The Chair")
    other = describe_label("Mr. Pat Kelly")
    assert resolve_bare_roles([bare, chair, other, bare]) == [chair, chair, other, chair]


def test_resolve_bare_roles_leaves_a_role_without_a_single_named_holder():
    bare = describe_label("The Chair")
    assert resolve_bare_roles([bare]) == [bare]
    two = [describe_label("The Chair (Ms. A Smith)"), describe_label("The Chair (Mr. B Jones)"), bare]
    assert resolve_bare_roles(two)[2] == bare


def test_describe_labels_drops_the_shared_place():
    infos = describe_labels(["王芳（三亚市商务局局长）", "李强（三亚市教育局局长）", "王芳（三亚市商务局局长）"])
    assert infos["王芳（三亚市商务局局长）"].units == ("商务局",)
    assert infos["李强（三亚市教育局局长）"].units == ("教育局",)
