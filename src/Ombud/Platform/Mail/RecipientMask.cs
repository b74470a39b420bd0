namespace Ombud.Platform.Mail;

/// <summary>
/// An address as a page shows it: <c>a***@example.com</c>, enough to tell two apart, not to write to. The admin's mail
/// outbox and the fraud link graph (with its own <c>hidden</c> mark) both show addresses so.
/// </summary>
public static class RecipientMask
{
    public static string Mask(string address, string hidden = "***")
    {
        var at = address.LastIndexOf('@');
        return at <= 0 ? hidden : $"{address[0]}{hidden}{address[at..]}";
    }

    /// <summary>An SMTP server's answer often quotes the address it refused: the stored error quotes it masked.</summary>
    public static string? Scrub(string? text, string address) =>
        text is null || address.Length == 0 ? text : text.Replace(address, Mask(address), StringComparison.OrdinalIgnoreCase);
}
