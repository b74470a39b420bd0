using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Platform.Privacy;
using Ombud.Platform.Storage;

namespace Ombud.Platform.Mail;

/// <summary>
/// Sent and failed e-mails are deleted <see cref="PrivacyOptions.MailDays"/> after they were queued: the outbox holds a
/// shopper's address and words, and the message itself lives in their inbox and in the app. Queued and unsent ones are
/// kept, so nothing waiting to go out is lost.
/// </summary>
internal sealed class MailRetention(OmbudDb db, IOptions<PrivacyOptions> options) : IRetentionRule
{
    private const int Batch = 500;

    public string Name => "mail";

    public async Task<RetentionPass> ApplyAsync(DateTime now, CancellationToken ct)
    {
        var cutoff = now.AddDays(-options.Value.MailDays);
        var old = await db.Set<OutgoingMail>().Where(m => (m.Status == MailStatus.Sent || m.Status == MailStatus.Failed) && m.CreatedAt < cutoff)
            .OrderBy(m => m.Id).Take(Batch + 1).ToListAsync(ct);
        db.RemoveRange(old.Take(Batch));
        return new RetentionPass(Math.Min(old.Count, Batch), old.Count > Batch);
    }
}
