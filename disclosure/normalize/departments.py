"""One key for the many ways a department's name is printed.

The same office is printed in full, in the party's short form and without its prefix across the
volumes and years of its disclosures (Jiangsu, ../shared/corpus: 中国共产党江苏省委员会办公厅 on the
2017 tables volume, 中共江苏省委办公厅 on the 2018–2019 tables volumes, 江苏省委办公厅 on every
explanations volume), and a people's congress as 人民代表大会常务委员会 or 人大常委会. `department_key`
maps these to one string, so that a dataset groups a department across years and pairs the two
volumes of one disclosure (disclosure/batch/volumes.py). The key is for joining, never for display:
the printed name stays in `documents.department`.

The rewrites are the standard short forms of the organs' names (中共 for 中国共产党, 省委/市委/县委/区委
for their 委员会, 人大常委会 for 人民代表大会常务委员会, 政协 for 中国人民政治协商会议…委员会); they
do not guess a province that is not printed.
"""
from __future__ import annotations

import re
import unicodedata

_SHORT = [  # (printed, short form), applied in order
    ("中国共产党", "中共"),
    ("人民代表大会常务委员会", "人大常委会"),
    ("中国人民政治协商会议", "政协"),
    ("政治协商会议", "政协"),
]
# 中共江苏省委员会 -> 中共江苏省委; 中共南京市委员会 -> 中共南京市委 (a party committee's short form);
# not 常务委员会 / 政协…委员会 (kept: 政协江苏省委员会 is the committee's own name)
_PARTY_COMMITTEE = re.compile(r"^中共(.{1,12}?(?:省|自治区|市|州|盟|县|区|旗))委员会")
_SPACE = re.compile(r"[\s\u3000·•]+")
_BRACKETS = re.compile(r"[（(][^）)]*[）)]$")  # a trailing (本级) / （汇总）


def department_key(name: str) -> str:
    """The joining key of a printed department name: width-folded, spaces dropped, the standard
    short forms applied, the party prefix 中共 dropped where a committee's office is named
    (中国共产党江苏省委员会办公厅, 中共江苏省委办公厅 and 江苏省委办公厅 all give 江苏省委办公厅), a trailing
    bracketed qualifier dropped. '' for an empty name."""
    s = _SPACE.sub("", unicodedata.normalize("NFKC", name or ""))
    s = _BRACKETS.sub("", s)
    for long, short in _SHORT:
        s = s.replace(long, short)
    s = _PARTY_COMMITTEE.sub(lambda m: f"中共{m.group(1)}委", s)
    if s.startswith("中共") and len(s) > 4:
        s = s[2:]
    return s
