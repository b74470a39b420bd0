using Ombud.Disputes.Evidence;

namespace Ombud.Fraud.Cases;

/// <summary>One line of a case's own timeline: what happened, who did it, and any note, link or file it carries.</summary>
public sealed class CaseEntry
{
    private CaseEntry()
    {
    }

    internal CaseEntry(Guid id, Guid caseId, CaseEntryKind kind, string actor, DateTime at, string text, long? amountMinor, string? link, EvidenceUpload? file)
    {
        Id = id;
        CaseId = caseId;
        Kind = kind;
        Actor = actor;
        At = at;
        Text = text;
        AmountMinor = amountMinor;
        Link = link;
        FileName = file?.FileName;
        FileContentType = file?.ContentType;
        FileContent = file?.Content;
        FileSizeBytes = file?.Content.LongLength;
        FileSha256 = file?.Sha256;
    }

    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    public CaseEntryKind Kind { get; private set; }

    public string Actor { get; private set; } = "";

    public DateTime At { get; private set; }

    public string Text { get; private set; } = "";

    public long? AmountMinor { get; private set; }

    /// <summary>Where external evidence lives (a public post), as the specialist gave it.</summary>
    public string? Link { get; private set; }

    public string? FileName { get; private set; }

    public string? FileContentType { get; private set; }

    public byte[]? FileContent { get; private set; }

    public long? FileSizeBytes { get; private set; }

    /// <summary>Shows later that a file is the one that was kept (a screenshot of a post that has since gone).</summary>
    public string? FileSha256 { get; private set; }

    /// <summary>Erasure: the note, the link and the file's name and bytes go; its size and hash stay as a record that there was one.</summary>
    internal void RemoveContent(string removed)
    {
        Text = removed;
        Link = Link is null ? null : removed;
        if (FileContent is not null)
        {
            (FileName, FileContent) = (removed, []);
        }
    }
}
