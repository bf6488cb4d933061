import type { portalEn } from './portal.en';

type Shape<T> = { readonly [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

// 客户帮助中心的中文文案（合并到 `portal.` 下），键与 portal.en.ts 完全一致。
export const portalZhCN: Shape<typeof portalEn> = {
  title: '帮助中心',
  signIn: {
    title: '登录帮助中心',
    subtitle: '查看您的请求进度，随时给我们留言。',
    byLink: '邮件登录链接',
    byPassword: '密码登录',
    email: '您的邮箱',
    password: '密码',
    sendLink: '发送登录链接',
    linkSent: '如果 {{email}} 在这里有账户，登录链接已发出。链接只能使用一次，15 分钟内有效。',
    submit: '登录',
    staffHint: '您是客服？前往工作台登录',
  },
  link: {
    signingIn: '正在登录…',
    failed: '此登录链接无法使用',
    again: '重新获取链接',
  },
  nav: {
    requests: '我的请求',
    newRequest: '提交新请求',
    signOut: '退出登录',
    menu: '帮助中心导航',
  },
  list: {
    title: '我的请求',
    empty: '您还没有提交过请求。',
    updated: '{{when}}更新',
    loadMore: '显示更多',
  },
  status: {
    new: '已收到',
    open: '处理中',
    pending: '等待您的回复',
    on_hold: '处理中',
    solved: '已解决',
    closed: '已关闭',
  },
  ticket: {
    back: '我的请求',
    notFound: '该请求不存在或不属于您。',
    you: '您',
    support: '客服',
    reply: '您的回复',
    replyPlaceholder: '写下您的回复…',
    send: '发送',
    sent: '已发送',
    closed: '该请求已关闭。如需更多帮助，请提交新请求。',
    attachments: '附件',
  },
  create: {
    title: '提交新请求',
    subject: '主题',
    description: '请描述您的问题',
    attach: '添加附件',
    submit: '提交请求',
    created: '请求 #{{number}} 已收到，我们会尽快回复。',
    uploadFailed: '{{name}} 上传失败',
  },
  staff: {
    title: '这里是客户帮助中心',
    body: '您当前以团队成员身份登录。处理工单请前往工作台。',
    open: '打开工作台',
  },
};
