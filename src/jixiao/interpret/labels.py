"""All label knowledge of the interpreter, as data.

A layout is recognised by the labels printed in it, never by file name, region or row number. To read
a new region's layout, add its labels here. Keys are compared after :func:`label_key` (white space,
colons, ``其中`` and bracketed notes removed, full-width forms folded), so list each label once.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "FUND_LABELS",
    "GOAL_LABELS",
    "HEADER_LABELS",
    "INDICATOR_COLUMNS",
    "INDICATOR_TEXT_LABELS",
    "LEVEL1_TERMS",
    "LEVEL2_TERMS",
    "MONEY_UNITS",
    "NARRATIVE_START",
    "PERIOD_LABELS",
    "PROJECT_COLUMNS",
    "PURPOSE_LABELS",
    "SPENDING_PLAN_LABELS",
    "TITLE_ENDINGS",
    "bracket_note",
    "is_level_term",
    "label_key",
    "lookup",
]

# -- table titles ---------------------------------------------------------------------------------
# A paragraph ending in one of these (after its enumerator and bracketed notes) starts a new table.
TITLE_ENDINGS: dict[str, str] = {
    "绩效目标表": "project_target",
    "绩效目标申报表": "project_target",
    "绩效目标批复表": "project_target",
    "绩效目标审核表": "project_target",
    "绩效自评表": "self_evaluation",
    "绩效自评结果表": "self_evaluation",
}
DEPARTMENT_TITLE_MARKERS = ("部门整体", "整体支出")

# -- the department narrative (部门整体绩效目标, seed 001 第一部分) ----------------------------------
NARRATIVE_START = ("部门整体绩效目标", "部门整体支出绩效目标")
PART_HEADING = re.compile(r"^第[一二三四五六七八九十]+部分$")
SECTION_HEADING = re.compile(r"^[一二三四五六七八九十]+、\S")

# -- header fields: label key -> TargetTable field ------------------------------------------------
HEADER_LABELS: dict[str, str] = {
    "单位": "unit",
    "单位信息": "unit",
    "单位名称": "unit",
    "填报单位": "unit",
    "预算单位": "unit",
    "单位编码": "unit_code",
    "部门名称": "unit",  # 部门（单位）名称 too: the bracket is dropped from the key
    "部门预算编码": "unit_code",
    "部门编码": "unit_code",
    "实施期限": "midterm_period",
    "项目期限": "midterm_period",
    "主管部门": "department",
    "主管部门及代码": "department",
    "资金主管部门": "department",
    "实施单位": "implementing_unit",
    "项目名称": "project_name",
    "单位项目名称": "project_name",
    "预算项目": "project",  # code-name, split
    "项目编码": "project_code",
    "项目代码": "project_code",
    "项目属性": "project_attribute",
    "职能职责与活动": "function",
    "项目经办人": "manager",
    "项目负责人": "manager",
    "项目经办人电话": "manager_phone",
    "项目负责人电话": "manager_phone",
    "联系电话": "manager_phone",
    "预算执行率权重": "budget_execution_weight",
    "执行率分值": "budget_execution_weight",
}

# Fund labels: label key -> Funds field. ``fiscal``/``other`` become ``midterm_*`` under a mid-term heading.
FUND_LABELS: dict[str, str] = {
    "预算数": "total",
    "年度预算数": "total",
    "年度资金总额": "total",
    "项目总额": "total",
    "资金总额": "total",
    "项目资金总额": "total",
    "年度预算资金总额": "total",
    "预算资金总额": "total",
    "当年预算": "total",
    "财政资金": "fiscal",
    "财政拨款": "fiscal",
    "当年财政拨款": "fiscal",
    "本年财政拨款": "fiscal",
    "财政拨款资金": "fiscal",
    "其他资金": "other",
    "上年结转": "carryover",
    "上年结转资金": "carryover",
    "中期资金总额": "midterm_total",
    "实施期资金总额": "midterm_total",
    "财政专户管理资金": "fiscal_special_account",
    "财政专户拨款": "fiscal_special_account",
    "单位资金": "unit_funds",
    "社会投入资金": "social_funds",
    "银行贷款": "bank_loan",
}
MIDTERM_FUNDS = {
    "fiscal": "midterm_fiscal",
    "other": "midterm_other",
    "total": "midterm_total",
    "carryover": "midterm_carryover",
}
MONEY_SECTION_LABELS = ("项目资金", "资金情况", "预算情况")  # row labels whose bracket may name the money unit
# A label whose key ends so and whose bracket names a money unit (专项资金情况（万元）, 资金金额（万元）,
# 预算金额（万元）, 年度预算安排（万元）, 拟投入的资金（万元）) names the table's money unit.
MONEY_SECTION_ENDINGS = ("资金", "情况", "金额", "预算", "安排", "资金总额")

PURPOSE_LABELS = ("预算及资金用途", "预算规模及资金用途", "资金用途")
SPENDING_PLAN_LABELS = ("资金支出计划",)
GOAL_LABELS = (
    "绩效目标",
    "年度目标",
    "年度绩效目标",
    "年度总体目标",
    "本年度目标",
    "整体绩效目标",
    "总体绩效目标",
    "当年整体绩效目标",
    "当年绩效目标",
    "部门整体绩效目标",
)
MIDTERM_GOAL_LABELS = ("总体目标", "中长期目标", "实施期目标", "项目实施期目标", "中期目标")
PERIOD_LABELS = ("实施期", "实施周期")

MONEY_UNITS = ("亿元", "万元", "千元", "元")
MONEY_UNIT_LINE = re.compile(r"^(?:金额|货币|资金)?单位\s*[:：]\s*(亿元|万元|千元|元)$")
MONEY_UNIT_ANYWHERE = re.compile(r"(?:金额|货币|资金)?单位\s*[:：]\s*(亿元|万元|千元|元)(?![\u4e00-\u9fff])")
YEAR_LINE = re.compile(r"^[(（]\s*(\d{4})\s*年度?\s*[)）]$")

# -- a department table's task grid (:mod:`.tasks`) ---------------------------------------------
TASK_BLOCK_LABELS = frozenset({"年度主要任务", "年度重点工作任务", "主要任务", "年度工作任务", "重点工作任务"})
TASK_BLOCK_ENDING = "任务"  # 其他需完成的任务（可选填）: a row of the grid too
# column label key -> Task field; ``budget.x`` / ``executed.x`` are TaskAmounts fields
TASK_COLUMNS: dict[str, str] = {
    "任务名称": "name",
    "名称": "name",
    "任务": "name",
    "主要内容": "content",
    "主要实施内容": "content",
    "实施内容": "content",
    "任务内容": "content",
    "期望达到的目标": "status",
    "预期目标": "status",
    "预期达到的目标": "status",
    "完成情况": "status",
    "预算金额": "budget.total",
    "预算数": "budget.total",
    "拟投入的资金": "budget.total",
    "拟投入资金": "budget.total",
    "执行数": "executed.total",
    "分值": "max_score",
    "执行率": "rate",
    "得分": "score",
}
# amount columns, in the group (budget | executed) of the heading above them
TASK_AMOUNT_COLUMNS: dict[str, str] = {
    "总额": "total",
    "合计": "total",
    "小计": "total",
    "资金总额": "total",
    "财政拨款": "fiscal",
    "财政资金": "fiscal",
    "其他资金": "other",
}
TASK_TOTAL_LABELS = frozenset({"金额合计", "合计", "总计"})

# -- indicator tables -----------------------------------------------------------------------------
INDICATOR_COLUMNS: dict[str, str] = {
    "一级指标": "level1",
    "二级指标": "level2",
    "三级指标": "name",
    "指标名称": "name",
    "指标内容": "name",
    "绩效指标描述": "description",
    "指标描述": "description",
    "指标解释": "description",
    "指标值": "value",
    "指标值内容": "description",
    "目标值": "value",
    "本年度指标值": "value",
    "本年指标值": "value",
    "年度指标值": "value",
    "绩效指标值": "value",
    "本年绩效指标值": "value",
    "年度绩效指标值": "value",
    "中长期指标值": "overall_value",
    "实施期指标值": "overall_value",
    "实施周期指标值": "overall_value",
    "指标值确定依据": "basis",
    "指标值说明": "basis",
    "备注": "remark",
    "指标性质": "nature",
    "绩效指标性质": "nature",
    "指标值类型": "nature",
    "历史参考值": "history",
    "权重": "weight",
    "指标权重": "weight",
    "分值": "weight",
    "分值权重": "weight",
    "本年权重": "weight_this_year",
    "本权重": "weight_this_year",  # printed so in one Chongqing table
    "指标方向性": "direction",
    "度量单位": "measure_unit",
    "计量单位": "measure_unit",
    "绩效度量单位": "measure_unit",
    "绩效计量单位": "measure_unit",
}
# A score summary (一级指标 | 分值 | 得分 | 得分率, rows 决策 / 过程 / 产出 / 效益 / 合计) prints points per group:
# a header with a 一级指标 and a score column but no name column is one, and ends the indicators above it.
SCORE_SUMMARY_KEYS = frozenset({"得分", "得分率", "评价得分", "自评得分"})
NAME_COLUMN_KEYS = frozenset({"二级指标", "三级指标", "指标名称", "指标内容"})
# One long table holding many projects (Changsha, Chongqing 一般性项目): beside the indicator columns, the
# header names columns for each project's own fields, their cells merged down the project's indicator rows.
# A header with a project-name column among these is such a table: each run of rows under one project name
# becomes a table of its own. Values are TargetTable fields; ``funds.x`` is a Funds amount.
PROJECT_COLUMNS: dict[str, str] = {
    "项目名称": "project_name",
    "单位名称": "project_name",  # 单位（项目）名称: a unit's row, then its projects' rows
    "单位项目名称": "project_name",
    "项目编码": "project_code",
    "项目代码": "project_code",
    "单位编码": "unit_code",
    "部门名称": "unit",  # 部门（单位）名称 too: the bracket is dropped from the key
    "部门预算编码": "unit_code",
    "部门编码": "unit_code",
    "实施期限": "midterm_period",
    "项目期限": "midterm_period",
    "资金总额": "funds.total",
    "项目资金": "funds.total",
    "年度资金总额": "funds.total",
    "预算金额": "funds.total",
    "当年财政拨款预算金额": "funds.fiscal",
    "财政拨款": "funds.fiscal",
    "项目总额": "funds.total",
    "财政资金": "funds.fiscal",
    "其他资金": "funds.other",
    "上年结转": "funds.carryover",
    "绩效目标": "annual_goals",
    "年度目标": "annual_goals",
    "年度绩效目标": "annual_goals",
    "当年绩效目标": "annual_goals",
    "整体绩效目标": "annual_goals",
}
# A cell or column under one of these may hold all of a project's indicators as text
# (``1、产出指标：11-数量指标：…；年度指标值：≥20场。2、…``, :mod:`.indicator_text`).
INDICATOR_TEXT_LABELS = frozenset({"绩效指标", "年度绩效指标", "绩效指标及指标值", "主要绩效指标"})
# Where a table prints both 指标值 and a this-year column, the plain 指标值 is the overall value.
THIS_YEAR_VALUE_KEYS = ("本年度指标值", "本年指标值", "年度指标值", "本年绩效指标值", "年度绩效指标值")
PLAIN_VALUE_KEYS = ("指标值", "绩效指标值")  # the overall value where a this-year column is printed too
INDICATOR_HEADER_MIN = 3  # this many indicator column labels make a row the indicator header

LEVEL1_TERMS = frozenset({"产出指标", "效益指标", "满意度指标", "成本指标"})
LEVEL2_TERMS = frozenset(
    {
        "数量指标",
        "质量指标",
        "时效指标",
        "时效性",
        "成本指标",
        "经济成本指标",
        "社会成本指标",
        "生态环境成本指标",
        "经济效益指标",
        "社会效益指标",
        "生态效益指标",
        "可持续影响指标",
        "可持续发展指标",
        "服务对象满意度指标",
        "服务对象满意度",
        "社会公众满意度指标",
    }
)
# The level 1 a level-2 term belongs to, for a row whose level-1 cell was not read (a merged cell lost):
# a 社会效益指标 row under a carried 产出指标 is under 效益指标. Cost terms are left out (成本指标 is a
# level 1 of its own in some years, a level 2 of 产出指标 in others).
LEVEL1_BY_LEVEL2: dict[str, str] = {
    "数量指标": "产出指标",
    "质量指标": "产出指标",
    "时效指标": "产出指标",
    "经济效益指标": "效益指标",
    "社会效益指标": "效益指标",
    "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标",
    "可持续发展指标": "效益指标",
    "服务对象满意度指标": "满意度指标",
    "服务对象满意度": "满意度指标",
    "社会公众满意度指标": "满意度指标",
}
# Level terms and the pieces a page break leaves of them (服务对象满意, 可持续 | 影响指标).
LEVEL_TERMS_AND_FRAGMENTS = frozenset(
    {term[:end] for term in LEVEL1_TERMS | LEVEL2_TERMS for end in range(2, len(term) + 1)}
    | {term[start:] for term in LEVEL1_TERMS | LEVEL2_TERMS for start in range(len(term) - 3) if term.endswith("指标")}
)
# A term printed in the level-1 column that is really a level-2 one under an implied parent.
LEVEL1_OF: dict[str, str] = {"成本指标": "产出指标"}
INDICATOR_BLOCK_LABELS = frozenset({"绩效指标", "年度绩效指标", "绩效指标表"})

# every key a header label can have, for a quick rejection of value cells
ALL_HEADER_KEYS = frozenset(
    {
        *HEADER_LABELS,
        *FUND_LABELS,
        *MONEY_SECTION_LABELS,
        *PURPOSE_LABELS,
        *SPENDING_PLAN_LABELS,
        *GOAL_LABELS,
        *MIDTERM_GOAL_LABELS,
    }
)

# The analysts' flat sheet (jixiao.writers._flat: the .xlsx sheet 指标明细): one row per indicator with the
# table's header fields repeated, under column titles that pair the printed label with the field path
# (``表序 table``, ``三级指标 name``). It repeats the tables, so the interpreter leaves it out
# (:mod:`.flat_sheet`): a grid whose header row carries all of these labels is such a sheet.
FLAT_SHEET_LABELS = frozenset({"表序", "表类型", "项目名称", "指标序", "一级指标", "二级指标", "三级指标", "指标值"})
FLAT_SHEET_FIELD_PATH = re.compile(r"\s+[A-Za-z_][A-Za-z0-9_.]*$")  # ``三级指标 name`` → ``三级指标``
FLAT_SHEET_HEADER_ROWS = 3  # the header is among a grid's first rows

MONTH_SPAN_KEY = "1-N月"
_FOLD = str.maketrans({"：": ":", "（": "(", "）": ")", "［": "[", "］": "]", "　": " "})
_BRACKET = re.compile(r"[(\[]([^()\[\]]*)[)\]]")
_SPACE = re.compile(r"\s+")


# a monitoring period opening a label (1-7月执行数, 1—6月完成情况, 1至9月执行情况): one key for every month
_MONTH_SPAN = re.compile(r"^1[-—–－~～至到]\d{1,2}月(?:份|底|末)?(?=.)")


@lru_cache(maxsize=8192)
def label_key(text: str) -> str:
    """The lookup key of a printed label: ``其中：财政    资金`` → ``财政资金``; ``权重(%)`` → ``权重``;
    ``1—7月执行情况`` → ``1-N月执行情况``."""
    key = unicodedata.normalize("NFKC", text).translate(_FOLD)
    key = _SPACE.sub("", key)
    key = _BRACKET.sub("", key)
    key = key.strip(":").removeprefix("其中:").removeprefix("其中").strip(":")
    if "月" in key:
        key = _MONTH_SPAN.sub(MONTH_SPAN_KEY, key)
    return key


@lru_cache(maxsize=8192)
def bracket_note(text: str) -> str | None:
    """The bracketed note of a label, e.g. ``万元`` in ``项目资金 (万元)`` (or in ``(万\n元)``, wrapped)."""
    if "(" not in text and "（" not in text and "[" not in text and "［" not in text:
        return None  # most cells: no bracket, no normalising
    match = _BRACKET.search(unicodedata.normalize("NFKC", text).translate(_FOLD))
    return _SPACE.sub("", match.group(1)) if match else None


MAX_LABEL = 40  # no label is longer; longer texts are values and skip the lookup
MAX_COLUMN_LABEL = 16  # nor any indicator column label, brackets and spaces included


def lookup(text: str, table: dict[str, str]) -> str | None:
    return table.get(label_key(text)) if len(text) <= MAX_LABEL else None


def is_level_term(text: str) -> bool:
    key = label_key(text)
    return key in LEVEL1_TERMS or key in LEVEL2_TERMS


# == self-evaluation (绩效自评表, spec/self-evaluation.md) ========================================
# Read by :mod:`.evaluation`. Titles ending 自评表 (绩效自评表, 绩效目标自评表, 支出绩效自评表) are self-evaluations.
TITLE_ENDINGS.setdefault("自评表", "self_evaluation")
TITLE_ENDINGS.setdefault("绩效自评结果表", "self_evaluation")
# What a self-evaluation evaluates, by a word of its title (else a project).
SUBJECT_MARKERS: tuple[tuple[str, str], ...] = (
    ("转移支付", "transfer_payment"),
    *((m, "department") for m in DEPARTMENT_TITLE_MARKERS),
)

# Indicator columns only a self-evaluation prints (kept apart from INDICATOR_COLUMNS so that they do not count
# towards an indicator header: an evaluation report's 一级指标 | 分值 | 得分 | 得分率 is no indicator table).
EVALUATION_COLUMNS: dict[str, str] = {
    "实际完成值": "actual",
    "全年实际完成值": "actual",
    "完成值": "actual",
    "实际完成情况": "actual",
    "全年实际完成情况": "actual",
    "实际值": "actual",
    "得分": "score",
    "自评得分": "score",
    "指标得分": "score",
    "偏差原因分析及改进措施": "deviation",
    "偏差原因分析": "deviation",
    "未完成原因和改进措施": "deviation",
    "未完成原因分析": "deviation",
    "未完成原因分析及改进措施": "deviation",
    "偏差原因及改进措施": "deviation",
    "偏差原因分析和改进措施": "deviation",
    "原因分析及改进措施": "deviation",
    "未完成原因及改进措施": "deviation",
    "实际完成指标值": "actual",
    "年度实际完成值": "actual",
    "全年完成值": "actual",
    "实际得分": "score",
    "指标分值": "max_score",
    "标准分值": "max_score",
}
# In a table that prints one of these columns the points column (分值, 权重 …) is the row's max_score.
EVALUATION_MARKS = frozenset({"actual", "score"})
POINTS_FIELDS = frozenset({"weight"})  # the INDICATOR_COLUMNS fields that hold points

# 预算执行情况: the columns of a fund line, whatever they are called (circled numbers and (A)/(B) removed).
EXECUTION_COLUMNS: dict[str, str] = {
    "年初预算数": "initial_budget",
    "年初预算": "initial_budget",
    "年初预算安排金额": "initial_budget",
    "年初部门预算安排金额": "initial_budget",
    "年中调整金额": "adjustment",
    "调整金额": "adjustment",
    "全年预算数": "adjusted_budget",
    "调整后预算数": "adjusted_budget",
    "预算数": "adjusted_budget",  # the one budget printed beside what was executed
    "年度预算数": "adjusted_budget",
    "小计": "adjusted_budget",
    "全年执行数": "executed",
    "预算执行数": "executed",
    "年度拨付金额": "executed",
    "实际支出数": "executed",
    "实际执行数": "executed",
    "执行数": "executed",
    "执行率": "rate",
    "预算执行率": "rate",
    "支出实现率": "rate",
    "结余金额": "balance",
    "资金结余率": "balance_rate",
    "分值": "max_score",
    "权重": "max_score",
    "得分": "score",
}
# the label of a fund line (年度资金总额：, 其中：财政拨款, 上年结转, 财政资金小计, ①中央 …), read even with no figures
FUND_LINE = re.compile(r"(?:资金|拨款|结转|合计|小计|总额|总计)\s*[:：]?$|^[①-⑳]")
EXECUTION_NOTE_COLUMNS = frozenset({"偏差原因", "偏差原因分析", "原因", "执行偏差原因"})  # -> execution_note
EXECUTION_HEADER_MIN = 3  # this many execution column labels make a row the execution header
# a task grid's header names its tasks' columns too (任务名称 | 主要内容 | … | 全年执行数 | 分值 | 得分): not execution
TASK_GRID_MARKS = frozenset({"任务名称", "主要内容", "主要实施内容", "任务内容"})
CIRCLED = re.compile(r"[①-⑳]|=.*$")  # 年初预算安排金额① → 年初预算安排金额; 小计③=①+② → 小计

# 年度总体目标: the goals set (预期目标) beside what was done (实际完成情况).
EXPECTED_GOAL_LABELS = frozenset(
    {"预期目标", "年初目标", "年初设定目标", "年度目标", "绩效目标", "总体目标", "年度总体目标"}
)
ACHIEVED_GOAL_LABELS = frozenset(
    {"实际完成情况", "目标实际完成情况", "全年实际完成情况", "年度目标完成情况", "总体目标完成情况"}
)

# Rows after the indicators, and label | value rows anywhere: label key -> TargetTable field.
CLOSING_LABELS: dict[str, str] = {
    "总分": "total",
    "合计": "total",
    "总计": "total",
    "总分值": "total_max_score",
    "评价总分": "total_score",
    "自评总分": "total_score",
    "自评得分": "total_score",
    "评价等级": "grade",
    "自评等级": "grade",
    "评价结论": "conclusion",
    "自评结论": "conclusion",
    "存在问题": "problems",
    "存在的问题": "problems",
    "主要问题": "problems",
    "改进措施": "improvements",
    "改进意见": "improvements",
    "整改措施": "improvements",
    "偏差原因": "execution_note",
    **{label: "goals_achieved" for label in ACHIEVED_GOAL_LABELS},  # printed as a row label, its text beside
}
# 总分值、评价总分 (S) printed in one cell: both totals, in that order.
TOTAL_PAIR = re.compile(r"^总分值[、,，/]评价总分")

# A points figure inside a level-1 cell: 产出指标（50分）, 产出指标50分, 满意度指标（10）.
LEVEL_POINTS = re.compile(r"^(?P<name>.*?指标)\s*[(（]?\s*(?P<points>\d+(?:\.\d+)?)\s*分?\s*[)）]?$")
# A name printed with its label: 指标1：报销及时率.
NAME_LABEL = re.compile(r"^指标\s*\d+\s*[:：]\s*")
# A report's numbered caption naming some other table (表1：项目年度绩效指标表, 表2：综合评价得分情况表): the
# grid under it is that table, not a performance table (the captions of those read as titles first).
OTHER_CAPTION = re.compile(r"^(?:附表|表)\s*\d{1,3}\s*[:：.、．]\s*\S.*表$")
# The header labels of transfer-payment and department self-evaluations.
HEADER_LABELS.update(
    {
        "转移支付名称": "project_name",
        "转移支付项目名称": "project_name",
        "专项名称": "project_name",
        "中央主管部门": "department",
        "资金使用单位": "implementing_unit",
    }
)
ALL_HEADER_KEYS = ALL_HEADER_KEYS | HEADER_LABELS.keys()
# A department self-evaluation's task grid: 全年预算数 / 全年执行数, each split 总额 / 财政拨款 / 其他资金.
TASK_COLUMNS.update({"全年预算数": "budget.total", "全年执行数": "executed.total", "预算执行数": "executed.total"})


# == monitoring (绩效运行监控表, spec/self-evaluation.md "Monitoring tables") ============================
# Read by :mod:`.evaluation` like a self-evaluation: titles ending 监控表 (绩效运行监控表, 绩效目标执行监控表).
# A monitoring period opening a label (1-7月执行情况) is keyed 1-N月 by :func:`label_key`.
TITLE_ENDINGS.setdefault("监控表", "monitoring")
TITLE_ENDINGS.setdefault("运行监控表", "monitoring")
# The indicator columns of a monitoring table (kept apart from INDICATOR_COLUMNS like EVALUATION_COLUMNS).
MONITORING_COLUMNS: dict[str, str] = {
    **dict.fromkeys(
        (
            "当前完成值", "当前完成情况", "当前实际完成值", "累计完成值", "截至目前完成值", "截至目前完成情况",
            "1-N月执行情况", "1-N月完成情况", "1-N月完成值", "1-N月实际完成值", "1-N月指标完成情况",
            "1-N月执行数", "1-N月完成数",
        ),
        "progress",
    ),
    **dict.fromkeys(
        (
            "全年预计完成情况", "全年预计完成值", "全年预计完成数", "预计全年完成情况", "预计全年完成值",
            "全年预计完成", "预计完成情况", "预计完成值", "全年完成预计",
        ),
        "forecast",
    ),
    **dict.fromkeys(
        ("完成目标可能性", "完成可能性", "完成可能性分析", "目标完成可能性", "完成目标可能性分析", "能否完成目标"),
        "on_track",
    ),
    **dict.fromkeys(
        ("偏差原因", "原因分析", "偏差原因说明", "偏差情况及原因", "偏差原因分析说明", "未完成原因"),
        "deviation",
    ),
    **dict.fromkeys(
        ("纠偏措施", "改进措施", "纠偏整改措施", "整改措施", "拟采取的纠偏措施", "纠偏措施及建议", "完善措施"),
        "measures",
    ),
}  # fmt: skip
# One of these columns makes an indicator header a monitoring table's (偏差原因, 改进措施 alone do not).
MONITORING_MARKS = frozenset({"progress", "forecast", "on_track"})
# The execution header of a monitoring table: the budget to date, named by its period.
EXECUTION_COLUMNS.update(
    {
        "调整后预算": "adjusted_budget",
        "调整后的预算": "adjusted_budget",
        "1-N月执行数": "executed",
        "1-N月支出数": "executed",
        "累计执行数": "executed",
        "累计支出": "executed",
        "累计支出数": "executed",
        "1-N月执行率": "rate",
    }
)

# every label of a row or column: a label a page break cut in two (年 | 度总体目标) is found again by it
KNOWN_LABELS = frozenset(
    {
        *ALL_HEADER_KEYS,
        *INDICATOR_COLUMNS,
        *INDICATOR_BLOCK_LABELS,
        *INDICATOR_TEXT_LABELS,
        *EXPECTED_GOAL_LABELS,
        *ACHIEVED_GOAL_LABELS,
        *EVALUATION_COLUMNS,
        *EXECUTION_COLUMNS,
        *CLOSING_LABELS,
    }
)
