using System.IO.Compression;
using System.Text;

namespace Ombud.Tests.Disputes.Http;

/// <summary>Small files of each kind, real and disguised, as a test uploads them: bytes, the name given and the type declared.</summary>
internal sealed record EvidenceSample(string Name, byte[] Bytes, string DeclaredType)
{
    public static EvidenceSample Pdf(string name = "delivery-receipt.pdf", int size = 600) =>
        new(name, Padded("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n", size, "\n%%EOF\n"), "application/pdf");

    public static EvidenceSample Png(string name = "parcel.png") =>
        new(name, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 1], "image/png");

    public static EvidenceSample Jpeg(string name = "doorstep.jpg") => new(name, [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0], "image/jpeg");

    public static EvidenceSample Docx(string name = "statement.docx") => WordPackage(name, WordMain);

    /// <summary>A Word package: its content types (with <paramref name="mainType"/> for the main part) and any other parts given.</summary>
    public static EvidenceSample WordPackage(string name, string mainType, params (string Name, string Text)[] parts) => new(name, Zip(
        [
            ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + $"<Override PartName=\"/word/document.xml\" ContentType=\"{mainType}\"/></Types>"),
            ("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"),
            ("word/document.xml", "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>"),
            .. parts,
        ]),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

    public const string WordMain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";

    /// <summary>A Windows executable called a PDF and declared as one.</summary>
    public static EvidenceSample ExecutableAsPdf() => new("receipt.pdf", Padded("MZ\u0090\0\u0003\0\0\0This program cannot be run in DOS mode.", 400, ""), "application/pdf");

    /// <summary>A plain zip called a PDF, and a zip called a DOCX that lacks the Word document inside.</summary>
    public static EvidenceSample ZipAsPdf() => new("invoice.pdf", Zip([("readme.txt", "hello")]), "application/pdf");

    public static EvidenceSample ZipAsDocx() => new("letter.docx", Zip([("[Content_Types].xml", "<Types/>"), ("payload.exe", "MZ")]),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

    private static byte[] Padded(string head, int size, string tail)
    {
        var bytes = new byte[Math.Max(size, head.Length + tail.Length)];
        Array.Fill(bytes, (byte)' ');
        Encoding.Latin1.GetBytes(head).CopyTo(bytes, 0);
        Encoding.Latin1.GetBytes(tail).CopyTo(bytes, bytes.Length - tail.Length);
        return bytes;
    }

    private static byte[] Zip(IEnumerable<(string Name, string Text)> entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                // A fixed time: the same sample made twice is the same bytes (a retried request must hash alike).
                var entry = zip.CreateEntry(name);
                entry.LastWriteTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var writer = new StreamWriter(entry.Open());
                writer.Write(text);
            }
        }

        return buffer.ToArray();
    }
}
