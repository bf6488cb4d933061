/**
 * A small labelled corpus for choosing and checking the Chinese segmenter: customer-service
 * sentences (Simplified and Traditional, product names, mixed zh/en/numbers). `gold` is the
 * sentence segmented by hand into words (space-separated, punctuation left out); `key` lists the
 * words a person would search for, which must come out as whole words (or be found through
 * bigrams, see query-recall below). Written for Switchboard; no external data.
 */
export interface SegmentationCase {
  text: string;
  gold: string;
  key: string[];
}

export const segmentationCases: SegmentationCase[] = [
  { text: '我的物流一直延迟，三天没有更新了', gold: '我 的 物流 一直 延迟 三天 没有 更新 了', key: ['物流', '延迟', '更新'] },
  { text: '物流延迟怎么办', gold: '物流 延迟 怎么办', key: ['物流', '延迟'] },
  { text: '我要申请退款', gold: '我 要 申请 退款', key: ['申请', '退款'] },
  { text: '退款什么时候到账', gold: '退款 什么 时候 到账', key: ['退款', '到账'] },
  { text: '請幫我轉給王經理處理', gold: '請 幫 我 轉給 王 經理 處理', key: ['經理', '處理'] },
  { text: '王經理說明天會回覆', gold: '王 經理 說 明天 會 回覆', key: ['經理', '明天', '回覆'] },
  { text: '订单号12345的快递还没发货', gold: '订单号 12345 的 快递 还 没 发货', key: ['快递', '发货'] },
  { text: '我买的iPhone 15屏幕碎了', gold: '我 买 的 iPhone 15 屏幕 碎 了', key: ['屏幕'] },
  { text: '华为Mate 60充电很慢', gold: '华为 Mate 60 充电 很 慢', key: ['华为', '充电'] },
  { text: '小米手环无法连接蓝牙', gold: '小米 手环 无法 连接 蓝牙', key: ['小米', '手环', '连接', '蓝牙'] },
  { text: '账号被锁定，无法登录', gold: '账号 被 锁定 无法 登录', key: ['账号', '锁定', '登录'] },
  { text: '忘记密码了，怎么重置', gold: '忘记 密码 了 怎么 重置', key: ['忘记', '密码', '重置'] },
  { text: '发票抬头填错了需要重新开具', gold: '发票 抬头 填 错 了 需要 重新 开具', key: ['发票', '抬头', '重新', '开具'] },
  { text: '请问可以开增值税专用发票吗', gold: '请问 可以 开 增值税 专用 发票 吗', key: ['增值税', '专用', '发票'] },
  { text: '收到的商品有质量问题', gold: '收到 的 商品 有 质量 问题', key: ['商品', '质量', '问题'] },
  { text: '我想换货，尺码太小了', gold: '我 想 换货 尺码 太 小 了', key: ['换货', '尺码'] },
  { text: '优惠券为什么不能使用', gold: '优惠券 为什么 不能 使用', key: ['优惠券', '使用'] },
  { text: '会员积分没有到账', gold: '会员 积分 没有 到账', key: ['会员', '积分', '到账'] },
  { text: '客服电话一直打不通', gold: '客服 电话 一直 打 不 通', key: ['客服', '电话'] },
  { text: '包裹显示已签收但是我没收到', gold: '包裹 显示 已 签收 但是 我 没 收到', key: ['包裹', '签收', '收到'] },
  { text: '快递员态度很差', gold: '快递员 态度 很 差', key: ['态度'] },
  { text: '支付宝付款失败', gold: '支付宝 付款 失败', key: ['支付宝', '付款', '失败'] },
  { text: '微信支付扣款了但订单显示未支付', gold: '微信 支付 扣款 了 但 订单 显示 未 支付', key: ['微信', '支付', '扣款', '订单'] },
  { text: '系统升级后页面打不开', gold: '系统 升级 后 页面 打不开', key: ['系统', '升级', '页面'] },
  { text: '这个问题已经反馈三次了', gold: '这个 问题 已经 反馈 三次 了', key: ['问题', '反馈'] },
  { text: '售后服务太慢了', gold: '售后 服务 太 慢 了', key: ['售后', '服务'] },
  { text: '能不能加急处理一下', gold: '能不能 加急 处理 一下', key: ['加急', '处理'] },
  { text: '取消订单后多久退款', gold: '取消 订单 后 多久 退款', key: ['取消', '订单', '退款'] },
  { text: '商品缺货什么时候补货', gold: '商品 缺货 什么 时候 补货', key: ['商品', '缺货', '补货'] },
  { text: '安装师傅没有按时上门', gold: '安装 师傅 没有 按时 上门', key: ['安装', '师傅', '上门'] },
  { text: '保修期内维修要收费吗', gold: '保修期 内 维修 要 收费 吗', key: ['维修', '收费'] },
  { text: '我的VIP会员到期了怎么续费', gold: '我 的 VIP 会员 到期 了 怎么 续费', key: ['会员', '到期', '续费'] },
  { text: '打印机卡纸，型号HP LaserJet 1020', gold: '打印机 卡纸 型号 HP LaserJet 1020', key: ['打印机', '卡纸', '型号'] },
  { text: '收货地址写错了能修改吗', gold: '收货 地址 写 错 了 能 修改 吗', key: ['地址', '修改'] },
  { text: '賬戶餘額不足無法下單', gold: '賬戶 餘額 不足 無法 下單', key: ['賬戶', '餘額', '不足', '無法'] },
  { text: '請問退貨運費由誰負擔', gold: '請問 退貨 運費 由 誰 負擔', key: ['退貨', '運費', '負擔'] },
  { text: '客戶投訴產品品質不好', gold: '客戶 投訴 產品 品質 不好', key: ['客戶', '投訴', '產品', '品質'] },
  { text: '網路連線不穩定', gold: '網路 連線 不 穩定', key: ['網路', '連線', '穩定'] },
  { text: '李小姐的包裹寄錯地址了', gold: '李 小姐 的 包裹 寄 錯 地址 了', key: ['小姐', '包裹', '地址'] },
  { text: '张先生要求退款并赔偿', gold: '张 先生 要求 退款 并 赔偿', key: ['先生', '要求', '退款', '赔偿'] },
  { text: '退款申请已经提交了', gold: '退款 申请 已经 提交 了', key: ['退款', '申请', '提交'] },
  { text: 'App闪退，版本3.2.1', gold: 'App 闪退 版本 3.2.1', key: ['闪退', '版本'] },
  { text: '邮件通知没有收到验证码', gold: '邮件 通知 没有 收到 验证码', key: ['邮件', '通知', '验证码'] },
  { text: '北京仓库发货延迟两天', gold: '北京 仓库 发货 延迟 两天', key: ['北京', '仓库', '发货', '延迟'] },
  { text: '空调不制冷需要上门维修', gold: '空调 不 制冷 需要 上门 维修', key: ['空调', '制冷', '上门', '维修'] },
  { text: '退款金额不对，少退了50元', gold: '退款 金额 不 对 少 退 了 50 元', key: ['退款', '金额'] },
  { text: '请提供订单截图和发票', gold: '请 提供 订单 截图 和 发票', key: ['提供', '订单', '截图', '发票'] },
  { text: '冰箱噪音太大影响睡觉', gold: '冰箱 噪音 太 大 影响 睡觉', key: ['冰箱', '噪音', '影响', '睡觉'] },
  { text: '合同到期后自动续约吗', gold: '合同 到期 后 自动 续约 吗', key: ['合同', '到期', '自动', '续约'] },
  { text: '我们公司需要批量采购', gold: '我们 公司 需要 批量 采购', key: ['公司', '批量', '采购'] },
  { text: '工单已经转给技术部门', gold: '工单 已经 转给 技术 部门', key: ['工单', '技术', '部门'] },
  { text: '周末客服上班吗', gold: '周末 客服 上班 吗', key: ['周末', '客服', '上班'] },
];

