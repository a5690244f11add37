### 办事指南：材料、费用、办理时限、流程。

guidance-pick-service = 请选择需要了解的业务：
guidance-gone = 该业务已不再提供。
guidance-documents = 需携带的材料：
guidance-if-applicable = （如适用）
guidance-fee = 费用：{ $fee }
guidance-fee-unknown = 费用：未核实，请向接待大厅咨询。
guidance-processing = 办理时限：不超过 { $days } 个工作日
guidance-processing-unknown = 办理时限：未核实，请向接待大厅咨询。
guidance-unverified = ⚠ 未经官方渠道核实。
guidance-steps = 办理流程：
    1. 预约办理。
    2. 携带上述材料（原件及复印件）和预约码。
    3. 在接待大厅提交申请，如需采集照片和指纹，并缴纳费用。
    4. 保管好受理回执：上面有受理编号和取证日期。
    5. 按取证日期领取护照。
guidance-source = 来源：{ $url }（核对日期 { $date }）
guidance-book-this = 📅 预约此业务
