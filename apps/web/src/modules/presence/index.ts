// Presence: who else is on a ticket ("王芳 is replying"), over the realtime stream.
export { usePresence } from './hooks/use-presence';
export { PresenceBar } from './components/presence-bar';
export { othersOnTicket, presenceFrame } from './utils/presence-frames';
