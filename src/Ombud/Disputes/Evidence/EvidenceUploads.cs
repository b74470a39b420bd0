using System.Security.Cryptography;
using Ombud.Platform;

namespace Ombud.Disputes.Evidence;

/// <summary>
/// Reads the files of one upload and checks each by its content before anything is stored: at most
/// <see cref="MaxFiles"/> files of at most <see cref="MaxFileBytes"/> each, every one a PDF, JPEG, PNG or DOCX. The
/// first refusal names the field (<c>files[2]</c>) and nothing of the upload is kept.
/// </summary>
internal static class EvidenceUploads
{
    public const int MaxFiles = 10;
    public const long MaxFileBytes = 7 * 1024 * 1024;

    /// <summary>What an upload endpoint accepts as a body: every file at its limit, and room for the text fields.</summary>
    public const long MaxRequestBytes = (MaxFiles * MaxFileBytes) + (1024 * 1024);

    private const int MaxNameLength = 200;

    /// <summary>The files of a multipart/form-data request.</summary>
    public static Task<Outcome<IReadOnlyList<EvidenceUpload>>> ReadAsync(IFormFileCollection? files, CancellationToken ct) =>
        CheckAsync([.. (files ?? new FormFileCollection()).Select(f => new IncomingFile(f.FileName, f.Length, f.OpenReadStream))], ct);

    /// <summary>Files from anywhere (a page's <c>IBrowserFile</c>: name, size and <c>() => OpenReadStream(MaxFileBytes)</c>).</summary>
    public static async Task<Outcome<IReadOnlyList<EvidenceUpload>>> CheckAsync(IReadOnlyList<IncomingFile> files, CancellationToken ct)
    {
        if (files.Count == 0)
        {
            return Array.Empty<EvidenceUpload>();
        }

        if (files.Count > MaxFiles)
        {
            return Invalid.Field("files", $"At most {MaxFiles} files per upload; this one has {files.Count}.");
        }

        var uploads = new List<EvidenceUpload>(files.Count);
        for (var i = 0; i < files.Count; i++)
        {
            var field = $"files[{i}]";
            var file = files[i];
            var name = NameOf(file.Name);
            if (file.Length > MaxFileBytes)
            {
                return new TooLarge(field, $"'{name}' has {file.Length} bytes; a file may have at most {MaxFileBytes} (7 MB).");
            }

            if (file.Length == 0)
            {
                return Invalid.Field(field, $"'{name}' is empty.");
            }

            var content = new byte[file.Length];
            await using (var stream = file.Open())
            {
                await stream.ReadExactlyAsync(content, ct);
            }

            if (EvidenceFileKinds.Detect(content) is not { } contentType)
            {
                return Invalid.Field(field, $"'{name}' is not a PDF, JPEG, PNG or DOCX file. Files are checked by their content, not their name or declared type.");
            }

            uploads.Add(new EvidenceUpload(name, contentType, content.Length, Convert.ToHexStringLower(SHA256.HashData(content)), content));
        }

        return uploads;
    }

    /// <summary>
    /// A name as it may be shown: without control characters and without Unicode format characters (the bidirectional
    /// overrides and isolates that make "invoice[U+202E]fdp.exe" read as "invoiceexe.pdf", zero-width joiners and marks).
    /// </summary>
    public static string Shown(string name) =>
        new string([.. name.Where(c => !char.IsControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format)]).Trim();

    /// <summary>The name without any directory the client sent, shown safely (<see cref="Shown"/>), and not too long to show.</summary>
    private static string NameOf(string? fileName)
    {
        var name = Shown(Path.GetFileName((fileName ?? "").Replace('\\', '/')));
        if (name.Length == 0)
        {
            return "file";
        }

        return name.Length <= MaxNameLength ? name : name[..MaxNameLength];
    }
}

/// <summary>A file as it arrives, before any check: the name the sender gave, its length and a way to read it.</summary>
internal sealed record IncomingFile(string? Name, long Length, Func<Stream> Open);
