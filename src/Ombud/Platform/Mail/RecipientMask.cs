namespace Ombud.Platform.Mail;

/// <summary>An address as the admin page shows it: <c>a***@example.com</c>, enough to tell two apart, not to write to.</summary>
public static class RecipientMask
{
    public static string Mask(string address)
    {
        var at = address.LastIndexOf('@');
        return at <= 0 ? "***" : $"{address[0]}***{address[at..]}";
    }

    /// <summary>An SMTP server's answer often quotes the address it refused: the stored error quotes it masked.</summary>
    public static string? Scrub(string? text, string address) =>
        text is null || address.Length == 0 ? text : text.Replace(address, Mask(address), StringComparison.OrdinalIgnoreCase);
}
