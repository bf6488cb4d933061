/**
 * The words a benchmark tenant is written with: support topics in Chinese and English (and the
 * mixed Chinese-English of real tickets), names, companies and groups. The seed picks from these
 * arrays inside SQL, so every topic has the same number of phrases of each kind (see TOPIC_SHAPE).
 * `{order}` and `{product}` are filled in per ticket.
 */
export interface Topic {
  tag: string;
  zhSubjects: [string, string, string];
  enSubjects: [string, string, string];
  zhAsks: [string, string, string];
  enAsks: [string, string, string];
  zhReplies: [string, string];
  enReplies: [string, string];
}

export const TOPIC_SHAPE = { subjects: 3, asks: 3, replies: 2 } as const;

export const TOPICS: Topic[] = [
  {
    tag: '物流',
    zhSubjects: ['订单 {order} 物流一直没有更新', '快递延迟三天还没到', '物流显示已签收但没收到货'],
    enSubjects: ['Tracking for order {order} has not updated', 'Delivery delayed by three days', 'Parcel marked delivered but never received'],
    zhAsks: ['我的物流一直延迟，已经三天没有更新了。', '快递单号查不到任何物流信息，麻烦帮忙查一下。', '物流显示已签收，但是我本人并没有收到包裹。'],
    enAsks: ['My order {order} has been stuck in transit for three days.', 'The tracking number shows no information at all.', 'The courier says it was delivered but I never got the parcel.'],
    zhReplies: ['已为您联系快递公司核实，预计明天送达。', '非常抱歉物流延迟，已登记物流异常，24 小时内会有专人跟进。'],
    enReplies: ['I have contacted the courier and delivery is expected tomorrow.', 'Sorry for the delay; I filed a delivery exception and a specialist will follow up within 24 hours.'],
  },
  {
    tag: '退款',
    zhSubjects: ['申请退款：{product}', '退款还没有到账', '退款进度查询（订单 {order}）'],
    enSubjects: ['Refund request for {product}', 'Refund not received yet', 'Refund status for order {order}'],
    zhAsks: ['我想申请退款，收到的 {product} 和描述不符。', '退款申请提交五天了，钱还没有退回到原支付账户。', '申请退款被拒绝了，想了解一下具体原因。'],
    enAsks: ['I would like a refund, the {product} is not as described.', 'I requested a refund five days ago and the money is still not back.', 'My refund request was rejected and I would like to know why.'],
    zhReplies: ['您的退款已审核通过，预计 3-5 个工作日原路退回。', '已为您加急处理退款，请留意银行到账短信。'],
    enReplies: ['Your refund has been approved and will reach your original payment method in 3-5 business days.', 'I have escalated your refund; please watch for the bank notification.'],
  },
  {
    tag: '发票',
    zhSubjects: ['开具增值税专用发票', '发票抬头填错了', '电子发票无法下载'],
    enSubjects: ['Need a VAT invoice', 'Wrong company name on the invoice', 'Cannot download the e-invoice'],
    zhAsks: ['订单 {order} 需要开具增值税专用发票，税号稍后提供。', '发票抬头填错了，能否作废重开？', '电子发票的下载链接打开后显示错误。'],
    enAsks: ['Order {order} needs a VAT invoice for our company.', 'The invoice shows the wrong company name, can you reissue it?', 'The e-invoice download link shows an error.'],
    zhReplies: ['发票已重新开具，会发送到您预留的邮箱。', '请提供公司名称、税号和开户行信息，我们会在两个工作日内开出发票。'],
    enReplies: ['The invoice has been reissued and emailed to you.', 'Please send the company name and tax number; the invoice will be issued within two business days.'],
  },
  {
    tag: '登录',
    zhSubjects: ['无法登录账号', '登录时提示密码错误', '收不到登录验证码'],
    enSubjects: ['Cannot log in to my account', 'Login says the password is wrong', 'Login verification code never arrives'],
    zhAsks: ['今天早上开始无法登录账号，一直提示网络错误。', '密码确认没有输错，但登录时一直提示密码错误。', '手机收不到登录验证码，试了好几次了。'],
    enAsks: ['Since this morning I cannot log in, it keeps showing a network error.', 'I am sure the password is right but login says it is wrong.', 'The login verification code never arrives on my phone.'],
    zhReplies: ['已为您重置登录状态，请清除缓存后重新登录。', '验证码通道刚才有波动，现在已恢复，请再试一次。'],
    enReplies: ['I reset your login session; please clear the cache and sign in again.', 'The SMS provider had a brief outage; it works again, please retry.'],
  },
  {
    tag: '账号',
    zhSubjects: ['账号被冻结', '如何注销账号', '修改账号绑定的手机号'],
    enSubjects: ['Account frozen', 'How do I delete my account', 'Change the phone number on my account'],
    zhAsks: ['我的账号突然被冻结了，没有收到任何通知。', '想注销账号并删除所有个人数据。', '原来的手机号已经停用，想换绑新的手机号。'],
    enAsks: ['My account was suddenly frozen without any notice.', 'I want to close my account and delete my personal data.', 'My old phone number is gone, I need to change the number on my account.'],
    zhReplies: ['账号因异常登录被临时冻结，核实身份后已为您解冻。', '换绑需要验证身份，请上传身份证正反面照片。'],
    enReplies: ['The account was frozen after an unusual sign-in; it is unfrozen now that we verified you.', 'To change the number we need to verify your identity; please upload a photo ID.'],
  },
  {
    tag: '支付',
    zhSubjects: ['支付失败但已扣款', '微信支付一直转圈', '信用卡支付被拒绝'],
    enSubjects: ['Payment failed but I was charged', 'WeChat Pay keeps spinning', 'Credit card payment declined'],
    zhAsks: ['支付页面提示失败，但是银行卡已经扣款了。', '用微信支付时页面一直转圈，最后超时。', '信用卡支付被拒绝，银行说没有问题。'],
    enAsks: ['The payment page said it failed but my card was charged.', 'WeChat Pay keeps spinning and then times out.', 'My credit card was declined although the bank says it is fine.'],
    zhReplies: ['重复扣款会在 24 小时内自动退回，请放心。', '支付通道已恢复，订单 {order} 已确认付款成功。'],
    enReplies: ['The duplicate charge is reversed automatically within 24 hours.', 'The payment channel is back and order {order} is confirmed as paid.'],
  },
  {
    tag: '质量问题',
    zhSubjects: ['收到的 {product} 有破损', '{product} 无法开机', '商品有明显划痕'],
    enSubjects: ['{product} arrived damaged', '{product} will not turn on', 'Item has visible scratches'],
    zhAsks: ['收到的 {product} 外包装破损，机身也有裂痕。', '{product} 充满电后还是无法开机。', '拆开发现屏幕上有明显划痕，像是二手的。'],
    enAsks: ['The {product} arrived with a broken box and a cracked body.', 'The {product} will not turn on even after a full charge.', 'The screen has visible scratches, it looks used.'],
    zhReplies: ['非常抱歉，已为您安排免费换新，快递员会上门取件。', '请拍摄商品照片和视频发给我们，我们会尽快处理。'],
    enReplies: ['Very sorry; I arranged a free replacement and a courier will pick up the item.', 'Please send photos or a short video of the item and we will handle it quickly.'],
  },
  {
    tag: '退换货',
    zhSubjects: ['申请换货', '七天无理由退货', '退货地址是哪里'],
    enSubjects: ['Exchange request', 'Return within seven days', 'Where do I send the return'],
    zhAsks: ['尺码不合适，想换大一号的。', '商品不想要了，申请七天无理由退货。', '退货需要寄到哪个地址？运费谁承担？'],
    enAsks: ['The size does not fit, I would like a larger one.', 'I changed my mind and want to return it within seven days.', 'Where should I send the return and who pays for shipping?'],
    zhReplies: ['换货申请已通过，请在 7 天内寄回原商品。', '退货地址已通过短信发送给您，运费由我们承担。'],
    enReplies: ['Your exchange is approved; please send the original item back within 7 days.', 'The return address has been sent by SMS and we cover the shipping.'],
  },
  {
    tag: '会员',
    zhSubjects: ['会员积分没有到账', '会员等级被降级', '会员自动续费扣款'],
    enSubjects: ['Membership points missing', 'Membership level downgraded', 'Membership auto-renewal charge'],
    zhAsks: ['上个月的订单积分一直没有到账。', '会员等级莫名其妙被降级了。', '没有开通自动续费，却被扣了会员费。'],
    enAsks: ['Points for last month\'s orders never arrived.', 'My membership level was downgraded for no reason.', 'I never turned on auto-renewal but was charged the membership fee.'],
    zhReplies: ['积分已为您手动补发，请刷新查看。', '自动续费已关闭，多扣的会员费会退回。'],
    enReplies: ['I added the missing points manually; please refresh.', 'Auto-renewal is off now and the extra fee will be refunded.'],
  },
  {
    tag: '闪退',
    zhSubjects: ['App 打开就闪退', '更新后无法打开 App', '页面一直在加载'],
    enSubjects: ['App crashes on launch', 'App will not open after the update', 'Page keeps loading forever'],
    zhAsks: ['更新到最新版本后，App 一打开就闪退。', '安卓手机上 App 一直白屏，无法进入首页。', '订单页面一直在加载，换了网络也一样。'],
    enAsks: ['After updating to the latest version the app crashes on launch.', 'On Android the app shows a blank screen and never reaches the home page.', 'The orders page keeps loading, even on another network.'],
    zhReplies: ['这是已知问题，修复版本今晚发布，请届时更新。', '请提供手机型号和系统版本，技术同事会排查。'],
    enReplies: ['This is a known issue; a fixed version ships tonight.', 'Please tell us your phone model and OS version so engineering can investigate.'],
  },
  {
    tag: '优惠券',
    zhSubjects: ['优惠券无法使用', '满减活动没有生效', '领取的优惠券不见了'],
    enSubjects: ['Coupon cannot be applied', 'Discount promotion did not apply', 'My coupon disappeared'],
    zhAsks: ['结算时优惠券显示不可用，但没有过期。', '满 300 减 50 的活动下单时没有生效。', '昨天领取的优惠券今天找不到了。'],
    enAsks: ['The coupon shows as unavailable at checkout but has not expired.', 'The spend-300-save-50 promotion did not apply to my order.', 'The coupon I claimed yesterday is gone today.'],
    zhReplies: ['优惠券仅限部分商品使用，已为您补发一张通用券。', '差价已以余额形式返还到您的账户。'],
    enReplies: ['That coupon only covers some items; I issued you a general one instead.', 'The difference has been credited to your account balance.'],
  },
  {
    tag: '地址',
    zhSubjects: ['修改收货地址', '地址填错了能改吗', '更换收件人电话'],
    enSubjects: ['Change the delivery address', 'Wrong address on my order', 'Change the recipient phone number'],
    zhAsks: ['订单 {order} 的收货地址填错了，还没发货能改吗？', '想把收货地址改到公司。', '收件人电话写错了一位数字。'],
    enAsks: ['The address on order {order} is wrong, can it be changed before shipping?', 'I want to deliver to my office instead.', 'One digit of the recipient phone number is wrong.'],
    zhReplies: ['地址已修改成功，将按新地址发货。', '订单已出库，已联系快递改派到新地址。'],
    enReplies: ['The address is updated and the order will ship there.', 'The order has left the warehouse; I asked the courier to redirect it.'],
  },
  {
    tag: '保修',
    zhSubjects: ['保修期内维修', '预约上门维修', '保修卡丢失'],
    enSubjects: ['Repair under warranty', 'Book an on-site repair', 'Lost warranty card'],
    zhAsks: ['{product} 用了半年出现故障，还在保修期内。', '想预约师傅上门维修，周末可以吗？', '保修卡丢了还能保修吗？'],
    enAsks: ['My {product} broke after six months, it is still under warranty.', 'Can a technician come for a repair on the weekend?', 'I lost the warranty card, am I still covered?'],
    zhReplies: ['凭订单号即可保修，无需保修卡。', '已为您预约周六上午的上门服务。'],
    enReplies: ['Your order number is enough for warranty service, no card needed.', 'I booked a technician visit for Saturday morning.'],
  },
  {
    tag: 'api',
    zhSubjects: ['API 返回 500 错误', 'Webhook 没有推送', '接口调用被限流'],
    enSubjects: ['API returns 500 errors', 'Webhook not delivered', 'API calls are rate limited'],
    zhAsks: ['调用订单查询 API 时偶尔返回 500 错误。', '配置的 Webhook 从昨天开始没有收到任何推送。', '接口调用频率并不高，却一直返回 429。'],
    enAsks: ['The orders API intermittently returns 500 errors.', 'Our webhook has received nothing since yesterday.', 'We get 429 responses although our call rate is low.'],
    zhReplies: ['已定位到网关问题并修复，请重试。', '已为您的应用提高调用配额。'],
    enReplies: ['We found and fixed a gateway issue; please retry.', 'I raised the rate limit for your application.'],
  },
  {
    tag: '密码',
    zhSubjects: ['重置密码邮件收不到', '忘记密码', '密码修改后无法登录'],
    enSubjects: ['Password reset email not arriving', 'Forgot my password', 'Cannot sign in after changing password'],
    zhAsks: ['点了忘记密码，但一直收不到重置邮件。', '忘记密码了，手机号也换了。', '修改密码之后用新密码登录失败。'],
    enAsks: ['I clicked forgot password but the reset email never arrives.', 'I forgot my password and my phone number changed too.', 'After changing my password the new one does not work.'],
    zhReplies: ['重置邮件可能进入了垃圾箱，已重新发送。', '已为您发送新的重置链接，30 分钟内有效。'],
    enReplies: ['The reset email may be in spam; I sent it again.', 'I sent a new reset link, valid for 30 minutes.'],
  },
  {
    tag: '取消订单',
    zhSubjects: ['取消订单 {order}', '订单取消失败', '误下单想取消'],
    enSubjects: ['Cancel order {order}', 'Order cancellation failed', 'Ordered by mistake, please cancel'],
    zhAsks: ['下错单了，麻烦帮我取消订单 {order}。', '点击取消订单一直提示失败。', '重复下了两单，想取消其中一单。'],
    enAsks: ['I ordered by mistake, please cancel order {order}.', 'Cancelling the order keeps failing.', 'I placed the same order twice and want to cancel one.'],
    zhReplies: ['订单已取消，款项将原路退回。', '订单已进入配送环节，可在签收后申请退货。'],
    enReplies: ['The order is cancelled and the payment will be returned.', 'The order is already out for delivery; you can return it after receiving it.'],
  },
  {
    tag: '价格',
    zhSubjects: ['申请价格保护', '下单后降价了', '价格和页面显示不一致'],
    enSubjects: ['Price protection request', 'Price dropped after I ordered', 'Charged price differs from the page'],
    zhAsks: ['买了三天就降价了 200 元，能申请价保吗？', '结算价格比商品页面显示的高。', '同一个 {product} 活动价和我买的价格差很多。'],
    enAsks: ['The price dropped by 200 three days after I bought it, can I get the difference?', 'I was charged more than the price on the product page.', 'The sale price of the {product} is much lower than what I paid.'],
    zhReplies: ['价保申请已通过，差价已退回。', '页面价格已包含优惠，结算时会自动抵扣。'],
    enReplies: ['Price protection approved; the difference has been refunded.', 'The page price includes a discount that applies at checkout.'],
  },
  {
    tag: '订阅',
    zhSubjects: ['订阅被重复扣费', '如何取消订阅', '升级套餐'],
    enSubjects: ['Subscription charged twice', 'How to cancel my subscription', 'Upgrade my plan'],
    zhAsks: ['这个月的订阅费被扣了两次。', '想取消订阅，找不到入口。', '团队人数增加了，想升级到企业版。'],
    enAsks: ['I was charged twice for this month\'s subscription.', 'I want to cancel my subscription but cannot find where.', 'Our team grew and we want to upgrade to the business plan.'],
    zhReplies: ['重复的扣费已退回，请查收。', '套餐已升级，新增席位立即生效。'],
    enReplies: ['The duplicate charge has been refunded.', 'Your plan is upgraded and the new seats are active now.'],
  },
  {
    tag: '数据导出',
    zhSubjects: ['数据导出失败', '导出的 Excel 乱码', '需要导出全部订单'],
    enSubjects: ['Data export failed', 'Exported CSV shows garbled text', 'Need to export all orders'],
    zhAsks: ['导出报表时一直提示失败。', '导出的 Excel 打开后中文全是乱码。', '需要导出过去两年的全部订单数据。'],
    enAsks: ['Exporting the report keeps failing.', 'The exported CSV shows garbled Chinese characters.', 'We need an export of all orders from the last two years.'],
    zhReplies: ['请用 UTF-8 编码打开导出的文件即可正常显示。', '全量导出已生成，下载链接已发送到您的邮箱。'],
    enReplies: ['Open the file with UTF-8 encoding and the text displays correctly.', 'The full export is ready and the link was emailed to you.'],
  },
  {
    tag: '安装',
    zhSubjects: ['预约安装服务', '安装师傅没有上门', '安装费用咨询'],
    enSubjects: ['Book installation', 'Installer did not show up', 'Question about installation fees'],
    zhAsks: ['{product} 已经到货，想预约安装。', '约好今天下午安装，师傅一直没来。', '安装需要额外收费吗？'],
    enAsks: ['The {product} arrived and I would like to book installation.', 'The installer was supposed to come this afternoon but never did.', 'Is there an extra charge for installation?'],
    zhReplies: ['已为您改约明天上午，师傅出发前会电话联系。', '标准安装免费，特殊安装需要另行收费。'],
    enReplies: ['I rebooked for tomorrow morning; the installer will call before leaving.', 'Standard installation is free; special work is charged separately.'],
  },
];

