### Guidance per service: documents, fees, processing time, steps.

guidance-pick-service = どの手続きのご案内が必要ですか？
guidance-gone = その手続きはもう取り扱っていません。
guidance-documents = 持参する書類:
guidance-if-applicable = （該当する場合）
guidance-fee = 手数料: { $fee }
guidance-fee-unknown = 手数料: 未確認です。窓口にお問い合わせください。
guidance-processing = 処理期間: 最長 { $days } 営業日
guidance-processing-unknown = 処理期間: 未確認です。窓口にお問い合わせください。
guidance-unverified = ⚠ 公式な出典で確認されていません。
guidance-steps = 手順:
    1. 来庁を予約します。
    2. 上記の書類（原本とコピー）と、印刷または画面表示した予約コードを持参します。
    3. 窓口で: 申請書を提出し、必要なら写真と指紋を取り、手数料を払います。
    4. 受付票を保管してください。受付番号と受け取り日が書かれています。
    5. 受け取り日にパスポートを受け取ります。
guidance-source = 出典: { $url }（{ $date } 確認）
guidance-book-this = 📅 これを予約
