/** The demo company's people and conversations, half in Chinese, half in English. */
export function demoData() {
  const groups = ['售后服务 After-sales', '技术支持 Tech support', 'Billing 账单'];
  const [afterSales, tech, billing] = groups as [string, string, string];
  const organizations = [
    { name: '星辰科技 Xingchen Tech', domains: ['xingchen.example.cn'] },
    { name: 'Globex Corporation', domains: ['globex.example.com'] },
  ];
  const agents = [
    { name: '王芳', email: 'wang.fang@demo.switchboard.test', role: 'agent', locale: 'zh-CN', groups: [afterSales] },
    { name: '李雷', email: 'li.lei@demo.switchboard.test', role: 'agent', locale: 'zh-CN', groups: [afterSales, tech] },
    { name: 'Alice Chen', email: 'alice@demo.switchboard.test', role: 'agent', locale: 'en', groups: [afterSales, tech, billing] },
    { name: '张伟 Zhang Wei', email: 'zhang.wei@demo.switchboard.test', role: 'supervisor', locale: 'zh-CN', groups: [afterSales, tech, billing] },
    { name: 'Bob Smith', email: 'bob@demo.switchboard.test', role: 'light_agent', locale: 'en', groups: [billing] },
  ] as const;
  const customers: Array<{ name: string; email: string; locale: 'zh-CN' | 'en'; organization?: string; vip?: number }> = [
    { name: '刘洋', email: 'liu.yang@xingchen.example.cn', locale: 'zh-CN', organization: '星辰科技 Xingchen Tech', vip: 2 },
    { name: '赵敏', email: 'zhao.min@example.cn', locale: 'zh-CN' },
    { name: '孙丽', email: 'sun.li@example.cn', locale: 'zh-CN' },
    { name: 'John Parker', email: 'john@globex.example.com', locale: 'en', organization: 'Globex Corporation', vip: 1 },
    { name: 'Maria Garcia', email: 'maria@example.com', locale: 'en' },
    { name: 'Tom Lee', email: 'tom.lee@example.com', locale: 'en' },
  ];
  type Status = 'new' | 'open' | 'pending' | 'on_hold' | 'solved' | 'closed';
  const tickets: Array<{
    subject: string; body: string; requester: string; group: string; assignee?: string;
    priority: 'low' | 'normal' | 'high' | 'urgent'; type: 'question' | 'incident' | 'problem' | 'task';
    status: Status; tags: string[]; via: string; replies: Array<{ body: string; public: boolean }>;
  }> = [
    { subject: '我的物流一直延迟，订单 #58231 还没到', body: '下单一周了，物流信息三天没有更新，请帮忙查一下。', requester: 'liu.yang@xingchen.example.cn', group: afterSales, assignee: 'wang.fang@demo.switchboard.test', priority: 'high', type: 'incident', status: 'open', tags: ['物流', 'vip'], via: 'email',
      replies: [{ body: '您好，已为您联系物流公司核实，预计明天送达。', public: true }, { body: '承运商说分拣中心积压，明天再跟进。', public: false }] },
    { subject: '申请退款：商品质量问题', body: '收到的耳机左耳没有声音，想申请退款。', requester: 'zhao.min@example.cn', group: afterSales, assignee: 'li.lei@demo.switchboard.test', priority: 'normal', type: 'question', status: 'pending', tags: ['退款'], via: 'web',
      replies: [{ body: '麻烦提供一下订单号和问题视频，我们马上为您处理。', public: true }] },
    { subject: '发票抬头开错了，需要重开', body: '公司名称写错了，请重新开具增值税发票。', requester: 'sun.li@example.cn', group: billing, priority: 'normal', type: 'task', status: 'new', tags: ['发票'], via: 'portal', replies: [] },
    { subject: 'App 登录后闪退', body: '升级到 3.2 版本后，每次登录都会闪退。', requester: 'liu.yang@xingchen.example.cn', group: tech, assignee: 'li.lei@demo.switchboard.test', priority: 'urgent', type: 'problem', status: 'on_hold', tags: ['app', '闪退'], via: 'chat',
      replies: [{ body: '已复现，转研发排查中。', public: false }, { body: '我们已定位问题，修复版本将在本周发布。', public: true }] },
    { subject: '会员积分没有到账', body: '上周的订单积分一直没有加上。', requester: 'zhao.min@example.cn', group: afterSales, assignee: 'wang.fang@demo.switchboard.test', priority: 'low', type: 'question', status: 'solved', tags: ['积分'], via: 'wechat',
      replies: [{ body: '积分已补发到您的账户，请查收。', public: true }] },
    { subject: 'Package arrived damaged', body: 'The box was crushed and the lamp inside is broken. Can you send a replacement?', requester: 'john@globex.example.com', group: afterSales, assignee: 'alice@demo.switchboard.test', priority: 'high', type: 'incident', status: 'open', tags: ['shipping', 'vip'], via: 'email',
      replies: [{ body: 'So sorry about that, John. A replacement is on its way; tracking number to follow.', public: true }] },
    { subject: 'Charged twice for my subscription', body: 'My card shows two charges of $29 this month.', requester: 'maria@example.com', group: billing, assignee: 'alice@demo.switchboard.test', priority: 'urgent', type: 'incident', status: 'open', tags: ['billing', 'refund'], via: 'web',
      replies: [{ body: 'Payment provider confirms a duplicate capture; refund the second one.', public: false }] },
    { subject: 'How do I export my invoices?', body: 'Is there a way to download all invoices for 2026 as PDF?', requester: 'tom.lee@example.com', group: billing, priority: 'low', type: 'question', status: 'new', tags: ['invoices'], via: 'portal', replies: [] },
    { subject: 'API returns 500 on bulk update', body: 'Our integration gets intermittent errors when updating 100 orders at once.', requester: 'john@globex.example.com', group: tech, assignee: 'li.lei@demo.switchboard.test', priority: 'high', type: 'problem', status: 'pending', tags: ['api'], via: 'api',
      replies: [{ body: 'Could you send us the request ids of a few failing calls?', public: true }] },
    { subject: 'Password reset email never arrives', body: 'I requested a reset three times and got nothing, not even in spam.', requester: 'maria@example.com', group: tech, priority: 'normal', type: 'incident', status: 'closed', tags: ['login'], via: 'email',
      replies: [{ body: 'Your address was on a bounce list; we removed it and sent a new reset link.', public: true }] },
    { subject: '物流延迟 + 想改收货地址', body: '快递还没发出的话，能不能改到公司地址？', requester: 'sun.li@example.cn', group: afterSales, priority: 'normal', type: 'question', status: 'new', tags: ['物流'], via: 'phone', replies: [] },
    { subject: 'Mixed 中英文 feedback: great service 很满意', body: 'Just wanted to say thanks, 客服很耐心!', requester: 'tom.lee@example.com', group: afterSales, assignee: 'wang.fang@demo.switchboard.test', priority: 'low', type: 'question', status: 'solved', tags: ['praise'], via: 'chat',
      replies: [{ body: 'Thank you, Tom! 感谢您的支持。', public: true }] },
  ];
  return { groups, organizations, agents, customers, tickets };
}
