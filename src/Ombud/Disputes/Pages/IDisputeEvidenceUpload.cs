using Ombud.Platform;

namespace Ombud.Disputes.Pages;

/// <summary>
/// Where the dispute pages hand a file of evidence (the merchant's answer, a shopper's added information). The pages
/// only read the chosen file into memory, at most <see cref="MaxBytes"/>; checking its content and storing it is the
/// evidence-file service's job. The seam is this one method, so binding the real service is one registration.
/// </summary>
internal interface IDisputeEvidenceUpload
{
    /// <summary>The limit per file; the pages refuse larger files before reading them.</summary>
    const long MaxBytes = 7 * 1024 * 1024;

    /// <summary>Stores one file for <paramref name="party"/> ("customer" or "merchant"); the id of the stored file, or why not.</summary>
    Task<Outcome<Guid>> UploadAsync(Guid disputeId, string party, string actor, string fileName, byte[] content, CancellationToken ct);
}

/// <summary>
/// What the pages use until the evidence-file service is registered as <see cref="IDisputeEvidenceUpload"/>: it
/// refuses every file, plainly, and changes nothing.
/// </summary>
internal sealed class FileEvidenceNotYetAvailable : IDisputeEvidenceUpload
{
    public const string Message = "File evidence is not available yet. Please describe it in the text instead.";

    public Task<Outcome<Guid>> UploadAsync(Guid disputeId, string party, string actor, string fileName, byte[] content, CancellationToken ct) =>
        Task.FromResult<Outcome<Guid>>(new Conflict(Message));
}