/**
 * Searches a person would type and the sentence they expect to find (by index above): the
 * measure that matters, since the query is segmented too.
 */
export const queryCases: Array<{ query: string; finds: number }> = [
  { query: '物流延迟', finds: 0 },
  { query: '退款', finds: 2 },
  { query: '申请退款', finds: 40 },
  { query: '王經理', finds: 4 },
  { query: '經理處理', finds: 4 },
  { query: '发货延迟', finds: 43 },
  { query: '蓝牙连接', finds: 9 },
  { query: '账号锁定', finds: 10 },
  { query: '重置密码', finds: 11 },
  { query: '增值税发票', finds: 13 },
  { query: '质量问题', finds: 14 },
  { query: '优惠券', finds: 16 },
  { query: '积分到账', finds: 17 },
  { query: '签收', finds: 19 },
  { query: '付款失败', finds: 21 },
  { query: '微信扣款', finds: 22 },
  { query: '页面打不开', finds: 23 },
  { query: '售后服务', finds: 25 },
  { query: '取消订单', finds: 27 },
  { query: '上门维修', finds: 44 },
  { query: '续费', finds: 31 },
  { query: '打印机卡纸', finds: 32 },
  { query: '修改地址', finds: 33 },
  { query: '餘額不足', finds: 34 },
  { query: '退貨運費', finds: 35 },
  { query: '投訴', finds: 36 },
  { query: '連線', finds: 37 },
  { query: '赔偿', finds: 39 },
  { query: '闪退', finds: 41 },
  { query: '验证码', finds: 42 },
  { query: '退款金额', finds: 45 },
  { query: '订单截图', finds: 46 },
  { query: '噪音', finds: 47 },
  { query: '自动续约', finds: 48 },
  { query: '批量采购', finds: 49 },
  { query: '技术部门', finds: 50 },
  { query: '华为充电', finds: 8 },
  { query: '小米手环', finds: 9 },
  { query: '快递员态度', finds: 20 },
  { query: '保修期维修', finds: 30 },
];
