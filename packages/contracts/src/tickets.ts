/**
 * Tickets API: request and response schemas shared by the server (validation, OpenAPI,
 * response allow-list) and the web app. Ids are strings; JSON fields are snake_case.
 */
import { z } from 'zod';

// ---------- shared pieces ----------

/** A bigint id as a string (at most 18 digits, so it always fits PostgreSQL's bigint). */
export const IdString = z.string().regex(/^[1-9][0-9]{0,17}$/, 'must be a positive integer id');
/** Ids in request bodies: a string or a JSON number (integrators send both); always a string after parsing. */
export const IdInput = z
  .union([IdString, z.number().int().positive().max(Number.MAX_SAFE_INTEGER)])
  .transform((value) => String(value));
export const IdParams = z.object({ id: IdString });

export const STATUS_CATEGORY_VALUES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export const StatusCategory = z.enum(STATUS_CATEGORY_VALUES);
export const PRIORITY_VALUES = ['low', 'normal', 'high', 'urgent'] as const;
export const Priority = z.enum(PRIORITY_VALUES);
export const TicketType = z.enum(['question', 'incident', 'problem', 'task']);
export const VIA_VALUES = ['web', 'api', 'email', 'chat', 'portal', 'wechat', 'wecom', 'phone', 'sms', 'system'] as const;
export const Via = z.enum(VIA_VALUES);
export const FIELD_TYPE_VALUES = ['text', 'number', 'date', 'dropdown', 'multi_select', 'checkbox', 'regex'] as const;
export const FieldType = z.enum(FIELD_TYPE_VALUES);

const Email = z.email().max(254);
const Text = (max: number) => z.string().max(max);
const Timestamp = z.string();
const TagInput = z.string().max(200);

/** `{key: value}` or Zendesk's `[{id, value}]`. Values are checked against their definitions by the server. */
export const CustomFieldsInput = z.union([
  z.record(z.string().max(64), z.unknown()),
  z.array(z.object({ id: IdInput, value: z.unknown() })).max(200),
]);

export const PageQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

export const pageOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), next_cursor: z.string().nullable() });

// ---------- tickets ----------

export const CommentInput = z
  .object({
    body: Text(200_000).optional(),
    html_body: Text(500_000).optional(),
    public: z.boolean().default(true),
    /** Staff only: who wrote the first message (defaults to the requester for public comments). */
    author_id: IdInput.optional(),
    attachment_tokens: z.array(z.string().max(100)).max(20).optional(),
  })
  .refine((comment) => Boolean(comment.body?.trim() || comment.html_body?.trim()), {
    message: 'body or html_body is required',
    path: ['body'],
  });

export const TicketCreateBody = z.object({
  subject: z.string().trim().min(1).max(255),
  comment: CommentInput,
  requester: z.object({ email: Email, name: Text(255).optional() }).optional(),
  requester_id: IdInput.optional(),
  priority: Priority.optional(),
  type: TicketType.nullable().optional(),
  status: StatusCategory.optional(),
  status_id: IdInput.optional(),
  group_id: IdInput.nullable().optional(),
  assignee_id: IdInput.nullable().optional(),
  organization_id: IdInput.nullable().optional(),
  category_id: IdInput.nullable().optional(),
  form_id: IdInput.nullable().optional(),
  tags: z.array(TagInput).max(100).optional(),
  custom_fields: CustomFieldsInput.optional(),
  via: Via.optional(),
  external_id: z.string().trim().min(1).max(255).optional(),
  cc_emails: z.array(Email).max(50).optional(),
  cc_ids: z.array(IdInput).max(50).optional(),
  follower_ids: z.array(IdInput).max(50).optional(),
});
export type TicketCreateBody = z.input<typeof TicketCreateBody>;

export const TicketUpdateBody = z
  .object({
    subject: z.string().trim().min(1).max(255).optional(),
    requester_id: IdInput.optional(),
    priority: Priority.optional(),
    type: TicketType.nullable().optional(),
    status: StatusCategory.optional(),
    status_id: IdInput.optional(),
    group_id: IdInput.nullable().optional(),
    assignee_id: IdInput.nullable().optional(),
    organization_id: IdInput.nullable().optional(),
    category_id: IdInput.nullable().optional(),
    form_id: IdInput.nullable().optional(),
    tags: z.array(TagInput).max(100).optional(),
    add_tags: z.array(TagInput).max(100).optional(),
    remove_tags: z.array(TagInput).max(100).optional(),
    custom_fields: CustomFieldsInput.optional(),
    external_id: z.string().trim().min(1).max(255).nullable().optional(),
    cc_ids: z.array(IdInput).max(50).optional(),
    cc_emails: z.array(Email).max(50).optional(),
    follower_ids: z.array(IdInput).max(50).optional(),
    via: Via.optional(),
  })
  .strict();
