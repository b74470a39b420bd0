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

    /// <summary>
    /// A DOCX is a zip holding the package's content types and a main Word document. Only the zip's directory is read,
    /// never an entry, so a zip bomb costs nothing. Macro-enabled documents (a VBA project inside) are refused.
    /// </summary>
    private static bool IsWordDocument(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            return names.Contains("[Content_Types].xml") && names.Contains("word/document.xml") && !names.Contains("word/vbaProject.bin");
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
