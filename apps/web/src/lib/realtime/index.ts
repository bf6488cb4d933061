export { openStream, streamUrl, type StreamStatus } from './stream';
export { parseNotice, parseStreamMessage, type Notice, type StreamMessage, type PresenceNotice, type PresenceUser } from './notice';
export { reconnectDelay } from './backoff';
export { createRealtimeChannel, realtimeChannel, type RealtimeChannel } from './channel';
