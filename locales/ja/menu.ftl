### The main menu and settings.

menu-prompt = ご用件は何でしょうか？
menu-book = 📅 来庁予約
menu-appointments = 🗂 私の予約
menu-offices = 🏢 窓口
menu-guidance = 📋 書類と手数料
menu-progress = ⏳ 申請の進捗
menu-permits = 🪪 私のビザ / 居留許可
menu-pr = 🟩 永住許可
menu-passport = 🛂 永住者のパスポート
menu-family = 👨‍👩‍👧 家族のサポート
menu-settings = ⚙ 設定
menu-help = ❓ ヘルプ
menu-not-understood = よくわかりませんでした。選択肢を選ぶか、「予約」「窓口」「手数料」のように入力してください。

settings-prompt = 設定
settings-notifications-on = 通知: オン
settings-notifications-off = 通知: オフ
settings-turn-on = 🔔 通知をオンにする
settings-turn-off = 🔕 通知をオフにする
settings-language = 🌐 言語
settings-language-prompt = 言語を選んでください:
settings-language-changed = 設定しました。これからは日本語でお話しします。
