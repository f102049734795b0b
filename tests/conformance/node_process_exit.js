// compatibilityDate: 2026-11-17
// process.exit ends the call at once: the code's own catch does not see it, and the caller
// gets workerd's message.
export default {
  async run() {
    try {
      process.exit(3);
    } catch {
      return "caught";
    }
    return "went on";
  },
};
