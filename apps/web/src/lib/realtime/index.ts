export { openStream, streamUrl, type StreamStatus } from './stream';
export { parseNotice, parseStreamMessage, type Notice, type StreamMessage } from './notice';
export { reconnectDelay } from './backoff';