export type TicketUpdateBody = z.input<typeof TicketUpdateBody>;

export const Ticket = z.object({
  id: z.string(),
  number: z.string(),
  subject: z.string(),
  status: StatusCategory,
  status_id: z.string(),
  status_name: z.string(),
  priority: Priority,
  type: TicketType.nullable(),
  category_id: z.string().nullable(),
  requester_id: z.string(),
  submitter_id: z.string().nullable(),
  assignee_id: z.string().nullable(),
  group_id: z.string().nullable(),
  organization_id: z.string().nullable(),
  form_id: z.string().nullable(),
  via: z.string(),
  external_id: z.string().nullable(),
  tags: z.array(z.string()),
  custom_fields: z.record(z.string(), z.unknown()),
  cc_ids: z.array(z.string()),
  /** Staff only; absent for customers. */
  follower_ids: z.array(z.string()).optional(),
  version: z.number().int(),
  created_at: Timestamp,
  updated_at: Timestamp,
  solved_at: Timestamp.nullable(),
  closed_at: Timestamp.nullable(),
});
export type Ticket = z.infer<typeof Ticket>;

/** A comma-separated list of enum values in a query string (`status=open,pending`). */
const csvOf = <const V extends readonly [string, ...string[]]>(values: V) =>
  z
    .string()
    .max(500)
    .transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1).max(10));

export const TicketListQuery = PageQuery.extend({
  status: csvOf(STATUS_CATEGORY_VALUES).optional(),
  status_category: csvOf(STATUS_CATEGORY_VALUES).optional(),
  status_id: IdString.optional(),
  assignee_id: z.union([IdString, z.literal('me'), z.literal('none')]).optional(),
  group_id: z.union([IdString, z.literal('none')]).optional(),
  requester_id: IdString.optional(),
  organization_id: IdString.optional(),
  priority: csvOf(PRIORITY_VALUES).optional(),
  type: TicketType.optional(),
  tag: z.string().max(200).optional(),
  via: Via.optional(),
  external_id: z.string().max(255).optional(),
  /** The human number (#1024), with or without the #. */
  number: z.string().regex(/^#?[1-9][0-9]{0,17}$/).transform((value) => value.replace('#', '')).optional(),
  created_after: z.iso.datetime({ offset: true }).optional(),
  created_before: z.iso.datetime({ offset: true }).optional(),
  updated_after: z.iso.datetime({ offset: true }).optional(),
  updated_before: z.iso.datetime({ offset: true }).optional(),
  /** `id` (newest first, the default) or `updated_at` (most recently updated first). */
  sort: z.enum(['id', 'updated_at']).optional(),
});
export type TicketListQuery = z.input<typeof TicketListQuery>;

export const TicketPage = pageOf(Ticket);

// ---------- messages ----------

export const MessageCreateBody = z
  .object({
    body: Text(200_000).optional(),
    html_body: Text(500_000).optional(),
    public: z.boolean().default(true),
    attachment_tokens: z.array(z.string().max(100)).max(20).optional(),
    via: Via.optional(),
  })
  .strict()
  .refine((message) => Boolean(message.body?.trim() || message.html_body?.trim()), {
    message: 'body or html_body is required',
    path: ['body'],
  });
export type MessageCreateBody = z.input<typeof MessageCreateBody>;

export const Attachment = z.object({
  id: z.string(),
  file_name: z.string(),
  content_type: z.string(),
  size: z.number().int(),
  url: z.string(),
});

export const AttachmentUpload = Attachment.extend({ token: z.string() });

/** What an email message carries beyond the message itself (absent on other channels). */
export const MessageEmail = z.object({
  from: z.string().nullable(),
  to: z.array(z.string()),
  cc: z.array(z.string()),
  subject: z.string().nullable(),
  /** Quoted history and signature, folded away in the conversation but kept. */
  quoted_text: z.string().nullable(),
  quoted_html: z.string().nullable(),
  inbound_id: z.string().nullable(),
  raw_url: z.string().nullable(),
  /** Outbound state of a public reply on an email ticket. */
  delivery: z
    .object({
      status: z.enum(['pending', 'sent', 'failed', 'suppressed']),
      attempts: z.number(),
      error: z.string().nullable(),
      sent_at: z.string().nullable(),
    })
    .nullable(),
});
export type MessageEmail = z.infer<typeof MessageEmail>;

export const Message = z.object({
  id: z.string(),
  ticket_id: z.string(),
  author_id: z.string().nullable(),
  public: z.boolean(),
  body: z.string(),
  html_body: z.string().nullable(),
  via: z.string(),
  attachments: z.array(Attachment),
  /** Email details (sender, recipients, folded quote, delivery state); null on other channels. */
  email: MessageEmail.nullable().optional(),
  created_at: Timestamp,
});
export type Message = z.infer<typeof Message>;

export const MessageCreated = Message.extend({
  /** Set when the ticket was closed: the message opened this follow-up ticket instead. */
  follow_up_ticket_id: z.string().nullable(),
});

export const MessagePage = pageOf(Message);

// ---------- events ----------

export const TicketEvent = z.object({
  id: z.string(),
  ticket_id: z.string(),
  type: z.string(),
  actor_type: z.string(),
  actor_id: z.string().nullable(),
  via: z.string(),
  changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])),
  data: z.record(z.string(), z.unknown()),
  created_at: Timestamp,
});
export const TicketEventPage = pageOf(TicketEvent);

