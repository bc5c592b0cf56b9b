"""Ranking rules of the Korean search, pinned on small made-up indexes (no build, no browser:
the search worker runs in Node, tools/harness/node.py, so these run in `make check`).

Each fixture is a few pages as Material's search plugin makes their entries (a page entry,
then its sections), enriched and split by ``hooks/search/engine.py`` as the build does, next
to Material's worker and ``overrides/.../search-ko.js``. What a reader sees is read with
``shown_links`` (the page link, then the sections that score as high as the page's best).

- the page whose title, or front matter description, names the topic is the first link,
  ahead of a long page whose sections and text only mention it, and ahead of a section whose
  title has a longer word that merely begins with a query term (자동* -> 자동차);
- a page that wins its own group shows one link, so five links show more pages;
- a name that appears only in code (variable, parameter, class) finds its section, from the
  full-text stage: the first-stage index does not carry it;
- a bare dunder name in prose (``getitem``, ``len``) finds the section whose prose explains
  ``__getitem__``/``__len__`` and whose code defines them, ahead of sections whose code only
  defines them and of a section whose title is the glossary's 길이 (len);
- of two sections with the same title, the one on the page whose sections keep naming the
  query's words comes first;
- a name typed as one camelCase word (``DenseNet``) is one name: its joined form counts, not
  its common parts (``net`` in every ...Net title);
- the worker's ``engine:uncut`` (what the browser tests compare the engine with) is Material's
  worker as shipped wherever no query term gets an exact-word twin.

bench/search_course.py measures the same rules on a real 100-note course.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import material
import pytest

from hooks.search import engine
from tools import ROOT
from tools.harness import node
from tools.harness.search import shown_links

MATERIAL_JS = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
WORKER = ROOT / "overrides" / "assets" / "javascripts" / "workers" / "search-ko.js"
LONG = "<p>" + " ".join(["학습 속도를 높이는 여러 방법을 차례로 살펴본다."] * 40) + "</p>"


def page(url: str, title: str, text: str = "", *sections: tuple[str, str, str]) -> list[dict]:
    """Material's entries for one page: the page, then (anchor, title, text) per section."""
    return [{"location": url, "title": title, "text": text}] + [
        {"location": f"{url}#{anchor}", "title": heading, "text": body} for anchor, heading, body in sections
    ]


def make_site(tmp_path: Path, docs: list[dict], descriptions: dict[str, str] | None = None) -> Path:
    """A site folder with just the search: the enriched index in two stages (as
    ``extension.write_index`` writes them) and the workers."""
    site = tmp_path / "site"
    shutil.copytree(MATERIAL_JS / "lunr", site / "assets/javascripts/lunr")
    workers = site / "assets/javascripts/workers"
    workers.mkdir(parents=True)
    for f in (MATERIAL_JS / "workers").glob("search.*.min.js"):
        shutil.copy(f, workers / f.name)
    shutil.copy(WORKER, workers / WORKER.name)
    first, rest = engine.split_index(engine.process_docs(docs, engine.Glossary.load(), descriptions or {}))
    fields = {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}, **engine.FIELDS}
    config = {
        "lang": ["ko"],
        "separator": engine.SEPARATOR,
        "pipeline": [],
        "fields": fields,
        "text_url": "search/search_text.json",
        "first_fields": list(engine.FIRST_FIELDS),
    }
    (site / "search").mkdir()
    (site / "search/search_index.json").write_text(json.dumps({"config": config, "docs": first}, ensure_ascii=False))
    (site / "search/search_text.json").write_text(json.dumps(rest, ensure_ascii=False))
    return site


def links(site: Path, queries: list[str]) -> dict[str, list[str]]:
    return {q: shown_links(data["items"]) for q, data in node.search(site, queries)}


def test_the_page_about_the_topic_is_the_first_link(tmp_path):
    docs = [
        # a long page: its sections and text mention the topic again and again
        *page(
            "tuning/",
            "성능 튜닝",
            LONG + "<p>앵커 박스와 학습률 스케줄러와 자동 미분을 모두 쓴다. 앵커 박스, 앵커 박스.</p>",
            ("multi", "멀티스케일 앵커 박스", LONG + "<p>앵커 박스를 여러 크기로 만든다. 앵커 박스를 줄인다.</p>"),
            ("car", "자율 주행 자동차", LONG + "<p>자동차의 미분 방정식.</p>"),
            ("lr", "훈련 요령", LONG + "<p>학습률 스케줄러로 학습률을 줄인다. 학습률 스케줄러가 중요하다.</p>"),
        ),
        *page("anchor/", "앵커 박스", "<p>물체의 위치를 찾는 상자를 만든다.</p>", ("iou", "IoU", "<p>겹친 넓이의 비율.</p>")),
        *page("autograd/", "자동 미분", "<p>미분을 자동으로 계산한다.</p>", ("graph", "계산 그래프", "<p>연산을 기록한다.</p>")),
        # the title does not name the topic, the description does
        *page(
            "schedule/", "훈련 과정 다듬기", "<p>훈련을 다듬는 방법을 모은다.</p>", ("warm", "워밍업", "<p>처음에는 작게.</p>")
        ),
    ]
    site = make_site(tmp_path, docs, {"schedule/": "학습률 스케줄러로 학습률을 바꾸는 방법을 다룬다."})
    got = links(site, ["앵커 박스", "자동 미분", "학습률 스케줄러"])
    assert got["앵커 박스"][0] == "anchor/", got
    assert got["자동 미분"][0] == "autograd/", got
    assert got["학습률 스케줄러"][0] == "schedule/", got


def test_a_whole_word_outranks_a_longer_word_it_begins(tmp_path):
    """Material searches every term as a prefix (자동*); lunr weighs the rarer 자동차 like 자동."""
    docs = [
        *page("autograd/", "자동 미분", "<p>미분을 계산한다.</p>"),
        *page("car/", "자동차 미분 방정식", "<p>바퀴의 움직임.</p>"),
        *page(
            "misc/",
            "여러 기능",
            "<p>자동으로 한다.</p>",
            *((f"s{i}", f"자동 기능 {i}", "<p>자동으로 저장한다.</p>") for i in range(6)),
        ),
    ]
    got = links(make_site(tmp_path, docs), ["자동 미분"])["자동 미분"]
    assert got[0] == "autograd/", got


def test_a_camel_case_name_is_one_name_not_its_common_parts(tmp_path):
    """DenseNet splits into dense, net (the separator's camelCase rule); the part net is in
    every ...Net title, so the page whose text names DenseNet must still come first."""
    nets = [
        page(f"{n.lower()}/", f"합성곱 신경망 ({n})", "<p>합성곱 층을 쌓는다.</p>") for n in ("AlexNet", "ResNet", "GoogLeNet")
    ]
    docs = [
        *[entry for p in nets for entry in p],
        *page(
            "dense/",
            "조밀하게 연결된 네트워크",
            "<p>DenseNet은 층을 모두 잇는다. DenseNet의 블록.</p>",
            ("block", "조밀한 블록", "<p>DenseNet의 블록은 출력을 잇는다.</p>"),
        ),
        *page("spaced/", "고밀도 층", "<p>dense 층과 net 전체.</p>"),
    ]
    got = links(make_site(tmp_path, docs), ["DenseNet", "densenet", "Dense Net", "AlexNet"])
    assert got["DenseNet"][0] == "dense/", got
    assert got["densenet"][0] == "dense/", got
    assert got["AlexNet"][0] == "alexnet/", got
    assert "spaced/" in got["DenseNet"], got  # the parts still find a page that spells it apart
    assert got["Dense Net"][0] != "dense/" or "spaced/" in got["Dense Net"][:3], got  # two typed words stay two terms


def test_of_two_sections_with_one_title_the_page_about_the_topic_comes_first(tmp_path):
    """Two sections titled 활성화 함수: the one on the page whose sections keep naming
    activation functions outranks the one on a page about something else."""
    docs = [
        *page(
            "alexnet/",
            "AlexNet",
            "<p>큰 합성곱 신경망.</p>",
            ("data", "데이터 읽기", "<p>이미지를 읽는다.</p>"),
            ("act", "활성화 함수", "<p>ReLU를 쓴다. 활성화 함수가 간단하다.</p>"),
            ("train", "훈련", "<p>모델을 훈련한다.</p>"),
            ("summary", "요약", "<p>깊은 신경망.</p>"),
        ),
        *page(
            "mlp/",
            "다층 퍼셉트론",
            "<p>은닉층과 활성화 함수.</p>",
            ("act", "활성화 함수", "<p>ReLU를 쓴다. 활성화 함수가 간단하다.</p>"),
            ("relu", "ReLU 함수", "<p>가장 많이 쓰는 활성화 함수.</p>"),
            ("sigmoid", "시그모이드 함수", "<p>0과 1 사이로 누르는 활성화 함수.</p>"),
            ("summary", "요약", "<p>비선형 활성화 함수가 필요하다.</p>"),
        ),
    ]
    got = links(make_site(tmp_path, docs), ["활성화 함수"])["활성화 함수"]
    assert got[0].startswith("mlp/"), got


def test_a_page_that_wins_its_group_shows_one_link(tmp_path):
    """Five links show at least three pages when three pages are about the query: the page
    whose title is the query folds its own sections that repeat it."""
    docs = [
        *page(
            "dropout/",
            "드롭아웃",
            "<p>드롭아웃은 뉴런을 무작위로 끈다.</p>",
            ("scratch", "드롭아웃 처음부터 구현", "<p>드롭아웃 함수를 만든다.</p>"),
            ("concise", "드롭아웃 간결한 구현", "<p>드롭아웃 층을 쓴다.</p>"),
        ),
        *page(
            "overfit/", "과적합", "<p>드롭아웃과 가중치 감쇠로 줄인다.</p>", ("drop", "드롭아웃으로 줄이기", "<p>드롭아웃.</p>")
        ),
        *page("alexnet/", "AlexNet", "<p>드롭아웃을 쓴 합성곱 신경망.</p>", ("net", "드롭아웃 층", "<p>드롭아웃 0.5.</p>")),
    ]
    got = links(make_site(tmp_path, docs), ["드롭아웃"])["드롭아웃"]
    assert got[0] == "dropout/" and not got[1].startswith("dropout/"), got
    assert len({link.split("#")[0] for link in got[:5]}) >= 3, got


