namespace Ombud.Disputes.Evidence;

/// <summary>
/// A file a party sent as evidence, kept in the database with the dispute (table <c>disputes_files</c>) so a backup,
/// a replica or a second node has it too. The content type is what the bytes are, never what the name or the upload
/// claimed; the SHA-256 lets either side show later that a file is the one that was sent.
/// </summary>
public sealed class EvidenceFile
{
    private EvidenceFile()
    {
    }

    internal EvidenceFile(Guid id, Guid disputeId, DisputeParty party, string uploadedBy, EvidenceUpload upload, DateTime uploadedAt)
    {
        Id = id;
        DisputeId = disputeId;
        Party = party;
        UploadedBy = uploadedBy;
        FileName = upload.FileName;
        ContentType = upload.ContentType;
        SizeBytes = upload.Content.Length;
        Sha256 = upload.Sha256;
        Content = upload.Content;
        UploadedAt = uploadedAt;
    }

    public Guid Id { get; private set; }

    public Guid DisputeId { get; private set; }

    public DisputeParty Party { get; private set; }

    /// <summary>The actor who sent it, as on the dispute's transitions.</summary>
    public string UploadedBy { get; private set; } = "";

    /// <summary>The name the uploader gave, without any path or bidirectional controls; shown as text, never trusted, never a file name.</summary>
    public string FileName { get; private set; } = "";

    /// <summary>The name it is stored and served under: <c>evidence-&lt;id&gt;.&lt;extension of what the bytes are&gt;</c>.</summary>
    public string StoredName => StoredNameOf(Id, ContentType);

    public static string StoredNameOf(Guid id, string contentType) => $"evidence-{id:D}.{EvidenceFileKinds.ExtensionOf(contentType)}";

    /// <summary>Detected from the content: application/pdf, image/jpeg, image/png or the DOCX type.</summary>
    public string ContentType { get; private set; } = "";

    public long SizeBytes { get; private set; }

    /// <summary>Lower-case hex.</summary>
    public string Sha256 { get; private set; } = "";

    public byte[] Content { get; private set; } = [];

    public DateTime UploadedAt { get; private set; }

    /// <summary>True once erasure or retention took the content and the given name; the hash still proves what was sent.</summary>
    public bool IsRemoved => Content.Length == 0 && SizeBytes > 0;

    internal void RemoveContent(string removed) => (FileName, Content) = (removed, []);
}

/// <summary>
/// A file that passed the checks (<see cref="EvidenceUploads"/>) and may be attached to a dispute. The bytes are left
/// out of JSON, so an idempotent request is recognised by the files' hashes rather than by megabytes of content.
/// </summary>
public sealed record EvidenceUpload(string FileName, string ContentType, long Size, string Sha256,
    [property: System.Text.Json.Serialization.JsonIgnore] byte[] Content);