// ---------- configuration ----------

export const TicketStatus = z.object({
  id: z.string(),
  category: StatusCategory,
  name: z.string(),
  name_zh: z.string().nullable(),
  is_default: z.boolean(),
  active: z.boolean(),
  position: z.number().int(),
});
export const TicketStatusCreateBody = z
  .object({
    category: StatusCategory,
    name: z.string().trim().min(1).max(100),
    name_zh: z.string().trim().max(100).nullable().optional(),
    is_default: z.boolean().optional(),
    active: z.boolean().optional(),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();
export const TicketStatusUpdateBody = TicketStatusCreateBody.omit({ category: true }).partial().strict();

export const Category = z.object({
  id: z.string(),
  parent_id: z.string().nullable(),
  name: z.string(),
  name_zh: z.string().nullable(),
  depth: z.number().int(),
  position: z.number().int(),
});
export const CategoryCreateBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    name_zh: z.string().trim().max(100).nullable().optional(),
    parent_id: IdInput.nullable().optional(),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();
export const CategoryUpdateBody = CategoryCreateBody.partial().strict();

export const Tag = z.object({ name: z.string(), count: z.number().int().optional() });
export const TagListQuery = z.object({
  counts: z.enum(['true', 'false']).optional(),
  q: z.string().max(80).optional(),
});
export const TagCreateBody = z.object({ name: z.string().max(200) }).strict();
export const TagParams = z.object({ name: z.string().min(1).max(200) });

export const FieldOption = z.object({
  value: z.string().trim().min(1).max(100),
  label: z.string().trim().min(1).max(200).optional(),
  label_zh: z.string().trim().max(200).nullable().optional(),
});
export const CustomField = z.object({
  id: z.string(),
  key: z.string(),
  title: z.string(),
  title_zh: z.string().nullable(),
  type: FieldType,
  options: z.array(z.object({ value: z.string(), label: z.string(), label_zh: z.string().nullable().optional() })),
  pattern: z.string().nullable(),
  required: z.boolean(),
  required_on_solve: z.boolean(),
  active: z.boolean(),
  position: z.number().int(),
});
export const CustomFieldCreateBody = z
  .object({
    key: z.string().max(64),
    title: z.string().trim().min(1).max(200),
    title_zh: z.string().trim().max(200).nullable().optional(),
    type: FieldType,
    options: z.array(FieldOption).max(500).optional(),
    pattern: z.string().max(500).nullable().optional(),
    required: z.boolean().optional(),
    required_on_solve: z.boolean().optional(),
    active: z.boolean().optional(),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();
/** The key and the type of a field never change (stored values depend on them). */
export const CustomFieldUpdateBody = CustomFieldCreateBody.omit({ key: true, type: true }).partial().strict();

export const TicketForm = z.object({
  id: z.string(),
  name: z.string(),
  field_ids: z.array(z.string()),
  is_default: z.boolean(),
  active: z.boolean(),
  position: z.number().int(),
});
export const TicketFormCreateBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    field_ids: z.array(IdInput).max(200).optional(),
    is_default: z.boolean().optional(),
    active: z.boolean().optional(),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();
export const TicketFormUpdateBody = TicketFormCreateBody.partial().strict();

export const listOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });
