"""The Chinese cue words of executive detection, matched on characters (``cues`` has the other four languages):
possessives, self-introduction, decision and presence cues, former seats, surnames and what ends a name."""

from __future__ import annotations

ZH_OWN = ("我们公司的", "我们公司", "我们的", "我们", "我的", "咱们的", "咱们", "本公司")
ZH_OTHER = ("贵公司的", "贵公司", "你们公司的", "你们公司", "你们的", "你们", "您的")
ZH_THIRD = ("他们的", "他们公司的", "他们")
ZH_SELF = ("我是", "作为", "本人是", "我担任", "我就是")
ZH_NAME_CUES = ("我叫", "我是", "我姓")
ZH_DECISION = ("问一下", "问问", "请示", "批准", "审批", "同意", "签字", "汇报", "商量", "确认", "决定", "拍板")
ZH_PRESENCE = ("也在线", "在线上", "也在", "加入了", "在场", "也来了", "参加了", "和我一起", "与我一同")
ZH_FORMER = ("前任", "曾是", "曾经是", "以前是", "曾任", "曾担任", "原来的", "之前的")
ZH_NEGATIONS = ("不", "没")
ZH_COORDINATORS = {"兼", "和", "及", "、", "兼任"}
ZH_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
# characters and words that end a Chinese name: particles, verbs, adverbs and titles that follow names
ZH_NAME_STOPS = set("说会也的是和在要还都就了呢吗吧总来去不跟对给让请很非特最更又再正才真已刚稍想审批希将负，。！？、 ")
ZH_NAME_STOP_WORDS = {"明天", "今天", "昨天", "下周", "下个", "可能", "需要", "觉得", "先生", "女士", "经理", "老师"}
