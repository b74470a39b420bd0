using Microsoft.AspNetCore.Components.Forms;
using Ombud.Disputes.Evidence;
using Ombud.Platform;

namespace Ombud.Disputes.Pages;

/// <summary>
/// A file chosen in the browser, checked exactly as the API checks an upload (<see cref="EvidenceUploads"/>): by its
/// size before a byte is read, then by its content. The stream is the circuit's, capped at the limit, so a browser
/// that lies about the size cannot send more.
/// </summary>
internal static class ChosenFiles
{
    public static async Task<Outcome<EvidenceUpload>> CheckAsync(IBrowserFile file, CancellationToken ct)
    {
        var checkedFiles = await EvidenceUploads.CheckAsync(
            [new IncomingFile(file.Name, file.Size, () => file.OpenReadStream(EvidenceUploads.MaxFileBytes, ct))], ct);
        return checkedFiles.Succeeded ? checkedFiles.Value![0] : checkedFiles.Error!;
    }
}
