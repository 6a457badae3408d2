// Largest logo upload (PNG, JPEG or WebP, checked by content): the bridge refuses more, the control page checks before sending.
export const LOGO_MAX_BYTES = 2 * 1024 * 1024;
