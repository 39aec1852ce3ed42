/** A small built-in set of common emoji for the composer and reactions (no emoji library needed). */
export const EMOJI = [
  '😀', '😂', '🙂', '😉', '😍', '😎', '🤔', '😅',
  '😮', '😢', '😡', '😴', '🤗', '🥳', '🙌', '👏',
  '👍', '👎', '👌', '🙏', '💪', '🤝', '👀', '🤷',
  '❤️', '🔥', '🎉', '✨', '💡', '✅', '❌', '⚠️',
  '📌', '📎', '📅', '⏰', '🚀', '☕', '💯', '🍀',
];

/** Offered first when reacting to a message. */
export const QUICK_REACTIONS = ['👍', '❤️', '😂', '🎉', '😮', '😢'];
