### 稍后发送的通知：状态变化、领取、提醒、到期。发送时按用户语言生成。

notify-status-changed = { $who ->
    [relative] { $name }的{ $service }申请（回执号 { $receipt }）有新进展：{ $status }。
   *[own] 您的{ $service }申请（回执号 { $receipt }）有新进展：{ $status }。
}
notify-ready-for-pickup = { $who ->
    [relative] 好消息：{ $name }的{ $service }证件（回执号 { $receipt }）已可领取。
   *[own] 好消息：您的{ $service }证件（回执号 { $receipt }）已可领取。
}
notify-pickup-where = 领取地点：{ $place }
notify-pickup-when = 领取时间：{ $from } 至 { $until }
notify-pickup-bring = 请携带：{ $bring }
notify-pickup-bring-default = 请携带护照和受理回执。
notify-note = 办理机关备注：{ $note }
notify-pickup-waiting = { $who ->
    [relative] { $name }的{ $service }证件（回执号 { $receipt }）已可领取 { $days } 天，尚未领取。
   *[own] 您的{ $service }证件（回执号 { $receipt }）已可领取 { $days } 天，尚未领取。
}
notify-office = 办理机关：{ $office }
    { $address }
notify-reminder-day = { $who ->
    [relative] 提醒：{ $name }办理{ $service }的预约 { $code } 时间为{ $day ->
        [today] 今天，{ $when }。
        [tomorrow] 明天，{ $when }。
       *[later] { $when }。
    }
   *[own] 提醒：您办理{ $service }的预约 { $code } 时间为{ $day ->
        [today] 今天，{ $when }。
        [tomorrow] 明天，{ $when }。
       *[later] { $when }。
    }
}
notify-reminder-soon = { $who ->
    [relative] 两小时后（{ $time }）：{ $name }办理{ $service }的预约 { $code }。请提前出发。
   *[own] 两小时后（{ $time }）：您办理{ $service }的预约 { $code }。请提前出发。
}
notify-reminder-bring = 请携带：
notify-appointment-cancelled = 您的预约 { $code }（{ $service }，{ $when }）当天办理机关不对外办公，该预约已取消。非常抱歉，请重新预约。
notify-rebook = 📅 重新预约
notify-permit-expiring = 您的{ $kind }将于 { $date } 到期（还有 { $days } 天），请及时预约续签。
notify-renew = 📅 预约续签
notify-slot-freed = { $office } 在 { $date } 有{ $service }的空余名额了。名额很快会被约满，合适的话请尽快预约。
notify-book-now = 📅 立即预约
notify-proof-failed = 有人试图证明自己是护照 { $passport } 的持有人，但提供的信息有误。如果不是您本人，对方没有看到任何信息。如果您无法登录，可到受理您申请的出入境管理机构领取一次性绑定码。
notify-delegation-granted = { $helper } 现在可以在 visadesk 上代您办理：为您预约、改约和取消预约，并查看您的申请和证件。如果您没有同意，请立即在“协助亲属”中终止。
notify-delegation-ended = { $helper } 已不再代您办理 visadesk 事务。
notify-help-ended = 护照 { $passport } 的持有人已撤销您的授权：您不能再在 visadesk 上代其办理。您为其预约的事项仍归其本人所有。
notify-passport-confirmed = { $who ->
    [relative] 办理机关已确认{ $name }申报的新护照 { $passport }，该护照现已与永久居留证关联。
   *[own] 办理机关已确认您申报的新护照 { $passport }，该护照现已与您的永久居留证关联。
}
