### Assisted service for relatives, and linking another chat.

family-prompt = Giúp người thân: làm thay cho con hoặc người cao tuổi (đặt lịch, theo dõi hồ sơ, xem giấy phép), hoặc để người thân làm thay cho bạn.
family-group-prompt = Trong nhóm này, bạn có thể mời người thân cho phép bạn làm thay cho họ, hoặc chấp nhận lời mời của người thân. Họ tên và hồ sơ không hiển thị trong nhóm.
family-nobody = Chưa có ai làm thay cho bạn, và bạn cũng chưa làm thay cho ai.
family-you-act-for = Bạn đang làm thay cho:
family-acting-for-you = Đang làm thay cho bạn:
family-helper-line = • { $helper }, từ { $since }
family-a-relative = một người thân
family-you = bạn
family-add = ➕ Thêm người thân (bằng giấy tờ của họ)
family-invite = ✉ Mời người thân
family-accept = 🤝 Chấp nhận lời mời
family-stop-acting = ❌ Thôi làm thay cho { $name }
family-withdraw = ❌ Thu hồi quyền của { $helper }
family-add-intro = Để thêm người thân, tôi cần xác minh danh tính bằng thông tin của chính họ: quốc tịch, số hộ chiếu, ngày sinh và số biên nhận của một hồ sơ của họ (hoặc mã liên kết mà văn phòng đã cấp cho họ).
family-link-yourself-first = Trước tiên tôi cần xác nhận danh tính của chính bạn.
family-added = Xong. Giờ bạn có thể làm thay cho người thân: đặt lịch cho họ, xem tiến độ hồ sơ và giấy phép của họ. Mỗi người đều có thể chấm dứt việc này bất cứ lúc nào trong "Giúp người thân".
family-invite-code = Mã mời của bạn: { $code } (hiệu lực { $hours } giờ). Người thân của bạn chọn "Giúp người thân" → "Chấp nhận lời mời" và nhập mã; sau đó bạn có thể làm thay cho họ.
family-invitation-accepted = Giờ { $helper } có thể làm thay cho { $member } trên visadesk (đặt lịch, tiến độ hồ sơ, giấy phép). { $member } có thể chấm dứt việc này bất cứ lúc nào trong "Giúp người thân".
family-own-invitation = Đó là lời mời của chính bạn. Người thân của bạn phải chấp nhận nó.
family-accept-link-first = Để chấp nhận, trước tiên tôi cần xác nhận danh tính của chính bạn trong cuộc trò chuyện riêng với tôi.
family-revoked = Xong, quyền đó đã chấm dứt.
family-ask-consent = Tôi chỉ thêm người thân chỉ bằng giấy tờ của họ nếu đó là trẻ em (dưới { $child_under } tuổi) hoặc người từ { $elder_from } tuổi trở lên, không có cuộc trò chuyện riêng với tôi và chưa từng chấm dứt quyền của bạn. Nếu không, người thân của bạn sẽ quyết định: hãy gửi lời mời (✉ Mời người thân) và họ chấp nhận trong cuộc trò chuyện của họ.
family-already-acting = Đang làm thay cho bạn: { $helpers }. Bạn có thể chấm dứt việc này bất cứ lúc nào trong "Giúp người thân".

settings-link-channel = 🔗 Liên kết cuộc trò chuyện khác
settings-enter-code = 🔑 Tôi có mã từ cuộc trò chuyện khác
code-channel-nothing = Cuộc trò chuyện này chưa liên kết với hồ sơ nào, nên không có gì để chuyển sang cuộc trò chuyện khác.
code-channel-shown = Mã của bạn: { $code } (hiệu lực { $minutes } phút, dùng một lần). Trong cuộc trò chuyện kia, chọn Cài đặt → "Tôi có mã từ cuộc trò chuyện khác" rồi nhập mã. Đừng chia sẻ mã với bất kỳ ai.
code-ask-channel = Vui lòng nhập mã hiển thị trong cuộc trò chuyện kia của bạn.
code-ask-invitation = Vui lòng nhập mã mời mà người thân của bạn nhận được.
code-channel-linked = Xong, cuộc trò chuyện này giờ thấy cùng hồ sơ với cuộc trò chuyện kia của bạn.
code-invalid = Mã này không hợp lệ (sai, đã dùng hoặc đã hết hạn). Vui lòng kiểm tra và thử lại.
identity-have-code = 🔑 Tôi có mã từ cuộc trò chuyện khác
booking-for = 👤 Cho { $name }
