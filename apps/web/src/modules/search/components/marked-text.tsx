import { parseMarked } from '../../tickets';

/** A snippet with its highlights: <mark> parts as <mark>, everything else as plain text. */
export function MarkedText({ snippet }: { snippet: string }) {
  return (
    <span className="sb-snippet">
      {parseMarked(snippet).map((part, index) => (part.marked ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
    </span>
  );
}
