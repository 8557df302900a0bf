"""Chinese word lists the demo draws from: names, causes, findings, requests, places.

Weights are rough shares, not statistics; they only need to look plausible on a dashboard.
"""

from __future__ import annotations

from graph.model.enums import CaseKind, FindingCategory

SURNAMES = (
    "王李张刘陈杨黄赵周吴" * 3
    + "徐孙朱马胡郭林何高罗" * 2
    + "郑梁谢宋唐许邓冯韩曹曾彭肖蔡潘田董袁于余叶蒋杜苏魏程吕丁沈任姚卢钟姜崔谭廖范汪陆"
    + "金石戴贾韦夏邱方侯邹熊孟秦白江薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严赖覃洪武莫孔"
)
GIVEN_MALE = (
    "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆旭宁龙林洋峰建国志文东海成康亮晨阳博毅"
)
GIVEN_FEMALE = "芳娜敏静丽艳娟霞燕玲婷秀英兰萍红梅莉雪琳洁倩颖慧蓉丹欣怡佳悦月薇晶"

MOBILE_PREFIXES = (
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
    "156", "157", "158", "159", "166", "177", "180", "181", "182", "183", "185", "186", "187",
    "188", "189", "191", "198", "199",
)  # fmt: skip
STREETS = (
    "人民路", "建设路", "解放路", "中山路", "文化路", "滨江路", "新华路", "胜利路", "和平路",
    "光明路", "团结路", "东风路", "学府路", "长江路", "嘉陵路", "南街", "北街", "西大街",
    "东大街", "迎宾大道",
)  # fmt: skip

# 2020 census populations (millions), the weight of each prefecture's case load.
CITY_POPULATION = {
    "510100": 20.9, "510300": 2.5, "510400": 1.2, "510500": 4.3, "510600": 3.5,
    "510700": 4.9, "510800": 2.3, "510900": 2.8, "511000": 3.1, "511100": 3.2,
    "511300": 5.6, "511400": 3.0, "511500": 4.6, "511600": 3.3, "511700": 5.4,
    "511800": 1.4, "511900": 2.7, "512000": 2.3, "513200": 0.8, "513300": 1.1,
    "513400": 4.9,
}  # fmt: skip

CAUSES: dict[CaseKind, tuple[tuple[str, float], ...]] = {
    CaseKind.CRIMINAL: (
        ("盗窃罪", 18), ("诈骗罪", 15), ("危险驾驶罪", 14), ("故意伤害罪", 9),
        ("帮助信息网络犯罪活动罪", 9), ("掩饰、隐瞒犯罪所得罪", 5), ("寻衅滋事罪", 5),
        ("开设赌场罪", 4), ("贩卖毒品罪", 5), ("非法吸收公众存款罪", 3), ("交通肇事罪", 4),
        ("合同诈骗罪", 2), ("职务侵占罪", 2), ("组织、领导、参加黑社会性质组织罪", 1),
        ("受贿罪", 1), ("强奸罪", 1), ("故意杀人罪", 0.5),
    ),
    CaseKind.CIVIL: (
        ("民间借贷纠纷", 20), ("买卖合同纠纷", 15), ("金融借款合同纠纷", 12), ("离婚纠纷", 10),
        ("机动车交通事故责任纠纷", 9), ("劳务合同纠纷", 6), ("房屋租赁合同纠纷", 5),
        ("建设工程施工合同纠纷", 5), ("物业服务合同纠纷", 5), ("信用卡纠纷", 6),
        ("劳动争议", 4), ("追索劳动报酬纠纷", 3),
    ),
    CaseKind.ADMINISTRATIVE: (
        ("行政处罚", 30), ("行政强制", 10), ("行政许可", 8), ("土地征收", 15),
        ("政府信息公开", 12), ("工伤认定", 10), ("行政复议", 8), ("不履行法定职责", 7),
    ),
}  # fmt: skip
CAUSES[CaseKind.ENFORCEMENT] = CAUSES[CaseKind.CIVIL]
# Causes that make a criminal case 涉黑涉恶 (the first always, the others sometimes).
GANG_CAUSE = "组织、领导、参加黑社会性质组织罪"
GANG_PRONE = frozenset({"寻衅滋事罪", "开设赌场罪", "非法吸收公众存款罪"})
FINANCIAL_CAUSES = frozenset({"金融借款合同纠纷", "信用卡纠纷"})

