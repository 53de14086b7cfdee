/** Leaving the SPA for another URL (another host). One seam, so tests can observe it. */
export const browser = {
  assign(url: string): void {
    window.location.assign(url);
  },
};