def test_a_name_only_in_code_finds_its_section_from_the_full_text(tmp_path):
    code = (
        "<pre><code>x_data = torch.tensor(data)\nx_ones = torch.ones_like(x_data)\n"
        "class TinyNet(nn.Module):\n    def forward(self, inputs, hidden_state=None):\n        return inputs\n"
        "</code></pre>"
    )
    docs = [
        *page("tensors/", "텐서", "<p>텐서를 만든다.</p>", ("init", "텐서 초기화", f"<p>다른 텐서로부터 만든다.</p>{code}")),
        *page("other/", "다른 노트", "<p>텐서 모양.</p>", ("shape", "모양", "<p>텐서의 모양을 본다.</p>")),
    ]
    site = make_site(tmp_path, docs)
    assert "x_ones" not in (site / "search/search_index.json").read_text(), "the first stage must stay small"
    got = links(site, ["x_ones", "TinyNet", "hidden_state"])
    for query, shown in got.items():
        assert shown[:2] == ["tensors/", "tensors/#init"], (query, shown)


def test_a_bare_dunder_name_finds_the_section_that_explains_and_defines_it(tmp_path):
    defines = (
        "<pre><code>class Squares(Dataset):\n    def __init__(self, n):\n        self.n = n\n"
        "    def __len__(self):\n        return self.n\n    def __getitem__(self, idx):\n        return idx ** 2\n"
        "</code></pre>"
    )
    docs = [
        *page(
            "data/",
            "데이터 불러오기",
            "<p>Dataset과 DataLoader를 다룬다.</p>",
            (
                "dataset",
                "Dataset",
                "<ul><li><code>__len__</code>: 샘플 수를 돌려준다</li>"
                f"<li><code>__getitem__</code>: idx번째 샘플을 돌려준다</li></ul>{defines}",
            ),
            ("workers", "num_workers", f"<p>서브 프로세스 개수.</p>{defines}"),
            ("collate", "collate_fn", f"<p>샘플을 배치로 묶는다.</p>{defines}"),
            ("pad", "길이가 다른 샘플 묶기", "<p>짧은 샘플을 채운다.</p>"),
        ),
    ]
    got = links(make_site(tmp_path, docs), ["getitem", "len", "__len__"])
    for query, shown in got.items():
        assert shown[:2] == ["data/", "data/#dataset"], (query, shown)


def test_uncut_engine_is_materials_worker_where_no_term_gets_a_twin(tmp_path):
    docs = [
        *page("anchor/", "앵커 박스", "<p>상자를 만든다.</p>", ("iou", "IoU", "<p>앵커 박스가 겹친 비율.</p>")),
        *page("tuning/", "성능 튜닝", LONG, ("multi", "멀티스케일 앵커 박스", "<p>앵커 박스를 줄인다.</p>")),
        *page("boxes/", "상자 클래스", "<p>AnchorBox는 anchor 하나와 box 하나를 묶는다.</p>"),
    ]
    site = make_site(tmp_path, docs)
    queries = ["+앵커 +박스", "박스~1", "-튜닝", "앵커^2 +박스", "+AnchorBox"]  # (a phrase's first Hangul term stays optional)
    ours = node.search(site, queries, name="engine:uncut")
    shipped = node.search(site, queries, name="material")
    for (query, a), (_, b) in zip(ours, shipped):
        for group in b["items"]:  # the engine drops these from every result (search-ko.js)
            for item in group:
                for name in ("parent", *engine.FIELDS):
                    item.pop(name, None)
        assert a == b, query
    assert sum(len(g) for _, r in ours for g in r["items"]) >= 5, "the queries found too little to compare"


@pytest.mark.parametrize(
    "code, names",
    [
        ("x_ones = torch.ones_like(x_data)", {"x_ones", "torch.ones_like"}),
        ("a, b_val = 1, 2\ntotal += b_val", {"b_val", "total"}),
        (
            "def train(net, train_iter, *args, lr=0.1, **kwargs):\n    pass",
            {"train", "net", "train_iter", "args", "lr", "kwargs"},
        ),
        ("for epoch, step in pairs:\n    pass\nwith open(f) as fh:\n    pass", {"epoch", "step", "open", "fh"}),
    ],
)
def test_api_names_include_variables_and_parameters(code, names):
    assert names <= set(engine.api_names(code)), engine.api_names(code)


def test_a_definition_counts_twice_and_a_name_once_per_place():
    names = engine.api_names("class AdditiveAttention(nn.Module):\n    pass\nattention = AdditiveAttention(2)\n")
    assert names.count("AdditiveAttention") == 3, names  # defined (twice), called once