export const ZH_GREETINGS = ['你好，', '您好，', '客服你好，', '麻烦问一下，', '', '急！'];
export const EN_GREETINGS = ['Hi, ', 'Hello, ', 'Hi team, ', 'Good morning, ', '', 'Urgent: '];
export const ZH_CLOSINGS = ['谢谢！', '麻烦尽快处理，谢谢。', '等你们回复。', '', '辛苦了。'];
export const EN_CLOSINGS = ['Thanks!', 'Please handle this soon.', 'Looking forward to your reply.', '', 'Best regards.'];
export const ZH_FOLLOWUPS = ['好的，谢谢！', '还是没有解决，请再帮我看看。', '已经按你说的操作了，问题依旧。', '问题已经解决了，非常感谢。', '请问还要等多久？', '收到，我再等等。'];
export const EN_FOLLOWUPS = ['Great, thank you!', 'It is still not fixed, please check again.', 'I did what you said and the problem is still there.', 'It works now, thanks a lot.', 'How much longer will this take?', 'Got it, I will wait.'];
export const ZH_AGENT_OPENERS = ['您好，感谢您的耐心等待。', '您好，', '非常抱歉给您带来不便。', '收到您的反馈，'];
export const EN_AGENT_OPENERS = ['Hello, thanks for your patience. ', 'Hi, ', 'Sorry for the trouble. ', 'Thanks for reaching out. '];
/** Chinese sentences with English words in them, as customers write them. */
export const MIXED_ASKS = [
  '我的 order 还在 pending，tracking number 查不到。',
  'refund 申请提交了，但 status 一直是 processing。',
  'invoice 的 PDF 下载不了，提示 error 403。',
  'login 的时候一直 timeout，请帮忙看下。',
  'App crash 了好几次，版本是 v3.2.1。',
  '{product} 的 warranty 还有效吗？',
  'coupon code 输入后显示 invalid。',
  '订单 {order} 的 payment 失败了但是扣款成功。',
];
export const INTERNAL_NOTES = [
  '已联系仓库主管，等待回复。',
  '客户是 VIP，优先处理。',
  'Escalated to tier 2.',
  'Checked the order in the ERP, shipped on Monday.',
  '财务确认退款已发起。',
  'Waiting for the courier investigation result.',
  '同一问题本周第三次出现，已提交缺陷单。',
];
export const PRODUCTS = ['iPhone 15', 'AirPods Pro', '小米14', '华为 Mate 60', 'MacBook Air', 'Kindle', '戴森吹风机', 'Switch 游戏机', '扫地机器人', '空气净化器', '电动牙刷', '索尼 WH-1000XM5'];
export const EXTRA_TAGS = ['vip', 'urgent', 'follow_up', 'b2b', 'complaint', 'spam'];