OFFENCE_CLASSES = (
    ("盗窃", 20), ("诈骗", 16), ("故意伤害", 12), ("毒品犯罪", 14), ("抢劫", 8),
    ("交通肇事", 6), ("故意杀人", 5), ("强奸", 5),
    ("职务犯罪", 5), ("金融犯罪", 4), ("涉黑", 3),
)  # fmt: skip
SENSITIVE_CLASSES = ("职务犯罪", "金融犯罪", "涉黑")
HOSPITALS = (
    "四川大学华西医院", "四川省人民医院", "成都市第三人民医院", "西南医科大学附属医院",
    "川北医学院附属医院", "乐山市人民医院", "绵阳市中心医院",
)  # fmt: skip
SERIOUS_DIAGNOSES = (
    "肝硬化失代偿期", "恶性肿瘤晚期", "尿毒症(维持性血液透析)", "严重心脏病(心功能IV级)",
    "脑梗死后遗症(生活不能自理)", "重症肺结核",
)  # fmt: skip
# Diagnoses with the words the mild-condition rule reads: mild ones it must flag, and serious
# ones it must not (negated, or in a clause of severity).
WORDED_DIAGNOSES = (
    "高血压2级(病情稳定)", "2型糖尿病(病情稳定,生活自理)", "轻度抑郁发作",
    "脑出血后遗症,不能生活自理", "一级伤残(高位截瘫)", "慢性肾衰竭(尿毒症期),无法生活自理",
    "肺癌晚期,病情未稳定",
)  # fmt: skip

FINDINGS: dict[FindingCategory, tuple[str, ...]] = {
    FindingCategory.SELECTIVE: ("同类案件立案标准不一", "对部分举报线索选择性不予立案"),
    FindingCategory.EXCESSIVE: (
        "超范围查封扣押冻结财物", "对轻微违法行为顶格处罚", "不当采取强制措施",
    ),
    FindingCategory.PROFIT_DRIVEN: (
        "违规异地抓捕涉企人员", "以罚代刑、趋利办案", "违规插手经济纠纷",
    ),
    FindingCategory.WORK_STYLE: (
        "接待群众态度生硬", "办案拖延、推诿扯皮", "对当事人诉求回应不及时",
    ),
    FindingCategory.PROCEDURAL: (
        "法律文书送达不规范", "超审限未报批", "证据材料装订不全", "告知程序缺失",
    ),
    FindingCategory.SUBSTANTIVE: ("事实认定不清", "适用法律错误", "量刑明显不当"),
    FindingCategory.DISCIPLINE: ("违规会见当事人", "违规过问案件未记录报告", "接受当事人宴请"),
}  # fmt: skip
FINDING_WEIGHTS = (
    (FindingCategory.PROCEDURAL, 40), (FindingCategory.SUBSTANTIVE, 12),
    (FindingCategory.WORK_STYLE, 15), (FindingCategory.EXCESSIVE, 10),
    (FindingCategory.SELECTIVE, 8), (FindingCategory.PROFIT_DRIVEN, 8),
    (FindingCategory.DISCIPLINE, 7),
)  # fmt: skip

COMPLAINT_OBJECTS = (
    "一审判决",
    "执行措施",
    "不予立案决定",
    "处理结果",
    "办案人员作风",
    "查封扣押措施",
)
COMPLAINT_DEMANDS = ("重新审理", "依法纠正", "追究办案人员责任", "尽快执行到位", "赔偿损失")

DUTY_REQUESTS = ("依职责听取案件汇报", "督促依法按期办结", "了解案件办理进展")
IMPROPER_REQUESTS = (
    "要求对当事人从轻处理", "打招呼要求暂缓执行", "请求关照当事人", "要求改变案件管辖",
    "转递当事人材料并要求优先办理", "要求解除查封措施",
)  # fmt: skip
IMPROPER_POSTS = {
    "RELATED": ("当事人亲属", "当事人朋友", "同乡"),
    "INTERMEDIARY": ("法律咨询公司人员", "司法鉴定机构人员"),
    "LAWYER": ("代理律师", "辩护律师"),
}

MEETING_DECISIONS = (
    "部署年度执法监督重点工作", "开展联合执法检查", "推进监督结果互认互用",
    "建立涉民营企业案件专项督办清单", "通报案件评查结果", "研究重点涉法涉诉信访案件化解",
)  # fmt: skip
