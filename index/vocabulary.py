"""Words the parsers and the answers share, declared once: verbs of saying and of praise
(Chinese, simplified and traditional)."""

from __future__ import annotations

# Verbs that report words: `X说，…`, `X表示：“…”`, `“…”X强调。` A `说` inside another word
# (听说, 据说, 小说, 说明, 说服) is not one.
SAYING_ZH = (
    "(?<![听聽据據虽雖传傳小所游遊劝勸演解])(?:说|說)(?!明|服|法)|"
    "讲道|講道|笑道|问道|問道|答道|写道|寫道|表示|介绍|介紹|认为|認為|强调|強調|指出|"
    "(?<![名号號简簡俗堪职職人统統昵暱宣声聲])(?:称|稱)|提出|建议|建議|回忆|回憶|坦言|直言|笑言|感慨|感叹|感嘆|判断|判斷|"
    "谈到|談到|谈及|談及|补充|補充|回答|透露|解释|解釋|分析|预计|預計|坦承|告诉记者|告訴記者|呼吁|呼籲|提醒|叮嘱|叮囑|"
    "回信|致信|寄语|寄語|讲解|講解|讲述|講述|嘱咐|囑咐|教诲|教誨|念叨|感言|表态|表態|总结|總結|追问|追問|问|問|喊道|呼喊|大喝一声|大喝一聲|提到"
)
# Verbs whose object is what was said — praise, thanks, wishes, an account given
# (`…总理阿努廷盛赞…`, `…总经理金磊…分享了…`); they attribute only after a position word.
PRAISING_ZH = (
    "盛赞|盛讚|赞赏|讚賞|称赞|稱讚|高度评价|高度評價|高度称赞|高度稱讚|感谢|感謝|祝愿|祝願|祝贺|祝賀|"
    "分享了|阐述了|闡述了|阐释了|闡釋了|畅谈了|暢談了|介绍了|介紹了|谈了|談了"
)
