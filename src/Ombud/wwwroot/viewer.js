// Tells the server the browser's time zone, so pages show times in it (Ombud.Web.Viewer reads the cookie). Runs before
// Blazor starts: the live page's connection already carries it; only a very first prerendered page falls back to UTC.
(() => {
    // IANA names ("Europe/Stockholm", "America/Argentina/Buenos_Aires") are valid cookie values as they are.
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone) {
        const secure = location.protocol === "https:" ? "; secure" : "";
        document.cookie = `ombud-tz=${zone}; path=/; max-age=31536000; samesite=lax${secure}`;
    }
})();