export const ZH_SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
export const ZH_GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '经理', '晓东'];
export const EN_FIRST = ['James', 'Mary', 'John', 'Linda', 'David', 'Susan', 'Michael', 'Karen', 'Daniel', 'Emma', 'Olivia', 'Noah', 'Liam', 'Sophia', 'Lucas', 'Mia'];
export const EN_LAST = ['Smith', 'Johnson', 'Brown', 'Taylor', 'Miller', 'Wilson', 'Moore', 'Clark', 'Walker', 'Hall', 'Young', 'King', 'Wright', 'Green'];
export const ZH_ORG_WORDS = ['华东', '华南', '北方', '星辰', '云帆', '恒信', '瑞丰', '东方', '联合', '海纳'];
export const ZH_ORG_KINDS = ['贸易有限公司', '科技有限公司', '电子商务有限公司', '物流有限公司', '餐饮管理有限公司'];
export const EN_ORG_WORDS = ['Acme', 'Globex', 'Initech', 'Northwind', 'Contoso', 'Umbrella', 'Stark', 'Wayne', 'Vandelay', 'Hooli'];
export const EN_ORG_KINDS = ['Trading', 'Logistics', 'Retail', 'Software', 'Foods'];

/** 20 groups: the seed uses the first `count` of them. */
export const GROUPS = [
  '售后一组', '售后二组', '物流支持', '退款专员', '发票与财务', '技术支持', 'VIP 服务', '会员运营', '电商客服', '投诉处理',
  'English Support', 'Billing', 'Escalations', 'Tier 2', 'Partners', 'Enterprise', 'Returns', 'Onboarding', 'Night Shift', 'Social Media',
];
