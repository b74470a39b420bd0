using System.IO.Compression;

namespace Ombud.Disputes.Evidence;

/// <summary>
/// Tells what a file is from its bytes: PDF, JPEG, PNG or DOCX, nothing else. A name or a declared content type is
/// whatever the sender typed, so an executable called receipt.pdf must fail here, and does.
/// </summary>
internal static class EvidenceFileKinds
{
    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>The content type the bytes are, or null when they are none of the four kinds accepted.</summary>
    public static string? Detect(byte[] content)
    {
        var bytes = content.AsSpan();
        if (bytes.StartsWith(PdfMagic))
        {
            return Pdf;
        }

        if (bytes.StartsWith(PngMagic))
        {
            return Png;
        }

        if (bytes.StartsWith(JpegMagic))
        {
            return Jpeg;
        }

        return bytes.StartsWith(ZipMagic) && IsWordDocument(content) ? Docx : null;
    }

    /// <summary>The extension a stored file gets: from what its bytes are, never from the name it came with.</summary>
    public static string ExtensionOf(string contentType) => contentType switch
    {
        Pdf => "pdf",
        Jpeg => "jpg",
        Png => "png",
        Docx => "docx",
        _ => "bin",
    };

    /// <summary>
    /// A DOCX is an OOXML package whose main part is a plain Word document: its <c>[Content_Types].xml</c> declares
    /// the document content type (not the macro-enabled or template one) and no part of a macro or ActiveX type, and no
    /// relationship anywhere names a VBA project or points outside the file (a remote template, a linked object) other
    /// than a hyperlink. Part names are compared ignoring case, as Office does. Only the directory and the small XML
    /// parts that say this are read, each at most <see cref="MaxPackageXmlBytes"/>, so a zip bomb costs nothing.
    /// </summary>
    private static bool IsWordDocument(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxPackageParts)
            {
                return false;
            }

            var types = zip.Entries.SingleOrDefault(e => e.FullName.Equals("[Content_Types].xml", StringComparison.OrdinalIgnoreCase));
            if (types is null || ReadXml(types) is not { } typesXml || !DeclaresPlainWordDocument(typesXml))
            {
                return false;
            }

            return zip.Entries
                .Where(e => e.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase))
                .All(e => ReadXml(e) is { } rels && !HasForbiddenRelationship(rels))
                && !zip.Entries.Any(e => e.FullName.Contains("vbaProject", StringComparison.OrdinalIgnoreCase)
                                        || e.FullName.Contains("activeX", StringComparison.OrdinalIgnoreCase));
        }
        catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException or IOException)
        {
            return false;
        }
    }

    private const int MaxPackageParts = 1000;
    private const long MaxPackageXmlBytes = 1024 * 1024;
    private const string WordMain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";

    private static System.Xml.Linq.XDocument? ReadXml(ZipArchiveEntry entry)
    {
        if (entry.Length > MaxPackageXmlBytes)
        {
            return null;
        }

        using var stream = entry.Open();
        using var reader = System.Xml.XmlReader.Create(stream, new System.Xml.XmlReaderSettings
        {
            DtdProcessing = System.Xml.DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxPackageXmlBytes,
        });
        return System.Xml.Linq.XDocument.Load(reader);
    }

    private static bool DeclaresPlainWordDocument(System.Xml.Linq.XDocument types)
    {
        var declared = types.Descendants()
            .Select(e => (string?)e.Attribute("ContentType") ?? "")
            .ToList();
        return declared.Any(t => t.Equals(WordMain, StringComparison.OrdinalIgnoreCase))
               && !declared.Any(t => t.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase)
                                     || t.Contains("vbaProject", StringComparison.OrdinalIgnoreCase)
                                     || t.Contains("activeX", StringComparison.OrdinalIgnoreCase)
                                     || t.Contains("template", StringComparison.OrdinalIgnoreCase));
    }

    private static bool HasForbiddenRelationship(System.Xml.Linq.XDocument rels) =>
        rels.Descendants().Any(r =>
        {
            var type = (string?)r.Attribute("Type") ?? "";
            var external = string.Equals((string?)r.Attribute("TargetMode"), "External", StringComparison.OrdinalIgnoreCase);
            return type.Contains("vbaProject", StringComparison.OrdinalIgnoreCase)
                   || (external && !type.EndsWith("/hyperlink", StringComparison.OrdinalIgnoreCase));
        });
}
