// Limits both the bridge and the page enforce, kept here so the page never imports bridge code.
export const LOGO_MAX_BYTES = 2 * 1024 * 1024;
